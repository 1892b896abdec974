import { expect, expectBackend, test } from './fixtures';

test('automatic mode measures the backends and does not pick the software GPU', async ({
  page,
}) => {
  await page.goto('/');
  await expectBackend(page, 'wasm');
  const chip = page.getByRole('button', { name: /^Compute backend: wasm\./ });
  await expect(chip).toHaveAccessibleName(/Automatic choice: WebAssembly, .*Measured just now/);
  await expect(page.getByTestId('backend-why')).toHaveText(
    /(faster than|preferred over) software GPU/,
  );
  // Passing over a software GPU on purpose is no failure: no warning banner.
  await expect(page.getByRole('status').filter({ hasText: 'could not start' })).toHaveCount(0);

  await chip.click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const table = dialog.getByRole('table');
  await expect(table.getByRole('row', { name: /^WebAssembly / })).toContainText('yes');
  await expect(table.getByRole('row', { name: /^WebGPU / })).toContainText(
    'software GPU (SwiftShader)',
  );
  const rows = await table.getByRole('row').allInnerTexts();
  console.log(`calibration:\n${rows.join('\n')}`);
  await page.keyboard.press('Escape');

  // A later load reuses the measurement.
  await page.reload();
  await expectBackend(page, 'wasm');
  await expect(chip).toHaveAccessibleName(/Measured earlier in this browser/);

  // And Settings measures again on request.
  await chip.click();
  await dialog.getByRole('button', { name: 'Re-run calibration' }).click();
  await expectBackend(page, 'wasm');
  await expect(chip).toHaveAccessibleName(/Measured just now/);
});

test('a backend named in the link starts with no calibration', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  await expectBackend(page, 'webgpu');
  const chip = page.getByRole('button', { name: /^Compute backend: webgpu/ });
  await expect(chip).toHaveAccessibleName(/the backend setting asks for it/);
  await chip.click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('button', { name: 'Re-run calibration' })).toBeDisabled();
  await expect(dialog.getByRole('table')).toHaveCount(0);
});
