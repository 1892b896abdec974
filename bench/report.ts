/** Turns a bench JSON report into the Markdown tables the README shows. */
import { dispatchLines, type DispatchReport } from './dispatchesBench';
import type { ReferenceReport } from './referenceBench';
import { referenceLines } from './referenceReport';
import { trainingLines, type TrainingReport } from './trainingReport';

interface SelfTestSummary {
  error?: string;
  totalMs?: number;
  matmul?: { gflopsMedian: number; gflopsBest: number; maxRelativeError: number; warmupMs: number };
  fit?: { msPerStepMedian: number; initialLoss: number; finalLoss: number };
}

interface Report {
  date: string;
  machine: { cpus: number; node: string };
  browser: { version: string; adapter: { vendor: string; architecture: string } | null };
  bundles: Record<string, { gzipBytes: number; bytes: number }>;
  startup: { runs: number; interactiveMs: number; computeReadyMs: number };
  selfTestConfig: {
    size: number;
    batch: number;
    repeats: number;
    fitSteps: number;
    fitGrid: number;
  };
  selfTestBrowser: Record<string, unknown>;
  selfTestNode: Record<string, unknown>;
  display: unknown;
  generationNode?: Record<
    string,
    { scheme: string; steps: number; seconds: number; cellUpdatesPerSecond: number }
  >;
  generationBrowser?: {
    count: number;
    n: number;
    budgetSeconds: number;
    results: Record<string, Record<string, GenerationRun | Failure>>;
  };
  liveFps?: { seconds: number; results: Record<string, Record<string, LiveFpsRun | Failure>> };
  training?: TrainingReport;
  reference?: ReferenceReport;
  dispatches?: DispatchReport;
}

