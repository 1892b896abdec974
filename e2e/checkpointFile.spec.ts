import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  expect,
  expectBackend,
  test,
  TINY_MAE,
  violations,
  buildSmallHeatDataset,
  TEN_TRAIN_STEPS,
} from './fixtures';

// Starts from a lab with nothing trained, so the only model is the one exported and imported.
test.use({ shipsPretrainedModel: false });

/** Ten steps of 2 windows: a model to export, quickly on SwiftShader. */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Chooses `file` in the picker the runs card's import button opens, pressing it from the keyboard. */
async function importFile(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import checkpoint…' }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(file);
}

test('exports a run with its checkpoint as a file, refuses a damaged one, and imports it back', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await buildSmallHeatDataset(page);

  await page.goto(`/?backend=webgpu&p=train&${TINY_MAE}&${TEN_TRAIN_STEPS}`);
  await expectBackend(page, 'webgpu');
  const runs = page.getByRole('region', { name: 'Runs' });
  await expect(runs.getByText('No runs recorded yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByText('Trained 10 steps; the checkpoint is saved.')).toBeVisible({
    timeout: 180_000,
  });
  const row = runs.getByRole('row').filter({ hasText: 'MAE tiny on' });
  await expect(row).toContainText('10 / 10');
  const runName = (await row.getByRole('checkbox').getAttribute('aria-label'))!.replace(
    /^Overlay /,
    '',
  );

  // Export: one .ckpt file named after the run, in the format the command-line tools read.
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: `Export ${runName}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^MAE-tiny-on-Heat-equation-.*\.ckpt$/);
  const saved = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const bytes = await readFile(saved);
  expect(bytes.subarray(0, 8).toString('latin1')).toBe('PDELABCK');
  await expect(runs.getByRole('status')).toHaveText(
    new RegExp(
      `^Exported “${escape(runName)}” as “${escape(download.suggestedFilename())}” \\(\\d`,
    ),
  );

  await row.getByRole('button', { name: `Delete ${runName}` }).click();
  await expect(row).toHaveCount(0);
  await expect(runs.getByText('No runs recorded yet.')).toBeVisible();

  // A damaged file and a file that is no checkpoint are refused in words, and nothing is added.
  const damaged = test.info().outputPath('damaged.ckpt');
  await writeFile(damaged, bytes.subarray(0, bytes.length - 4096));
  await importFile(page, damaged);
  await expect(runs.getByRole('alert')).toHaveText(
    /^“damaged\.ckpt” was not imported: Truncated checkpoint: .+ Nothing was saved\.$/,
  );
  await importFile(page, {
    name: 'notes.ckpt',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('These are notes, not a model.'),
  });
  await expect(runs.getByRole('alert')).toHaveText(
    '“notes.ckpt” was not imported: Not a PDE Lab checkpoint: the file does not start with "PDELABCK". Nothing was saved.',
  );
  await expect(runs.getByRole('row')).toHaveCount(0);
  await expect(runs.getByText('No runs recorded yet.')).toBeVisible();

  // The exported file brings the run back, with its steps, status and model.
  await importFile(page, saved);
  await expect(runs.getByRole('status')).toHaveText(
    `Imported “${download.suggestedFilename()}”: the run “${runName}” with its model at step 10.`,
  );
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('10 / 10');
  await expect(row).toContainText('done');
  expect(await violations(page)).toEqual([]);

  // Listed among the saved models of Results…
  const nav = page.getByRole('navigation', { name: 'Workflow' });
  await nav.getByRole('button', { name: 'Results' }).click();
  await expect(page.getByLabel('Trained model').locator('option')).toHaveText([
    `${runName} · step 10`,
  ]);

  // …and it reconstructs in the Mask panel.
  await nav.getByRole('button', { name: 'Mask' }).click();
  const source = page.getByLabel('Reconstruct with');
  await expect(source.locator('option:checked')).toHaveText(
    /^MAE tiny · [\d.]+ k params · step 10 · loss \d/,
  );
  const views = page.getByRole('group', { name: 'The four views of this frame' });
  await expect(
    views.getByRole('img', { name: /^MAE reconstruction \(run MAE tiny on .+, step 10\)/ }),
  ).toBeVisible({ timeout: 90_000 });
  const errors = page
    .getByRole('row', { name: /relative L2 error, whole window/ })
    .getByRole('cell');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveText(/^\d/);
});
