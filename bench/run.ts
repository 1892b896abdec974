/**
 * `npm run bench`: measures (never asserts) the lab's size and speed (startup, self-tests, dataset
 * generation throughput, the live simulator's frame rate, MAE training steps), writes
 * bench/results/foundation.json and the README's measured section. Run after `npm run build` (the
 * npm script does both). `tsx bench/run.ts --only training` re-measures the training figures alone
 * and keeps the rest of the JSON; `--only reference` re-measures the lab against PyTorch and numpy
 * (bench/python/reference.py; no browser, no build needed); `--only dispatches` re-counts the
 * kernels and readbacks per training step; `--only report` rewrites the README
 * from the JSON as it is.
 * Figures from a CPU-only machine are SwiftShader figures: compare ratios within one run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Browser } from '@playwright/test';
import {
  describeBrowser,
  launch,
  measureBrowserGeneration,
  measureBrowserTraining,
  measureDisplay,
  measureLiveFps,
  measureSelfTests,
  measureStartup,
  BENCH_SELF_TEST,
} from './browserBench';
import { measureBundles } from './bundleSizes';
import { measureDispatches } from './dispatchesBench';
import { measureNodeGeneration, measureNodeSelfTests, measureNodeTraining } from './nodeBench';
import { writeReadmeSection } from './readme';
import { measureReference } from './referenceBench';
import { formatReport } from './report';
import { TRAINING_BENCH } from './trainingBench';

const PORT = 4174;
const BASE_URL = `http://127.0.0.1:${PORT}/`;
const RESULTS = 'bench/results/foundation.json';

async function startPreview() {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE_URL)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The preview server did not start on ${BASE_URL}.`);
}

async function measureTraining(browser: Browser) {
  return {
    date: new Date().toISOString(),
    plan: TRAINING_BENCH,
    browser: await measureBrowserTraining(browser, BASE_URL),
    node: await measureNodeTraining(),
  };
}

async function measureAll(browser: Browser) {
  const bundles = measureBundles();
  console.log('bundles measured');
  return {
    suite: 'foundation',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    browser: await describeBrowser(browser, BASE_URL),
    bundles,
    startup: await measureStartup(browser, BASE_URL),
    selfTestConfig: BENCH_SELF_TEST,
    selfTestBrowser: await measureSelfTests(browser, BASE_URL),
    selfTestNode: await measureNodeSelfTests(),
    display: await measureDisplay(browser, BASE_URL),
    generationBrowser: await measureBrowserGeneration(browser, BASE_URL),
    liveFps: await measureLiveFps(browser, BASE_URL),
    generationNode: await measureNodeGeneration(),
    ...(await measureTrainingAndReference(browser)),
    dispatches: measureDispatches(),
  };
}

/** The reference ratios reuse the Node training figure taken just before them. */
async function measureTrainingAndReference(browser: Browser) {
  const training = await measureTraining(browser);
  return { training, reference: await measureReference(training.node) };
}

/** Writes the JSON, prints the Markdown and puts it into the README. */
async function publish(report: Awaited<ReturnType<typeof measureAll>>, write = true) {
  if (write) {
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  }
  const markdown = formatReport(report);
  console.log(markdown);
  await writeReadmeSection(markdown);
  console.log(`\n${write ? `Wrote ${RESULTS} and` : 'Rewrote'} the README's measured section.`);
}

const readResults = () =>
  JSON.parse(readFileSync(RESULTS, 'utf8')) as Awaited<ReturnType<typeof measureAll>>;

async function main() {
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : undefined;
  if (only !== undefined && !['training', 'reference', 'dispatches', 'report'].includes(only)) {
    throw new Error(
      `--only takes "training", "reference", "dispatches" or "report", not "${only}".`,
    );
  }
  if (only === 'report') return publish(readResults(), false);
  if (only === 'reference')
    return publish({ ...readResults(), reference: await measureReference() });
  if (only === 'dispatches') return publish({ ...readResults(), dispatches: measureDispatches() });
  const server = await startPreview();
  const browser = await launch();
  try {
    await publish(
      only === 'training'
        ? { ...readResults(), training: await measureTraining(browser) }
        : await measureAll(browser),
    );
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
