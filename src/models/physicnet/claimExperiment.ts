/**
 * PhysicNet's claim protocol (methods §4g) on any trajectories, tfjs only: it trains the four arms
 * of the ablation grid (full; no local branch; no flow; no VQ) on the same training trajectories
 * with the same steps, batches and seed, scores each on the held-out trajectories' windows (MSE
 * and SSIM per forecast step, codebook use, and on swirl data the flow's end-point error against
 * the true velocity), trains the full arm once more on the training data with observation noise
 * (scored on the clean held-out data), scores the persistence baseline on the same windows, and
 * judges the claim on the numbers. The CLI and the browser's job both run it.
 */
import type { DatasetMeta } from '../../data/io/meta';
import { addObservationNoise } from '../../data/noise';
import type { TrajectoryArray } from '../../data/trajectories';
import type { StepMetrics } from '../nn/trainLoop';
import {
  ARM_NAMES,
  judgePhysicNetClaim,
  type ArmName,
  type ArmScore,
  type PhysicNetVerdict,
} from './claim';
import { PHYSICNET_DOWNSAMPLING, physicnetParameterCount, type PhysicNetConfig } from './config';
import { evaluatePhysicNet, swirlDisplacement, type PhysicNetEvaluation } from './evaluation';
import type { PhysicNetModel } from './model';
import { persistenceScore } from './persistence';
import { trainPhysicNet } from './trainPhysicNet';
import type { WindowSpec, WindowStart } from './windows';

/** Noise seed of the noisy-training arm, offset from the experiment's seed. */
const NOISE_SEED_OFFSET = 7919;

export interface PhysicNetClaimHooks {
  /** Overall progress 0…1 and the phase in words. */
  progress?(fraction: number, message: string): void;
  /** Awaited before every training step: yields, and throws to stop. */
  step?(): Promise<void>;
  /** A line for a console. */
  log?(line: string): void;
  /** Each run's training metrics (with its arm, 'full (noisy)' for the noisy one). */
  onMetrics?(run: string, metrics: StepMetrics, elapsedSeconds: number): void;
  /** Awaited once a run is scored, before its model is disposed. */
  afterRun?(run: string, model: PhysicNetModel): Promise<void>;
}

export interface PhysicNetClaimOptions {
  /** Trajectories 0…n−1 of the dataset `meta` describes. */
  train: TrajectoryArray;
  /** The dataset's trajectories right after the training ones (their true flow is looked up there). */
  heldOut: TrajectoryArray;
  meta: DatasetMeta;
  /** The full arm's config; the others switch one part off. */
  config: PhysicNetConfig;
  steps: number;
  batchSize: number;
  /** Adam's constant learning rate. */
  lr: number;
  seed: number;
  /** σ of the noisy-training run (relative to each channel's std); 0 or undefined skips it. */
  noiseSigma?: number;
  /** Validations per run during training (default 1: at the end). */
  validations?: number;
  hooks?: PhysicNetClaimHooks;
}

/** One run's scores on the held-out windows. */
export interface RunScores {
  testMse: number;
  ssim: number;
  relL2: number;
  msePerStep: number[];
  ssimPerStep: number[];
  /** Null without VQ. */
  perplexity: number | null;
  deadCodes: number | null;
  /** Grid cells per frame; null without flow or without a known flow. */
  flowEndPointError: number | null;
  trainSeconds: number;
  finalLoss: number;
  parameters: number;
}

export interface ArmRow extends RunScores {
  name: ArmName;
}

export interface NoiseComparison {
  sigma: number;
  /** The full arm trained on clean data (the same numbers as arms[0]). */
  clean: { testMse: number; ssim: number };
  /** The full arm trained on noisy data, scored on the clean held-out windows. */
  noisy: RunScores;
  /** noisy.testMse / clean.testMse. */
  ratio: number;
}

export interface PersistenceRow {
  testMse: number;
  ssim: number;
  msePerStep: number[];
  ssimPerStep: number[];
}

