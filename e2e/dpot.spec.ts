import { expect, expectBackend, test, violations } from './fixtures';

/** The tiny DPOT's architecture through its URL keys: quick on SwiftShader. */
const TINY_DPOT =
  'model=dpot&mp=tiny&dpot.n=32&dpot.tin=3&dpot.p=4&dpot.w=16&dpot.l=1&dpot.nb=2&dpot.od=8';
/** Six steps of 2 windows, validated, saved and pictured every 3. */
const SIX_STEPS = 'tr.s=6&tr.b=2&tr.ve=3&tr.ce=3&tr.se=3';

test.describe('DPOT', () => {
  // The lab's own run only: the shipped models stay out of the pickers.
  test.use({ shipsPretrainedModel: false });

  test('trains the tiny DPOT on WebGPU, pictures its rollout and rolls a held-out trajectory out', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    await page.goto('/?backend=webgpu&p=data&n=32&b.n=6&b.t=8&eq=heat');
    await expectBackend(page, 'webgpu');
    const datasets = page.getByRole('region', { name: 'Datasets' });
    await datasets.getByRole('button', { name: 'Build dataset' }).click();
    await expect(datasets.getByText(/^Saved “.*6×8 at 32²/)).toBeVisible({ timeout: 120_000 });

    await page.goto(`/?backend=webgpu&p=train&${TINY_DPOT}&${SIX_STEPS}`);
    await expectBackend(page, 'webgpu');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect(page.getByText('Trained 6 steps; the checkpoint is saved.')).toBeVisible({
      timeout: 240_000,
    });
    // The live picture is DPOT's own: a validation trajectory rolled out 8 − 3 = 5 steps.
    await expect(
      page.getByRole('heading', { name: 'Rollout of a validation trajectory' }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('figure', { name: /^Relative L2 error at each of the 5 rollout steps/ })
        .locator('svg')
        .first(),
    ).toBeVisible({ timeout: 60_000 });

    // Results: the trained model (picked by default) rolls a held-out trajectory out against
    // persistence.
    await page.goto(`/?backend=webgpu&p=results&${TINY_DPOT}`);
    await expectBackend(page, 'webgpu');
    const setup = page.getByRole('form', { name: 'What to roll out' });
    await expect(setup.getByLabel('Trained DPOT')).toHaveValue(/.+/, { timeout: 60_000 });
    await setup.getByRole('button', { name: 'Roll out' }).click();
    await expect(page.getByRole('heading', { name: /^Rollout of trajectory \d+$/ })).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      page
        .getByRole('figure', { name: /^Mean relative L2 error at each of the \d+ steps/ })
        .locator('svg')
        .first(),
    ).toBeVisible({ timeout: 60_000 });
    expect(await violations(page)).toEqual([]);
  });
});
