/**
 * `npm run bench`: measures (never asserts) the lab's size and speed (startup, self-tests, dataset
 * generation throughput, the live simulator's frame rate) and writes
 * bench/results/foundation.json. Run after `npm run build` (the npm script does both).
 * Figures from a CPU-only machine are SwiftShader figures: compare ratios within one run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  describeBrowser,
  launch,
  measureBrowserGeneration,
  measureDisplay,
  measureLiveFps,
  measureSelfTests,
  measureStartup,
  BENCH_SELF_TEST,
} from './browserBench';
import { measureBundles } from './bundleSizes';
import { measureNodeGeneration, measureNodeSelfTests } from './nodeBench';
import { formatReport } from './report';

const PORT = 4174;
const BASE_URL = `http://127.0.0.1:${PORT}/`;

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

async function main() {
  const bundles = measureBundles();
  console.log('bundles measured');
  const server = await startPreview();
  const browser = await launch();
  try {
    const report = {
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
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/foundation.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatReport(report));
    console.log('\nWrote bench/results/foundation.json');
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
