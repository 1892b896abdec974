/** The README's "MAE training step" table and what its figures imply for the Train panel's default pretraining. */
import { defaults } from '../src/schema/params';
import { trainSchema } from '../src/models/trainOptions';
import type { BackendTraining, TRAINING_BENCH, TrainingRun } from './trainingBench';

export interface TrainingReport {
  /** When the training figures were taken (`--only training` re-takes them alone). */
  date: string;
  plan: typeof TRAINING_BENCH;
  browser: Record<string, BackendOutcome>;
  node: Record<string, BackendOutcome>;
}

/** The issue's goal: the small preset's default pretraining within this many seconds on a laptop GPU. */
const TARGET_SECONDS = 5 * 60;

type Measured = Extract<TrainingRun, { msPerStep: number }>;
type BackendOutcome = BackendTraining | { error: string };
/** One preset's run on a backend, or the backend's own failure. */
const run = (r: BackendOutcome, preset: 'tiny' | 'small'): TrainingRun =>
  'error' in r ? r : r[preset];
const measured = (r: TrainingRun | undefined): r is Measured => !!r && 'msPerStep' in r;
const cellText = (text: string) => text.replace(/[|\n]/g, ' ');

/** Three significant digits, without exponents: 1,464 · 35.4 · 0.130. */
const figure = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(0)} s`;
  if (seconds < 90 * 60) return `${(seconds / 60).toFixed(0)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

function columns(t: TrainingReport) {
  return [
    ...Object.entries(t.browser).map(([backend, r]) => ({ name: `Chromium ${backend}`, r })),
    ...Object.entries(t.node).map(([backend, r]) => ({ name: `Node ${backend}`, r })),
  ];
}

/** Where the figures were taken: CPU cores, and whether Chromium's GPU was SwiftShader's emulation. */
export interface TrainingMachine {
  cpus: number;
  swiftShader: boolean;
}

export function trainingLines(
  t: TrainingReport,
  machine: TrainingMachine,
  reportDate?: string,
): string[] {
  const cols = columns(t);
  const { tiny, small } = t.plan.runs;
  const cell = (r: TrainingRun | undefined) => {
    if (!r) return '';
    if ('error' in r) return `failed: ${cellText(r.error)}`;
    if ('skipped' in r) return `skipped: ${cellText(r.skipped)}`;
    return `${figure(r.msPerStep)} ms · ${figure(r.samplesPerSecond)}/s`;
  };
  const parameters = (preset: 'tiny' | 'small') => {
    const r = cols.map((c) => run(c.r, preset)).find(measured);
    return r ? r.parameters.toLocaleString('en-US') : '';
  };
  return [
    `MAE training step: milliseconds per step · windows (samples) per second, batch ${tiny.batchSize}; median of ${tiny.steps} steps (tiny) and ${small.steps} (small) after ${tiny.warmupSteps} untimed warm-up step${tiny.warmupSteps === 1 ? '' : 's'} (${tiny.warmupSteps === 1 ? 'it compiles' : 'they compile'} the shaders), through the Train panel's training loop with its AdamW, clipping and shift augmentation, on smooth advection–diffusion windows held in memory. A pair whose tiny step takes over ${t.plan.skipSmallAboveTinyMs} ms skips the small preset, and a preset's run is capped at ${t.plan.capSeconds} s${t.date.slice(0, 10) === reportDate?.slice(0, 10) ? '' : ` (measured ${t.date.slice(0, 10)})`}:`,
    '',
    `| preset | parameters | ${cols.map((c) => c.name).join(' | ')} |`,
    `|---|---|${cols.map(() => '---|').join('')}`,
    ...(['tiny', 'small'] as const).map(
      (preset) =>
        `| ${preset} | ${parameters(preset)} | ${cols.map((c) => cell(run(c.r, preset))).join(' | ')} |`,
    ),
    '',
    pretrainingSentence(t, machine),
  ];
}

/**
 * What the small preset's default pretraining (the Train panel's default steps and batch) would
 * take at each measured small-preset rate, taking windows per second as independent of the batch.
 */
export function pretrainingSentence(t: TrainingReport, machine: TrainingMachine): string {
  const { steps, batchSize } = defaults(trainSchema);
  const windows = steps * batchSize;
  const cols = columns(t);
  const rates = cols.flatMap((c) => {
    const r = run(c.r, 'small');
    return measured(r) ? [{ name: c.name, rate: r.samplesPerSecond }] : [];
  });
  const missing = cols.filter((c) => !rates.some((r) => r.name === c.name)).map((c) => c.name);
  const needed = windows / TARGET_SECONDS;
  const fastest = rates.reduce<(typeof rates)[number] | undefined>(
    (best, r) => (!best || r.rate > best.rate ? r : best),
    undefined,
  );
  const measuredBatch = t.plan.runs.small.batchSize;
  return [
    `The small preset's default pretraining (${steps.toLocaleString('en-US')} steps of ${batchSize} windows, the Train panel's defaults, ${windows.toLocaleString('en-US')} windows) would take, at the small-preset rates above (measured at batch ${measuredBatch}, assumed to hold at batch ${batchSize}; validation, pictures and checkpoints not counted):`,
    rates.length
      ? `${rates.map((r) => `${duration(windows / r.rate)} on ${r.name}`).join(', ')}${missing.length ? ` (${missing.join(', ')}: not measured)` : ''}.`
      : 'nothing measured.',
    `Finishing in under ${TARGET_SECONDS / 60} minutes needs ${needed.toFixed(0)} windows/s${fastest ? `, ${(needed / fastest.rate).toFixed(0)}× the fastest rate here (${figure(fastest.rate)}/s on ${fastest.name})` : ''}.`,
    machine.swiftShader
      ? `Chromium's webgpu and webgl here are SwiftShader, a GPU emulated on this machine's ${machine.cpus} CPU cores, so a real laptop GPU is expected to be far faster than these figures, but that is not measured here.`
      : 'These figures come from this machine only; other GPUs are not measured here.',
  ].join(' ');
}
