import { expect, expectBackend, test, violations } from './fixtures';

/** The tiny PhysicNet-style's architecture through its URL keys: quick on SwiftShader. */
const TINY_PHYSICNET =
  'model=physicnet&pn.tin=2&pn.tout=2&pn.w=8&pn.d=8&pn.k=16&pn.it=1&pn.h=2&mp=tiny';
/** Six iterations of 2 windows, validated, saved and pictured every 3. */
const SIX_STEPS = 'tr.s=6&tr.b=2&tr.ve=3&tr.ce=3&tr.se=3';

test.describe('PhysicNet-style', () => {
  // The lab's own run only: the shipped models stay out of the pickers.
  test.use({ shipsPretrainedModel: false });

  test('trains the tiny PhysicNet-style on WebGPU and pictures its codes and flow', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    await page.goto('/?backend=webgpu&p=data&n=32&b.n=6&b.t=8&eq=swirl&swirl.ic=gaussian-blobs');
    await expectBackend(page, 'webgpu');
    const datasets = page.getByRole('region', { name: 'Datasets' });
    await datasets.getByRole('button', { name: 'Build dataset' }).click();
    await expect(datasets.getByText(/Saved “Advection by a swirling flow, 6×8 at 32²/)).toBeVisible(
      { timeout: 120_000 },
    );

    await page.goto(`/?backend=webgpu&p=train&${TINY_PHYSICNET}&${SIX_STEPS}`);
    await expectBackend(page, 'webgpu');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect(page.getByText('Trained 6 steps; the checkpoint is saved.')).toBeVisible({
      timeout: 240_000,
    });

    // The live picture is PhysicNet-style's own: the codes and the flow of a validation window.
    await expect(page.getByRole('img', { name: /^Forecast after training step 6/ })).toBeVisible();
    await expect(
      page.getByRole('img', { name: /^Code map of the last input frame: 8 × 8 latent cells/ }),
    ).toBeVisible();
    const mostUsed = page
      .getByRole('list', { name: 'Most used codes' })
      .getByRole('button')
      .first();
    await mostUsed.click();
    await expect(mostUsed).toHaveAttribute('aria-pressed', 'true');
    await expect(
      page.getByRole('img', { name: /^Estimated flow, arrows over the last input frame/ }),
    ).toBeVisible();
    // The swirl knows its velocity: the estimate is drawn beside it and scored.
    await expect(
      page.getByRole('img', { name: /^True velocity, averaged over 4 × 4 blocks/ }),
    ).toBeVisible();
    await expect(page.getByText(/^Mean end-point error:/)).toBeVisible();

    // Results: the trained model (picked by default) forecasts a held-out trajectory and is
    // scored against persistence.
    await page.goto(`/?backend=webgpu&p=results&${TINY_PHYSICNET}`);
    await expectBackend(page, 'webgpu');
    const setup = page.getByRole('form', { name: 'What to forecast' });
    await expect(setup.getByLabel('Trained PhysicNet-style')).toHaveValue(/.+/, {
      timeout: 60_000,
    });
    await setup.getByRole('button', { name: 'Forecast' }).click();
    const table = page.getByRole('table', {
      name: /^PhysicNet-style against persistence on \d+ windows/,
    });
    await expect(table).toBeVisible({ timeout: 120_000 });
    await expect(table.getByRole('row')).toHaveCount(7);
    // Test MSE, relative L2 and SSIM: numbers for the model and for persistence.
    for (const measure of ['Test MSE', 'Relative L2 error', 'SSIM']) {
      const cells = table.getByRole('row').filter({ hasText: measure }).getByRole('cell');
      for (const cell of await cells.all()) await expect(cell).toHaveText(/^-?\d/);
    }
    await expect(
      table.getByRole('row').filter({ hasText: 'Flow end-point error' }).getByRole('cell').first(),
    ).toHaveText(/^\d/);
    await expect(page.getByRole('heading', { name: /^Forecast of trajectory \d+$/ })).toBeVisible();
    await expect(
      page.getByRole('img', { name: /^Code map of the last input frame: 8 × 8 latent cells/ }),
    ).toBeVisible();
    await expect(
      page.getByRole('img', { name: /^Estimated flow, arrows over the last input frame/ }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('figure', { name: /^Mean squared error at each of the 2 forecast steps/ })
        .locator('svg')
        .first(),
    ).toBeVisible({ timeout: 60_000 });
    expect(await violations(page)).toEqual([]);
  });
});

// Issue 14's acceptance path, as a student on a fresh profile: PhysicNet's default dataset, the
// shipped model's forecast with its code map and its estimated flow over the true velocity.
test('a fresh profile sees the shipped PhysicNet-style forecast swirling blobs, its codes and its flow', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await page.goto('/?p=results&model=physicnet');
  await expectBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Build the default dataset' }).click();

  const setup = page.getByRole('form', { name: 'What to forecast' });
  await expect(setup.getByLabel('Trained PhysicNet-style').locator('option:checked')).toHaveText(
    /^Pretrained small PhysicNet-style on swirling blobs/,
    { timeout: 240_000 },
  );
  await setup.getByRole('button', { name: 'Forecast' }).click();
  const table = page.getByRole('table', {
    name: /^PhysicNet-style against persistence on \d+ windows/,
  });
  await expect(table).toBeVisible({ timeout: 180_000 });
  await expect(
    page.getByRole('img', { name: /^Code map of the last input frame: 8 × 8 latent cells/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Estimated flow, arrows over the last input frame/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^True velocity, averaged over 4 × 4 blocks/ }),
  ).toBeVisible();
  await expect(
    table.getByRole('row').filter({ hasText: 'Flow end-point error' }).getByRole('cell').first(),
  ).toHaveText(/^\d/);
});
