/**
 * Importing a PDEBench-style HDF5 file through the axis-mapping dialog: the proposed mapping is
 * shown, a wrong one is refused with a message, and the confirmed one is saved with its shape.
 */
import { writeHdf5 } from '../src/data/io/h5file';
import { expect, expectBackend, test } from './fixtures';

const [GROUPS, T, X, C] = [3, 4, 8, 2];
const FILE_NAME = '2D_diff-react_NA_NA.h5';

/** Like PDEBench's 2D diffusion–reaction file: groups "0000"… with data [T, X, Y, C] and grid/. */
async function pdebenchFile(): Promise<Buffer> {
  const bytes = await writeHdf5((file) => {
    for (let n = 0; n < GROUPS; n++) {
      const group = file.create_group(String(n).padStart(4, '0'));
      const data = Float32Array.from({ length: T * X * X * C }, (_, i) => Math.sin(i + n));
      group.create_dataset({ name: 'data', data, shape: [T, X, X, C], dtype: '<f' });
      const grid = group.create_group('grid');
      const centres = Float32Array.from({ length: X }, (_, i) => -1 + (i + 0.5) * (2 / X));
      grid.create_dataset({ name: 'x', data: centres, dtype: '<f' });
      grid.create_dataset({ name: 'y', data: centres, dtype: '<f' });
      const times = Float32Array.from({ length: T }, (_, i) => i * 0.05);
      grid.create_dataset({ name: 't', data: times, dtype: '<f' });
    }
  });
  return Buffer.from(bytes);
}

test('imports a PDEBench HDF5 file after the user confirms its axis mapping', async ({ page }) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  await card.locator('input[type=file]').setInputFiles({
    name: FILE_NAME,
    mimeType: 'application/x-hdf5',
    buffer: await pdebenchFile(),
  });

  const dialog = page.getByRole('dialog', { name: `Import “${FILE_NAME}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Recognised: PDEBench 2D, one trajectory per numbered group');
  await expect(dialog.getByLabel('Use 0000…0002/data')).toBeChecked();
  const axis = (k: number, size: number) => dialog.getByLabel(`Axis ${k} (size ${size})`);
  await expect(axis(0, T)).toHaveValue('T');
  await expect(axis(1, X)).toHaveValue('X');
  await expect(axis(2, X)).toHaveValue('Y');
  await expect(axis(3, C)).toHaveValue('C');
  const shape = dialog.getByLabel('Resulting shape');
  await expect(shape).toHaveText(`${GROUPS} × ${T} × ${X} × ${X} × ${C}`);
  await expect(dialog.getByLabel('Channel names (comma-separated)')).toHaveValue('u,v');
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeEnabled();

  // Two stored axes mapped to X: refused, with the reason, until it is corrected.
  await axis(0, T).selectOption('X');
  await expect(dialog.getByRole('alert')).toHaveText(
    'Axis X is mapped to more than one stored axis.',
  );
  await expect(importButton).toBeDisabled();
  // Time and a space axis swapped: the grid would be 4 × 8, not square.
  await axis(0, T).selectOption('Y');
  await axis(2, X).selectOption('T');
  await expect(dialog.getByRole('alert')).toContainText('The lab needs a square grid (X = Y)');
  await expect(importButton).toBeDisabled();
  await axis(0, T).selectOption('T');
  await axis(2, X).selectOption('Y');
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  await dialog.getByLabel('Trajectory limit').fill('2');
  await expect(shape).toHaveText(`2 × ${T} × ${X} × ${X} × ${C}`);
  await dialog.getByLabel('Dataset name').fill('diff-react seeds');
  await importButton.click();

  await expect(dialog).toBeHidden();
  const expected = `2 × ${T} × ${X} × ${X} × ${C}`;
  await expect(card.getByRole('status')).toContainText(
    `Imported “diff-react seeds” (${expected}).`,
  );
  const row = card.getByRole('row').filter({ hasText: 'diff-react seeds' });
  await expect(row).toContainText(expected);

  await row.getByRole('button', { name: /^Delete/ }).click();
  await expect(row).toHaveCount(0);
});

test('Cancel closes the mapping step and saves nothing', async ({ page }) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  const rowsBefore = await card.getByRole('row').count();
  await card.locator('input[type=file]').setInputFiles({
    name: FILE_NAME,
    mimeType: 'application/x-hdf5',
    buffer: await pdebenchFile(),
  });
  const dialog = page.getByRole('dialog', { name: `Import “${FILE_NAME}”` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('row')).toHaveCount(rowsBefore);
});

test('a file with no usable float field says, next to the disabled Import, why', async ({
  page,
}) => {
  await page.goto('/?backend=webgpu&eq=heat&n=32');
  await expectBackend(page, 'webgpu');
  const card = page.getByRole('region', { name: 'Datasets' });
  const labels = await writeHdf5((file) => {
    const data = Int32Array.from({ length: 2 * T * X * X }, (_, i) => i % 5);
    file.create_dataset({ name: 'labels', data, shape: [2, T, X, X], dtype: '<i' });
  });
  await card.locator('input[type=file]').setInputFiles({
    name: 'labels.h5',
    mimeType: 'application/x-hdf5',
    buffer: Buffer.from(labels),
  });
  const dialog = page.getByRole('dialog', { name: 'Import “labels.h5”' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Use labels')).toBeDisabled();
  await expect(dialog.getByRole('row').filter({ hasText: 'labels' })).toContainText(
    'not a field: holds 32-bit signed integers, not floating-point numbers',
  );
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  const why = /^No dataset in this file can be imported: a field needs floating-point values/;
  await expect(dialog.getByRole('alert')).toHaveText(why);
  await expect(importButton).toHaveAccessibleDescription(why);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
