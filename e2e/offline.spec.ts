/**
 * Offline: once a browser has opened the lab, its service worker holds the whole site (pretrained
 * models included), and the lab opens and computes with the network cut.
 */
import { test, expect, expectBackend } from './fixtures';

test.use({ serviceWorkers: 'allow' });

test('the lab loads and runs offline after one online visit', async ({ page, context }) => {
  await page.goto('/?backend=webgpu');
  await expectBackend(page, 'webgpu');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const status = page.getByTestId('offline-status');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(status).toContainText('without network');
  await page.getByRole('button', { name: 'Close' }).click();

  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
  expect(cached.some((url) => /\/pretrained\/mae-classroom\.ckpt/.test(url))).toBe(true);
  expect(cached.some((url) => /\.wasm/.test(url))).toBe(true);

  await context.setOffline(true);
  await page.goto('/?backend=webgpu&p=data&n=32');
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await expectBackend(page, 'webgpu');
  await expect(page.getByRole('region', { name: 'Datasets' })).toBeVisible();
  // The compute worker, its WebGPU backend and the live simulator run from the cache alone.
  await expect
    .poll(
      () =>
        page.evaluate(() => (globalThis as unknown as LabHandle).pdeLab.liveFramesShown().count),
      {
        timeout: 60_000,
      },
    )
    .toBeGreaterThan(0);
  await context.setOffline(false);
});

interface LabHandle {
  pdeLab: { liveFramesShown(): { count: number } };
}
