import { readFile } from 'node:fs/promises';
import {
  buildSmallHeatDataset,
  expect,
  expectBackend,
  test,
  TINY_MAE,
  violations,
} from './fixtures';

/** Batches of 2 windows; validation, checkpoint and picture only at each run's end. */
const TINY_TRAIN = 'tr.b=2&tr.ve=100&tr.ce=100&tr.se=100';

test('sweeps the learning rate over two tiny MAE runs on WebGPU: queue, chart, best, table, CSV', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await buildSmallHeatDataset(page);

  await page.goto(`/?backend=webgpu&p=train&${TINY_MAE}&${TINY_TRAIN}`);
  await expectBackend(page, 'webgpu');
  const sweep = page.getByRole('region', { name: 'Hyperparameter sweep' });
  await expect(sweep.getByText('No sweep recorded yet')).toBeVisible();
  await expect(sweep.getByText('Choose at least one parameter to sweep.')).toBeVisible();

  await sweep.getByLabel('Parameter to add').selectOption({ label: 'Peak learning rate' });
  await sweep.getByRole('button', { name: 'Add parameter' }).click();
  await sweep.getByLabel('Peak learning rate: values or range').selectOption('values');
  const values = sweep.getByLabel('Peak learning rate values');
  // A value outside the schema's range is named, and Start stays off.
  await values.fill('1e-3, 5');
  await expect(sweep.getByText('Peak learning rate: “5” is outside 0.00001…0.1.')).toBeVisible();
  await expect(sweep.getByRole('button', { name: 'Start sweep' })).toBeDisabled();
  await values.fill('1e-3, 1e-2');
  // Too few steps for the one-cycle schedule to rise: said before anything trains.
  await sweep.getByLabel('Steps per run').fill('4');
  await expect(sweep.getByText(/^Run 1 cannot train: .*4 steps leave it no room/)).toBeVisible();
  await sweep.getByLabel('Steps per run').fill('6');
  await sweep.getByLabel('Sweep name').fill('lr check');
  await expect(sweep.getByText(/^2 runs of 6 steps/)).toBeVisible();
  await sweep.getByRole('button', { name: 'Start sweep' }).click();

  const progress = sweep.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', /^\d+$/);
  await expect(sweep.getByText('Sweep finished: 2 runs.')).toBeVisible({ timeout: 240_000 });

  // The sweep's values were for its runs only: the user's own settings are as they were.
  const howToTrain = page.getByRole('group', { name: 'How to train' });
  await expect(howToTrain.getByLabel('Steps', { exact: true })).toHaveValue('3000');
  await expect(howToTrain.getByLabel('Peak learning rate')).toHaveValue('0.01');

  // Both runs are in the runs table, done, tagged with the sweep's name.
  const recorded = page
    .getByRole('region', { name: 'Runs' })
    .getByRole('row')
    .filter({ hasText: 'lr check' });
  await expect(recorded).toHaveCount(2);
  await expect(recorded.filter({ hasText: 'done' })).toHaveCount(2);

  const chart = sweep.getByRole('figure', { name: /^lr check: parameters and / });
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: 60_000 });
  await expect(chart.locator('.gtitle')).toHaveText(/^lr check: parameters and /);
  await expect(chart.getByText('Peak learning rate (log)')).toBeVisible();

  await expect(sweep.locator('.sweep-best')).toHaveText(
    /^Best setting .*: peak learning rate (0\.001|0\.01) — run “lr check [12]\/2/,
  );
  await expect(sweep.getByText(/too few for a random forest/)).toBeVisible();

  const table = sweep.getByRole('table', { name: /^The sweep’s runs/ });
  await expect(table.getByRole('row')).toHaveCount(3);
  const lrHeader = table.getByRole('columnheader', { name: 'Peak learning rate' });
  await lrHeader.getByRole('button').click();
  await expect(lrHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('0.001');
  await lrHeader.getByRole('button').click();
  await expect(lrHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('0.01');
  await sweep.getByLabel('Filter runs').fill('lr check 2/2');
  await expect(table.getByRole('row')).toHaveCount(2);
  await sweep.getByLabel('Filter runs').fill('');

  const download = page.waitForEvent('download');
  await sweep.getByRole('button', { name: 'Export this sweep as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lr-check.csv');
  const lines = (await readFile((await file.path())!, 'utf8')).trimEnd().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^id,name,model,dataset,status,/);
  expect(lines[0]).toContain('options.peakLr');

  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('sweep.png'), fullPage: true });
});
