/**
 * The lab against the tools people would otherwise use: one MAE small training step against the
 * same step in PyTorch (CPU), and one Navier–Stokes 64² FNO-scheme step (batch 32) against numpy
 * and PyTorch, all measured in the same run (bench/python/reference.py is the other side). The
 * Python side is skipped, with the reason, when no Python with numpy or torch is found;
 * PDE_LAB_PYTHON=/path/to/python picks one, PDE_LAB_PYTHON=none skips it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { encodeNpy } from '../src/data/io/npy';
import { MAE_PRESETS, maeParameterCount } from '../src/models/mae/config';
import { createMaeTraining } from '../src/models/mae/train';
import { pdeSpec } from '../src/pde/registry';
import type { Solver } from '../src/pde/types';
import { JobRunner } from '../src/runtime/jobRunner';
import { benchTrain } from '../src/runtime/jobs/benchTrain';
import { smoothTrajectories } from '../src/runtime/jobs/benchTrainData';
import { TRAINING_BENCH, type BackendTraining } from './trainingBench';

export const REFERENCE_BENCH = {
  ns: { batch: 32, n: 64, nu: 1e-3, dt: 1e-3, warmupSteps: 2, steps: 5 },
  /** A larger Δt for the comparison: the step's change must stand well above float32 round-off. */
  checkDt: 0.02,
  /** Timed PyTorch MAE steps (after one warm-up), as few as the lab's small run. */
  torchMaeSteps: 3,
  /** The Python side may take this long before it is abandoned. */
  pythonTimeoutSeconds: 600,
};

/** Below this a 1024² float32 matmul says torch runs on a reference (untuned) BLAS. */
const UNTUNED_BLAS_GFLOPS = 10;

export interface StepFigures {
  msPerStep: number;
  stepMs: number[];
}

export interface LabMaeFigures extends StepFigures {
  samplesPerSecond: number;
  parameters: number;
  initialLoss: number;
  /** 'training section': the figure the MAE training bench took in this run. */
  source: 'training section' | 'measured here';
}

/** What reference.py prints (the keys this bench asks for). */
export interface PythonReport {
  torch?: {
    version: string;
    device: string;
    threads: number;
    matmulGflops: number;
    blas: string[] | null;
    maeSmall?: StepFigures & { samplesPerSecond: number; parameters: number; initialLoss: number };
    ns64?: StepFigures & { stepsPerSecond: number; dtype: string };
  };
  torchMissing?: string;
  numpy?: { version: string; ns64?: StepFigures & { stepsPerSecond: number; dtype: string } };
  numpyMissing?: string;
  nsCheck?: Record<'numpy' | 'torch', NsCheck | undefined>;
}

export interface NsCheck {
  outputRelativeError: number;
  incrementRelativeError: number;
}

export interface ReferenceReport {
  date: string;
  backend: string;
  plan: typeof REFERENCE_BENCH;
  lab: { maeSmall: LabMaeFigures | { error: string }; ns64: StepFigures | { error: string } };
  python: { path: string; report: PythonReport } | { skipped: string } | { error: string };
  /** Lab time ÷ reference time for the same step (above 1: the lab is slower). */
  ratios: { maeSmallTorch?: number; ns64Torch?: number; ns64Numpy?: number };
}

/** The fastest Node backend here: WebAssembly when it starts, else the plain CPU one. */
async function bestNodeBackend(): Promise<string> {
  for (const backend of ['wasm', 'cpu']) {
    if (await tf.setBackend(backend)) return backend;
  }
  throw new Error('Neither the wasm nor the cpu backend started.');
}

function nsSolver(batch: number): Solver {
  const { n, nu } = REFERENCE_BENCH.ns;
  return pdeSpec('ns').createSolver({
    grid: { n, length: 1, origin: 0 },
    scheme: 'fno',
    batch,
    coefficients: { nu: new Float32Array(batch).fill(nu) },
    options: { forcing: 'fno' },
  });
}

/** Smooth order-one vorticity [B, N, N, 1] (the values do not change a step's cost). */
function nsInput(batch: number, n: number): tf.Tensor4D {
  const { data } = smoothTrajectories(batch, 1, n, 7);
  return tf.tensor4d(data, [batch, n, n, 1]);
}