export interface PhysicNetClaimResult extends PhysicNetVerdict {
  arms: ArmRow[];
  /** The full arm's flow end-point error (grid cells per frame), when the flow is known. */
  flowEndPointError: number | null;
  /** The end-point error of a zero flow estimate: the true motion's mean size, for scale. */
  zeroFlowEndPointError: number | null;
  noise: NoiseComparison | null;
  baseline: { persistence: PersistenceRow };
  /** The held-out windows scored. */
  windows: number;
}

/** The arm's config: the full one with its part switched off. */
export function armConfig(config: PhysicNetConfig, name: ArmName): PhysicNetConfig {
  return {
    ...config,
    local: name !== 'no-local',
    flow: name !== 'no-flow',
    quantize: name !== 'no-vq',
  };
}

/** Every trajectory's non-overlapping windows from its first frame: the held-out windows scored. */
export function heldOutWindows(set: TrajectoryArray, spec: WindowSpec): WindowStart[] {
  const [N, T] = set.shape;
  const length = spec.inputFrames + spec.outputFrames;
  const windows: WindowStart[] = [];
  for (let trajectory = 0; trajectory < N; trajectory++) {
    for (let start = 0; start + length <= T; start += length) windows.push({ trajectory, start });
  }
  return windows;
}

const round = (x: number) => Number(x.toPrecision(5));
const finiteOrNull = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? null : round(x);

function scores(
  evaluation: PhysicNetEvaluation,
  run: { seconds: number; finalLoss: number },
  parameters: number,
): RunScores {
  return {
    testMse: round(evaluation.testMse),
    ssim: round(evaluation.testSsim),
    relL2: round(evaluation.relL2),
    msePerStep: evaluation.mse.map(round),
    ssimPerStep: evaluation.ssim.map(round),
    perplexity: finiteOrNull(evaluation.perplexity),
    deadCodes: finiteOrNull(evaluation.deadCodes),
    flowEndPointError: finiteOrNull(evaluation.flowEndPointError),
    trainSeconds: Math.round(run.seconds),
    finalLoss: round(run.finalLoss),
    parameters,
  };
}

/** The mean size of the true displacement per latent cell (the end-point error of zero flow). */
function zeroFlowError(
  displacement: NonNullable<ReturnType<typeof swirlDisplacement>>,
  windows: readonly WindowStart[],
  side: number,
): number {
  const s = PHYSICNET_DOWNSAMPLING;
  const cells = side / s;
  let total = 0;
  let count = 0;
  for (const window of windows) {
    const { dx, dy } = displacement(window);
    for (let i = 0; i < cells; i++) {
      for (let j = 0; j < cells; j++) {
        let x = 0;
        let y = 0;
        for (let u = i * s; u < (i + 1) * s; u++) {
          for (let v = j * s; v < (j + 1) * s; v++) {
            x += dx[u * side + v]!;
            y += dy[u * side + v]!;
          }
        }
        total += Math.hypot(x / (s * s), y / (s * s));
        count++;
      }
    }
  }
  return total / count;
}

const verdictScore = (row: ArmRow): ArmScore => ({
  name: row.name,
  testMse: row.testMse,
  perplexity: row.perplexity ?? Number.NaN,
  deadCodes: row.deadCodes ?? Number.NaN,
});

