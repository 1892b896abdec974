/** Measurements in headless Chromium (WebGPU through SwiftShader here): startup, self-test per backend, drawing speed. */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_PATH, WEBGPU_ARGS } from '../e2e/environment';

export const BENCH_SELF_TEST = { size: 256, batch: 2, repeats: 5, fitSteps: 50, fitGrid: 32 };
const SELF_TEST_QUERY = `st.n=${BENCH_SELF_TEST.size}&st.b=${BENCH_SELF_TEST.batch}&st.r=${BENCH_SELF_TEST.repeats}&st.s=${BENCH_SELF_TEST.fitSteps}&st.g=${BENCH_SELF_TEST.fitGrid}`;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: WEBGPU_ARGS });
}

/** Milliseconds from navigation start to the shell being usable and to the compute backend being ready; median of `runs` cold loads. */
export async function measureStartup(browser: Browser, baseUrl: string, runs = 5) {
  const samples: { interactiveMs: number; computeReadyMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(baseUrl, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => performance.getEntriesByName('compute-ready').length > 0,
      null,
      { timeout: 120_000 },
    );
    samples.push(
      await page.evaluate(() => ({
        interactiveMs: performance.getEntriesByName('app-interactive')[0]!.startTime,
        computeReadyMs: performance.getEntriesByName('compute-ready')[0]!.startTime,
      })),
    );
    await context.close();
  }
  return {
    runs,
    interactiveMs: median(samples.map((s) => s.interactiveMs)),
    computeReadyMs: median(samples.map((s) => s.computeReadyMs)),
  };
}

export async function measureSelfTests(browser: Browser, baseUrl: string) {
  const results: Record<string, unknown> = {};
  for (const backend of BACKENDS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}?p=diagnostics&backend=${backend}&${SELF_TEST_QUERY}`);
      await page
        .getByTestId('backend-name')
        .filter({ hasText: backend })
        .waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: 'Run self-test' }).click();
      await page.getByRole('row').filter({ hasText: backend }).waitFor({ timeout: 600_000 });
      results[backend] = await page.evaluate(() =>
        (globalThis as unknown as { pdeLab: { lastSelfTest(): unknown } }).pdeLab.lastSelfTest(),
      );
    } catch (error) {
      results[backend] = {
        error: error instanceof Error ? error.message.split('\n')[0] : String(error),
      };
    }
    await context.close();
  }
  return results;
}

export async function measureDisplay(browser: Browser, baseUrl: string) {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}?p=diagnostics`);
  await page.getByRole('button', { name: 'Start animation' }).click();
  await page.waitForTimeout(3500);
  const stats = await page.evaluate(
    () => (window as Window & { __displayCheck?: unknown }).__displayCheck,
  );
  await page.close();
  return stats;
}

export async function describeBrowser(browser: Browser, baseUrl: string) {
  const page = await browser.newPage();
  await page.goto(baseUrl);
  const adapter = await page.evaluate(async () => {
    const info = (await navigator.gpu?.requestAdapter())?.info;
    return info ? { vendor: info.vendor, architecture: info.architecture } : null;
  });
  await page.close();
  return { version: browser.version(), adapter };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