async function timeSteps(warmup: number, steps: number, step: () => Promise<void>) {
  for (let i = 0; i < warmup; i++) await step();
  const stepMs: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    await step();
    stepMs.push(performance.now() - start);
  }
  return { msPerStep: median(stepMs), stepMs };
}

/** Our NS step timed as reference.py times its own: chained steps, each read back. */
export async function measureNsStep(): Promise<StepFigures> {
  const { batch, n, dt, warmupSteps, steps } = REFERENCE_BENCH.ns;
  const solver = nsSolver(batch);
  let state = nsInput(batch, n);
  try {
    return await timeSteps(warmupSteps, steps, async () => {
      const next = solver.advance(state, dt);
      state.dispose();
      state = next;
      await next.data();
    });
  } finally {
    state.dispose();
    solver.dispose();
  }
}

/** input.npy, output.npy (one step at checkDt) and setup.json, for reference.py --check-ns. */
async function writeNsFixture(directory: string): Promise<void> {
  const batch = 4;
  const { n, nu } = REFERENCE_BENCH.ns;
  const dt = REFERENCE_BENCH.checkDt;
  const solver = nsSolver(batch);
  const input = nsInput(batch, n);
  const output = solver.advance(input, dt);
  const shape = [batch, n, n, 1];
  const write = async (name: string, t: tf.Tensor) =>
    writeFileSync(join(directory, name), encodeNpy({ data: await t.data<'float32'>(), shape }));
  try {
    await write('input.npy', input);
    await write('output.npy', output);
    writeFileSync(join(directory, 'setup.json'), JSON.stringify({ nu: Array(batch).fill(nu), dt }));
  } finally {
    tf.dispose([input, output]);
    solver.dispose();
  }
}

/** The training bench's small figure when it ran on this backend in this run, else a new one. */
async function labMaeSmall(backend: string, training?: BackendTraining | { error: string }) {
  const fromTraining = training && 'small' in training ? training.small : undefined;
  const initialLoss = await maeInitialLoss();
  if (fromTraining && 'msPerStep' in fromTraining) {
    return { ...pickMae(fromTraining), initialLoss, source: 'training section' as const };
  }
  const result = await new JobRunner().run(
    'bench',
    benchTrain,
    TRAINING_BENCH.runs.small,
    () => {},
  );
  if (result.backend !== backend) throw new Error(`ran on ${result.backend}, not on ${backend}`);
  return { ...pickMae(result), initialLoss, source: 'measured here' as const };
}

function pickMae(r: {
  msPerStep: number;
  stepMs: number[];
  samplesPerSecond: number;
  parameters: number;
}) {
  const { msPerStep, stepMs, samplesPerSecond, parameters } = r;
  return { msPerStep, stepMs, samplesPerSecond, parameters };
}

/** The small preset's loss on the bench's first batch at initialisation (the scale check). */
async function maeInitialLoss(): Promise<number> {
  const config = MAE_PRESETS.small.config;
  const training = createMaeTraining({
    config,
    train: smoothTrajectories(4, 2 * config.frames, config.size),
    steps: 1,
    batchSize: TRAINING_BENCH.runs.small.batchSize,
    schedule: 'warmup-cosine',
    validationWindows: 1,
  });
  try {
    const loss = training.trainStep(0);
    const [value] = await loss.data();
    loss.dispose();
    return value!;
  } finally {
    training.dispose();
  }
}

/** PDE_LAB_PYTHON, else the first of python3 and Debian's python3 that imports torch, else numpy. */
export function findPython(): { path: string } | { skipped: string } {
  const chosen = process.env.PDE_LAB_PYTHON;
  if (chosen === 'none') return { skipped: 'PDE_LAB_PYTHON=none' };
  const candidates = chosen ? [chosen] : ['python3', '/usr/bin/python3'];
  for (const module of ['torch', 'numpy']) {
    const found = candidates.find((python) => imports(python, module));
    if (found) return { path: found };
  }
  return { skipped: `no Python with numpy or torch among ${candidates.join(', ')}` };
}