export async function runPhysicNetClaim(
  options: PhysicNetClaimOptions,
): Promise<PhysicNetClaimResult> {
  const { train, heldOut, meta, config, steps, batchSize, lr, seed } = options;
  const hooks = options.hooks ?? {};
  const channels = meta.channels.length;
  const sigma = options.noiseSigma ?? 0;
  const runs: { label: string; arm: ArmName; noisy: boolean }[] = [
    ...ARM_NAMES.map((arm) => ({ label: arm, arm, noisy: false })),
    ...(sigma > 0 ? [{ label: 'full (noisy)', arm: 'full' as const, noisy: true }] : []),
  ];
  // Progress counts training steps; scoring a run counts as a tenth of its training.
  const scoreUnits = Math.max(1, Math.round(0.1 * steps));
  const total = runs.length * (steps + scoreUnits);
  let done = 0;
  const report = (message: string) => hooks.progress?.(Math.min(1, done / total), message);

  const windows = heldOutWindows(heldOut, config);
  if (windows.length === 0) {
    throw new RangeError(
      `The held-out trajectories have ${heldOut.shape[1]} frames: a window needs ${config.inputFrames + config.outputFrames}.`,
    );
  }
  const displacement = swirlDisplacement(meta, train.shape[0]);
  const validateEvery = Math.max(1, Math.ceil(steps / (options.validations ?? 1)));

  const rows: ArmRow[] = [];
  let noisy: RunScores | undefined;
  for (const [index, { label, arm, noisy: withNoise }] of runs.entries()) {
    const runStart = index * (steps + scoreUnits);
    const armSettings = armConfig(config, arm);
    let data = train;
    if (withNoise) {
      const copy = Float32Array.from(train.data);
      addObservationNoise(
        { data: copy, shape: train.shape },
        { sigma, seed: seed + NOISE_SEED_OFFSET },
      );
      data = { data: copy, shape: train.shape };
    }
    const message = withNoise
      ? `Training the full model on noisy data (σ = ${sigma} × std)`
      : `Training the ${arm} arm`;
    const started = performance.now();
    const run = await trainPhysicNet({
      config: armSettings,
      train: data,
      validation: heldOut,
      meta,
      steps,
      batchSize,
      peakLr: lr,
      schedule: 'constant',
      seed,
      validateEvery,
      hooks: {
        yieldStep: async () => {
          report(message);
          done++;
          await hooks.step?.();
        },
        onMetrics: (m) => hooks.onMetrics?.(label, m, (performance.now() - started) / 1000),
      },
    });
    try {
      done = runStart + steps;
      report(`Scoring the ${label} run on the held-out trajectories`);
      const evaluation = await evaluatePhysicNet(run.model, heldOut, {
        windows,
        ...(displacement ? { trueDisplacement: displacement } : {}),
      });
      const row = scores(evaluation, run, physicnetParameterCount(armSettings, channels));
      if (withNoise) noisy = row;
      else rows.push({ name: arm, ...row });
      hooks.log?.(
        `${label}: test MSE ${row.testMse.toExponential(3)}, SSIM ${row.ssim.toFixed(3)}` +
          (row.perplexity !== null
            ? `, perplexity ${row.perplexity.toFixed(1)}, dead codes ${(100 * row.deadCodes!).toFixed(0)} %`
            : '') +
          (row.flowEndPointError !== null ? `, flow EPE ${row.flowEndPointError.toFixed(3)}` : '') +
          ` (${row.trainSeconds} s)`,
      );
      await hooks.afterRun?.(label, run.model);
    } finally {
      run.model.dispose();
    }
    done = (index + 1) * (steps + scoreUnits);
  }

  report('Judging the claim');
  const persistence = persistenceScore(heldOut, config, windows, channels);
  const baseline: PersistenceRow = {
    testMse: round(persistence.testMse),
    ssim: round(persistence.testSsim),
    msePerStep: persistence.mse.map(round),
    ssimPerStep: persistence.ssim.map(round),
  };
  hooks.log?.(
    `persistence: test MSE ${baseline.testMse.toExponential(3)}, SSIM ${baseline.ssim.toFixed(3)}`,
  );
  const judged = judgePhysicNetClaim(rows.map(verdictScore), config.codes, baseline.testMse);
  const full = rows.find((r) => r.name === 'full')!;
  return {
    arms: rows,
    flowEndPointError: full.flowEndPointError,
    zeroFlowEndPointError: displacement
      ? round(zeroFlowError(displacement, windows, heldOut.shape[2]))
      : null,
    noise: noisy
      ? {
          sigma,
          clean: { testMse: full.testMse, ssim: full.ssim },
          noisy,
          ratio: round(noisy.testMse / full.testMse),
        }
      : null,
    baseline: { persistence: baseline },
    windows: windows.length,
    ...judged,
  };
}
