import { expect, expectBackend, test, TINY_MAE, violations } from './fixtures';

/**
 * Steps of 2 windows, validating, saving and picturing every 5 steps: quick on SwiftShader, and
 * long enough that the run is still going when the test presses Stop.
 */
const TINY_TRAIN = 'tr.s=80&tr.b=2&tr.ve=5&tr.ce=5&tr.se=5';

test('trains the tiny MAE on WebGPU: live curves and reconstruction, Stop, reload and resume', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/?backend=webgpu&p=data&n=32&b.n=6&b.t=8&eq=heat&heat.ic=random-sines');
  await expectBackend(page, 'webgpu');
  const datasets = page.getByRole('region', { name: 'Datasets' });
  await datasets.getByRole('button', { name: 'Build dataset' }).click();
  await expect(datasets.getByText(/Saved “Heat equation, 6×8 at 32²/)).toBeVisible({
    timeout: 120_000,
  });

  await page.goto(`/?backend=webgpu&p=train&${TINY_MAE}&${TINY_TRAIN}`);
  await expectBackend(page, 'webgpu');
  await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible();
  await expect(page.getByText(/Tiny preset/)).toBeVisible();
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toBeVisible();

  // The loss chart draws and the reconstruction is replaced by a later snapshot.
  await expect(
    page.getByRole('figure', { name: 'Training and validation loss' }).locator('svg').first(),
  ).toBeVisible({ timeout: 120_000 });
  // The live charts' step axis turns logarithmic on request.
  await page.getByRole('checkbox', { name: 'Log-scale step axis', exact: true }).check();
  await expect(
    page.getByRole('figure', { name: 'Training and validation loss' }).locator('.xtitle'),
  ).toHaveText('step (log scale)');
  await expect(page.getByRole('img', { name: /^MAE reconstruction after step \d+/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^MAE reconstruction after step [1-9]/ })).toBeVisible(
    { timeout: 120_000 },
  );

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Training stopped; the checkpoint is saved.')).toBeVisible({
    timeout: 60_000,
  });
  const row = page.getByRole('row').filter({ hasText: 'MAE tiny on' });
  await expect(row).toContainText('stopped');
  const resumeButton = page.getByRole('button', { name: /^Resume from step \d+$/ });
  await expect(resumeButton).toBeVisible();
  const stoppedAt = Number((await resumeButton.textContent())!.match(/\d+/)![0]);
  expect(stoppedAt).toBeGreaterThanOrEqual(5);
  expect(stoppedAt).toBeLessThan(80);

  await page.reload();
  await expectBackend(page, 'webgpu');
  const afterReload = page.getByRole('button', { name: `Resume from step ${stoppedAt}` });
  await expect(afterReload).toBeVisible();
  await afterReload.click();
  // The run goes on from its checkpoint with its history, and finishes.
  await expect(page.getByText('Trained 80 steps; the checkpoint is saved.')).toBeVisible({
    timeout: 180_000,
  });
  await expect(page.getByTestId('train-step')).toHaveText('80 / 80');
  await expect(row).toContainText('done');
  await expect(row).toContainText('80 / 80');
  await expect(page.getByRole('button', { name: /^Resume from step/ })).toHaveCount(0);

  // Its settings in their columns, the learning rate written as everywhere ("1e-2"), and the
  // table fits the 1280 px window without scrolling sideways.
  await expect(page.getByRole('table', { name: /^Recorded runs, newest first/ })).toBeVisible();
  const cells = row.getByRole('cell');
  await expect(cells.nth(2)).toHaveText(/^Tiny[\d.]+ k params$/);
  await expect(cells.nth(3)).toHaveText('0.75');
  await expect(cells.nth(4)).toHaveText('1e-2');
  await expect(cells.nth(5)).toHaveText('2');
  const runsTable = page.getByRole('region', { name: 'Runs' }).locator('.train-runs__table');
  expect(await runsTable.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

  await row.getByRole('checkbox').check();
  const overlay = page.getByRole('figure', { name: 'Loss curves of the chosen runs' });
  await expect(overlay.locator('svg').first()).toBeVisible();
  // One run: a linear step axis by default, logarithmic on request.
  const logSteps = page.getByRole('checkbox', { name: 'Log-scale step axis for the chosen runs' });
  await expect(logSteps).not.toBeChecked();
  await expect(overlay.locator('.xtitle')).toHaveText('step');
  await logSteps.check();
  await expect(overlay.locator('.xtitle')).toHaveText('step (log scale)');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('train.png'), fullPage: true });
});