interface Failure {
  error: string;
}
interface GenerationRun {
  scheme: string;
  steps: number;
  defaultSteps: number;
  seconds: number;
  cellUpdatesPerSecond: number;
}
interface LiveFpsRun {
  frames: number;
  seconds: number;
  fps: number;
  stepsPerSecond: number;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function selfTestRows(where: string, results: Record<string, unknown>): string[] {
  return Object.entries(results).map(([backend, value]) => {
    const r = value as SelfTestSummary;
    if (r.error || !r.matmul || !r.fit)
      return `| ${where} | ${backend} | failed: ${r.error ?? 'no result'} | | | | |`;
    return `| ${where} | ${backend} | ${r.matmul.gflopsMedian.toFixed(3)} | ${r.matmul.maxRelativeError.toExponential(1)} | ${r.matmul.warmupMs.toFixed(0)} | ${r.fit.msPerStepMedian.toFixed(1)} | ${r.fit.initialLoss.toFixed(3)} → ${r.fit.finalLoss.toFixed(4)} |`;
  });
}

const failed = (r: object): r is Failure => 'error' in r;
const firstOk = <T extends object>(runs: (T | Failure | undefined)[]) =>
  runs.find((r): r is T => r !== undefined && !failed(r));
/** Markdown table cells must not break on a pipe or a newline in an error message. */
const cellText = (text: string) => text.replace(/[|\n]/g, ' ');

function generationBrowserLines(
  g: NonNullable<Report['generationBrowser']>,
  node: Report['generationNode'],
): string[] {
  const backends = Object.keys(g.results);
  const equations = [...new Set(backends.flatMap((b) => Object.keys(g.results[b]!)))];
  const cell = (r: GenerationRun | Failure | undefined) => {
    if (!r) return '';
    if (failed(r)) return `failed: ${cellText(r.error)}`;
    const rate = r.cellUpdatesPerSecond.toExponential(2);
    return r.steps < r.defaultSteps ? `${rate} (${r.steps} of ${r.defaultSteps} steps)` : rate;
  };
  const scheme = (pde: string) =>
    firstOk(backends.map((b) => g.results[b]![pde]))?.scheme ?? node?.[pde]?.scheme ?? '';
  return [
    `Dataset generation in Chromium, grid-cell updates/s (trajectories × grid cells × solver steps / s; ${g.count} trajectories in one batch at ${g.n}², each equation's default scheme and step, timed after an untimed one-step warm-up; a slow pair is timed over fewer of its record interval's steps, as many as the warm-up says fit in about ${g.budgetSeconds} s), next to the Node figure above:`,
    '',
    `| equation | scheme | ${backends.join(' | ')} | Node cpu |`,
    `|---|---|${backends.map(() => '---|').join('')}---|`,
    ...equations.map(
      (pde) =>
        `| ${pde} | ${scheme(pde)} | ${backends.map((b) => cell(g.results[b]![pde])).join(' | ')} | ${node?.[pde]?.cellUpdatesPerSecond.toExponential(2) ?? ''} |`,
    ),
  ];
}

function liveFpsLines(live: NonNullable<Report['liveFps']>): string[] {
  const backends = Object.keys(live.results);
  const equations = [...new Set(backends.flatMap((b) => Object.keys(live.results[b]!)))];
  const cell = (r: LiveFpsRun | Failure | undefined) => {
    if (!r) return '';
    if (failed(r)) return `failed: ${cellText(r.error)}`;
    return `${r.fps.toPrecision(3)} (${r.frames} in ${r.seconds.toFixed(1)} s)`;
  };
  const stepsPerFrame = (pde: string) => {
    const r = firstOk(backends.map((b) => live.results[b]![pde]));
    return r ? String(Math.round(r.stepsPerSecond / r.fps)) : '';
  };
  return [
    `Live simulator in the Data panel (default settings: 64², one record interval per frame), frames drawn per second while playing for ${live.seconds} s after a warm-up frame (a slow pair runs one frame past that):`,
    '',
    `| equation | solver steps per frame | ${backends.map((b) => `${b} frames/s`).join(' | ')} |`,
    `|---|---|${backends.map(() => '---|').join('')}`,
    ...equations.map(
      (pde) =>
        `| ${pde} | ${stepsPerFrame(pde)} | ${backends.map((b) => cell(live.results[b]![pde])).join(' | ')} |`,
    ),
  ];
}

export function formatReport(report: Report): string {
  const c = report.selfTestConfig;
  const display = report.display as { fps?: number; msPerFrame?: number } | undefined;
  return [
    `Measured ${report.date.slice(0, 10)} on ${report.machine.cpus} CPU cores, Node ${report.machine.node}, Chromium ${report.browser.version}, WebGPU adapter ${report.browser.adapter ? `${report.browser.adapter.vendor} ${report.browser.adapter.architecture}` : 'none'}.`,
    '',
    '| first-load JavaScript | gzip | raw |',
    '|---|---|---|',
    ...Object.entries(report.bundles).map(
      ([name, b]) => `| ${name} | ${kB(b.gzipBytes)} | ${kB(b.bytes)} |`,
    ),
    '',
    `| startup (median of ${report.startup.runs} cold loads) | ms |`,
    '|---|---|',
    `| shell interactive | ${report.startup.interactiveMs.toFixed(0)} |`,
    `| compute backend ready | ${report.startup.computeReadyMs.toFixed(0)} |`,
    '',
    `Self-test: ${c.repeats} batched matmuls of ${c.batch}×${c.size}², then ${c.fitSteps} Adam steps on a ${c.fitGrid}² field.`,
    '',
    '| where | backend | matmul GFLOP/s (median) | max rel. error | warm-up ms | fit ms/step | fit loss |',
    '|---|---|---|---|---|---|---|',
    ...selfTestRows('Chromium', report.selfTestBrowser),
    ...selfTestRows('Node', report.selfTestNode),
    '',
    display?.fps
      ? `FieldView 128² animation: ${display.fps.toFixed(1)} frames/s, ${display.msPerFrame?.toFixed(2)} ms to compute and draw a frame.`
      : 'FieldView animation: not measured.',
    ...(report.generationNode
      ? [
          '',
          "Dataset generation in Node (tfjs CPU backend), 32 trajectories at 64², one record interval with each equation's default scheme and step:",
          '',
          '| equation | scheme | solver steps | seconds | grid-cell updates/s |',
          '|---|---|---|---|---|',
          ...Object.entries(report.generationNode).map(
            ([id, g]) =>
              `| ${id} | ${g.scheme} | ${g.steps} | ${g.seconds.toFixed(2)} | ${g.cellUpdatesPerSecond.toExponential(2)} |`,
          ),
        ]
      : []),
    ...(report.generationBrowser
      ? ['', ...generationBrowserLines(report.generationBrowser, report.generationNode)]
      : []),
    ...(report.liveFps ? ['', ...liveFpsLines(report.liveFps)] : []),
    ...(report.training
      ? [
          '',
          ...trainingLines(
            report.training,
            {
              cpus: report.machine.cpus,
              swiftShader: /swiftshader/i.test(
                `${report.browser.adapter?.vendor} ${report.browser.adapter?.architecture}`,
              ),
            },
            report.date,
          ),
        ]
      : []),
    ...(report.reference ? ['', ...referenceLines(report.reference, report.date)] : []),
    ...(report.dispatches ? ['', ...dispatchLines(report.dispatches)] : []),
  ].join('\n');
}
