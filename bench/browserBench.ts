/** Measurements in headless Chromium (WebGPU through SwiftShader here): startup, self-test per backend, drawing speed, generation throughput, live-simulator frame rate, MAE training speed. */
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_PATH, WEBGPU_ARGS } from '../e2e/environment';
import { PDE_CATALOG } from '../src/pde/catalog';
import type { PdeId } from '../src/pde/types';
import type {
  BenchGenerateParams,
  BenchGenerateResult,
} from '../src/runtime/jobs/benchGenerateConfig';
import type { BenchTrainParams, BenchTrainResult } from '../src/runtime/jobs/benchTrainConfig';
import { capped, measureTrainingOn, TRAINING_BENCH, type BackendTraining } from './trainingBench';

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

/**
 * Generation throughput per backend and equation: trajectories × grid cells × solver steps per
 * second, the Node bench's definition. Each pair first runs one solver step untimed (compiles
 * shaders, estimates the cost), then is timed over as many steps of the default record interval
 * as fit in `budgetSeconds` by that estimate (at least one): slow emulated pairs run fewer steps.
 */
export const BROWSER_GENERATION = { count: 32, n: 64, budgetSeconds: 15 };
const EQUATIONS = ['heat', 'wave', 'ns', 'advection', 'burgers'] as const satisfies PdeId[];

export type GenerationRun = Pick<
  BenchGenerateResult,
  'scheme' | 'steps' | 'seconds' | 'cellUpdatesPerSecond'
> & {
  /** Steps in the equation's default record interval (what the Node figure runs). */
  defaultSteps: number;
  warmupSeconds: number;
};

export async function measureBrowserGeneration(browser: Browser, baseUrl: string) {
  const { count, n, budgetSeconds } = BROWSER_GENERATION;
  const results: Record<string, Record<string, GenerationRun | { error: string }>> = {};
  for (const backend of BACKENDS) {
    results[backend] = {};
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}?p=diagnostics&backend=${backend}`);
      await waitForBackend(page, backend);
      for (const pde of EQUATIONS) {
        const info = PDE_CATALOG[pde];
        try {
          const warm = await benchGenerate(page, { pde, count, n, steps: 1 });
          const defaultSteps = warm.exact
            ? 1
            : Math.max(1, Math.ceil(info.defaultRecordInterval / info.defaultDt - 1e-9));
          const steps = Math.min(
            defaultSteps,
            Math.max(1, Math.floor(budgetSeconds / warm.seconds)),
          );
          const r = await benchGenerate(page, { pde, count, n, steps });
          results[backend][pde] = {
            scheme: r.scheme,
            steps: r.steps,
            defaultSteps,
            seconds: r.seconds,
            warmupSeconds: warm.seconds,
            cellUpdatesPerSecond: r.cellUpdatesPerSecond,
          };
        } catch (error) {
          results[backend][pde] = { error: firstLine(error) };
        }
        console.log(`generation ${backend} ${pde}: ${JSON.stringify(results[backend][pde])}`);
      }
    } catch (error) {
      for (const pde of EQUATIONS) results[backend][pde] ??= { error: firstLine(error) };
    }
    await context.close();
  }
  return { count, n, budgetSeconds, results };
}

function benchGenerate(page: Page, params: BenchGenerateParams): Promise<BenchGenerateResult> {
  return page.evaluate(
    (p) =>
      (
        globalThis as unknown as {
          pdeLab: { benchGenerate(p: BenchGenerateParams): Promise<BenchGenerateResult> };
        }
      ).pdeLab.benchGenerate(p),
    params,
  );
}

/**
 * MAE training speed per backend (TRAINING_BENCH's plan), each backend in a fresh page whose
 * worker runs the `benchTrain` job; a run over the cap closes the page, which ends its worker.
 */
export async function measureBrowserTraining(browser: Browser, baseUrl: string) {
  const results: Record<string, BackendTraining | { error: string }> = {};
  for (const backend of BACKENDS) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}?p=diagnostics&backend=${backend}`);
      await waitForBackend(page, backend);
      results[backend] = await measureTrainingOn('Chromium', backend, (params) =>
        capped(benchTrain(page, params), TRAINING_BENCH.capSeconds, () => void context.close()),
      );
    } catch (error) {
      results[backend] = { error: firstLine(error) };
      console.log(`training Chromium ${backend}: ${JSON.stringify(results[backend])}`);
    }
    await context.close();
  }
  return results;
}

