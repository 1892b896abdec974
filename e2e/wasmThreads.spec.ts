import type { Page } from '@playwright/test';
import { SUB_PATH, SUB_PATH_PORT } from './environment';
import { expect, expectBackend, test, TINY_SELF_TEST } from './fixtures';

/** Runs the tiny self-test and checks what it computed, not how fast. */
async function selfTestComputesCorrectly(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'wasm' })).toBeVisible({
    timeout: 150_000,
  });
  const result = await page.evaluate(() =>
    (
      globalThis as unknown as {
        pdeLab: {
          lastSelfTest(): {
            matmul: { maxRelativeError: number };
            fit: { initialLoss: number; finalLoss: number };
          };
        };
      }
    ).pdeLab.lastSelfTest(),
  );
  expect(result.matmul.maxRelativeError).toBeLessThan(1e-4);
  expect(result.fit.finalLoss).toBeLessThan(result.fit.initialLoss);
}

test('on a cross-origin isolated host the WebAssembly backend computes on several threads', async ({
  page,
}) => {
  await page.goto(`/?p=diagnostics&backend=wasm&${TINY_SELF_TEST}`);
  await expectBackend(page, 'wasm');
  expect(await page.evaluate(() => crossOriginIsolated), 'vite preview sends COOP/COEP').toBe(true);
  const summary = page.getByTestId('wasm-summary');
  await expect(summary).toContainText('SIMD yes');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  if (cores >= 2) {
    await expect(summary).toHaveText(/\d+ threads \(cross-origin isolated\)$/);
    const threads = Number(/(\d+) threads/.exec((await summary.textContent()) ?? '')?.[1]);
    expect(threads).toBeGreaterThan(1);
    expect(threads).toBeLessThanOrEqual(cores);
  }
  await selfTestComputesCorrectly(page);
});

test('a plain static host without COOP/COEP runs WebAssembly on one thread and says why', async ({
  page,
}) => {
  await page.goto(
    `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}?p=diagnostics&backend=wasm&${TINY_SELF_TEST}`,
  );
  await expectBackend(page, 'wasm');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('wasm-summary')).toHaveText(
    'WebAssembly: SIMD yes, 1 thread (this page is not cross-origin isolated: the host does not send COOP/COEP headers)',
  );
  await page.getByRole('button', { name: 'Copy debug info' }).click();
  await expect(page.getByRole('textbox', { name: 'Debug info' })).toHaveValue(
    /WebAssembly: SIMD yes, 1 thread \(this page is not cross-origin isolated/,
  );
  await selfTestComputesCorrectly(page);
});