function imports(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

function runPython(python: string, fixture: string): PythonReport {
  const out = execFileSync(
    python,
    [
      'bench/python/reference.py',
      '--what',
      'mae-small,ns64',
      '--device',
      'cpu',
      '--json',
      '--steps',
      String(REFERENCE_BENCH.torchMaeSteps),
      '--ns-steps',
      String(REFERENCE_BENCH.ns.steps),
      '--check-ns',
      fixture,
    ],
    {
      encoding: 'utf8',
      timeout: REFERENCE_BENCH.pythonTimeoutSeconds * 1000,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out) as PythonReport;
}

async function measurePython(): Promise<ReferenceReport['python']> {
  const python = findPython();
  if ('skipped' in python) return python;
  const fixture = mkdtempSync(join(tmpdir(), 'pde-lab-reference-'));
  try {
    await writeNsFixture(fixture);
    return { path: python.path, report: runPython(python.path, fixture) };
  } catch (error) {
    return { error: firstLine(error) };
  } finally {
    rmSync(fixture, { recursive: true, force: true });
  }
}

function ratios(lab: ReferenceReport['lab'], python: ReferenceReport['python']) {
  const report = 'report' in python ? python.report : {};
  const ratio = (ours: { msPerStep: number } | object, theirs?: { msPerStep: number }) =>
    'msPerStep' in ours && theirs ? ours.msPerStep / theirs.msPerStep : undefined;
  return {
    maeSmallTorch: ratio(lab.maeSmall, report.torch?.maeSmall),
    ns64Torch: ratio(lab.ns64, report.torch?.ns64),
    ns64Numpy: ratio(lab.ns64, report.numpy?.ns64),
  };
}

async function attempt<T>(work: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await work();
  } catch (error) {
    return { error: firstLine(error) };
  }
}

/** `training`: the Node training figures of this run on the chosen backend, if it took them. */
export async function measureReference(
  training?: Record<string, BackendTraining | { error: string }>,
): Promise<ReferenceReport> {
  const backend = await bestNodeBackend();
  const lab = {
    maeSmall: await attempt(() => labMaeSmall(backend, training?.[backend])),
    ns64: await attempt(measureNsStep),
  };
  console.log(`reference: lab on Node ${backend}: ${JSON.stringify(summary(lab))}`);
  const python = await measurePython();
  logPython(python);
  return {
    date: new Date().toISOString(),
    backend,
    plan: REFERENCE_BENCH,
    lab,
    python,
    ratios: ratios(lab, python),
  };
}

function summary(lab: ReferenceReport['lab']) {
  const ms = (r: { msPerStep: number } | { error: string }) =>
    'msPerStep' in r ? `${r.msPerStep.toFixed(1)} ms` : r.error;
  return { maeSmall: ms(lab.maeSmall), ns64: ms(lab.ns64) };
}

function logPython(python: ReferenceReport['python']): void {
  if ('skipped' in python) return console.log(`reference: Python skipped: ${python.skipped}`);
  if ('error' in python) return console.log(`reference: Python failed: ${python.error}`);
  const { torch, torchMissing, numpy, numpyMissing } = python.report;
  if (torchMissing) console.log(`reference: PyTorch skipped: ${torchMissing}`);
  if (numpyMissing) console.log(`reference: numpy skipped: ${numpyMissing}`);
  const expected = maeParameterCount(MAE_PRESETS.small.config);
  if (torch?.maeSmall && torch.maeSmall.parameters !== expected) {
    console.log(
      `reference: PyTorch's MAE small has ${torch.maeSmall.parameters} parameters, the lab's ${expected}`,
    );
  }
  console.log(
    `reference: ${python.path}: torch ${torch?.version ?? '-'}, numpy ${numpy?.version ?? '-'}`,
  );
  if (torch && torch.matmulGflops < UNTUNED_BLAS_GFLOPS) {
    console.log(
      `reference: torch's matmul runs at ${torch.matmulGflops.toFixed(1)} GFLOP/s (${torch.blas?.join(', ') ?? 'BLAS unknown'}): ` +
        'an untuned BLAS, so the MAE ratio flatters the lab; point LD_LIBRARY_PATH at an OpenBLAS or MKL libblas.so.3 to measure a usual PyTorch.',
    );
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
