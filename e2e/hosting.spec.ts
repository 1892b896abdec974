import { SUB_PATH, SUB_PATH_PORT } from './environment';
import { expect, expectBackend, test, TINY_SELF_TEST } from './fixtures';

test('the static build works from a plain file server under a sub-path', async ({ page }) => {
  const base = `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}`;
  await page.goto(`${base}?backend=webgpu&p=diagnostics&${TINY_SELF_TEST}`);
  await expectBackend(page, 'webgpu'); // the worker and the WebGPU backend chunk loaded from the sub-path
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'webgpu' })).toBeVisible({
    timeout: 150_000,
  });
  await expect(
    page.getByRole('figure', { name: 'Fit loss per step' }).locator('svg').first(),
  ).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(SUB_PATH);

  await page.goto(`${base}?backend=wasm`); // the .wasm files load from the sub-path too
  await expectBackend(page, 'wasm');
});