function benchTrain(page: Page, params: BenchTrainParams): Promise<BenchTrainResult> {
  return page.evaluate(
    (p) =>
      (
        globalThis as unknown as {
          pdeLab: { benchTrain(p: BenchTrainParams): Promise<BenchTrainResult> };
        }
      ).pdeLab.benchTrain(p),
    params,
  );
}

/**
 * The Data panel's live simulator at its default settings (64², speed 1): frames handed to the
 * views per second while playing, from the first played frame (a warm-up: it compiles the
 * shaders) to the last one after `seconds` of wall time, and over at least one more frame: a
 * slow emulated pair runs a single frame past the window.
 */
export const LIVE_FPS = { seconds: 5, backends: ['webgpu', 'webgl'] as const };

export interface LiveFpsRun {
  frames: number;
  seconds: number;
  fps: number;
  /** Solver steps per second of wall time (steps per frame × fps). */
  stepsPerSecond: number;
}

export async function measureLiveFps(browser: Browser, baseUrl: string) {
  const results: Record<string, Record<string, LiveFpsRun | { error: string }>> = {};
  for (const backend of LIVE_FPS.backends) {
    results[backend] = {};
    for (const pde of EQUATIONS) {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${baseUrl}?eq=${pde}&backend=${backend}`);
        await waitForBackend(page, backend);
        const first = await waitForLive(page, (live) => live.summary?.time === 0);
        await page.getByRole('button', { name: 'Play' }).click();
        const start = await waitForLive(page, (live) => live.frames.count > first.frames.count);
        await page.waitForTimeout(LIVE_FPS.seconds * 1000);
        const end = await waitForLive(page, (live) => live.frames.count > start.frames.count);
        await page.getByRole('button', { name: 'Pause' }).click();
        const frames = end.frames.count - start.frames.count;
        const seconds = (end.frames.lastAt - start.frames.lastAt) / 1000;
        results[backend][pde] = {
          frames,
          seconds,
          fps: frames / seconds,
          stepsPerSecond: (end.summary!.steps - start.summary!.steps) / seconds,
        };
      } catch (error) {
        results[backend][pde] = { error: firstLine(error) };
      }
      console.log(`live ${backend} ${pde}: ${JSON.stringify(results[backend][pde])}`);
      await context.close();
    }
  }
  return { seconds: LIVE_FPS.seconds, results };
}

type LiveProbe = ReturnType<typeof liveProbe>;

/** Polls the page until `ready` holds for its live-simulator figures; returns them. */
async function waitForLive(page: Page, ready: (live: LiveProbe) => boolean, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = await page.evaluate(liveProbe);
    if (ready(live)) return live;
    if (Date.now() > deadline)
      throw new Error(`The live simulator stalled: ${JSON.stringify(live)}`);
    await page.waitForTimeout(50);
  }
}

/** Runs in the page: the live simulator's frame count and newest frame, read together. */
function liveProbe() {
  const lab = (
    globalThis as unknown as {
      pdeLab: {
        liveFramesShown(): { count: number; lastAt: number };
        liveSummary(): { time: number; steps: number } | undefined;
      };
    }
  ).pdeLab;
  return { frames: lab.liveFramesShown(), summary: lab.liveSummary() };
}

async function waitForBackend(page: Page, backend: string) {
  await page.getByTestId('backend-name').filter({ hasText: backend }).waitFor({ timeout: 120_000 });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
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
