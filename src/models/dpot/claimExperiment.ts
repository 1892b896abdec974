/**
 * DPOT's two claim protocols (methods §2g) on any trajectories, tfjs only, so that the CLI and
 * the browser's job share them:
 *
 * A. runDpotNoiseClaim trains, for every seed, two models alike in everything (weights, windows,
 *    steps, schedule) except the input noise, σ_rel = 0 and σ_rel > 0, rolls both out on the
 *    held-out trajectories and judges the claim on the per-step errors (claim.ts).
 * B. runDpotFinetuneClaim pretrains one model on several equations, then fine-tunes it on a few
 *    trajectories of another, trains a fresh model on the same trajectories for the same steps,
 *    and judges the claim on both models' held-out rollouts.
 *
 * Every run is DPOT's own training (train.ts): Adam with β = (0.9, 0.9) under the OneCycle
 * schedule, β₁ cycled with it (dpotSchedules). Held-out sets may have fewer channels than the
 * model: they are padded with ones to be read and scored on their own channels only, so that a
 * padded channel of ones, easy to predict, does not dilute the error.
 */
import type { TrajectoryArray } from '../../data/trajectories';
import type { StepMetrics } from '../nn/trainLoop';
import { trainLoop } from '../nn/trainLoop';
import {
  DPOT_FINETUNE_CLAIM,
  DPOT_NOISE_CLAIM,
  HORIZON_THRESHOLD,
  judgeFinetuneClaim,
  judgeNoiseClaim,
  meanCurve,
  type FinetuneJudgement,
  type RolloutScore,
  type NoiseArm,
  type NoiseJudgement,
  type NoiseSeedRollout,
} from './claim';
import { dpotParameterCount, type DpotConfig } from './config';
import { createDpot, type DpotModel } from './model';
import { errorHorizon, evaluateDpotRollouts, rolloutProblem } from './rollout';
import { createDpotTrainer, dpotSchedules } from './train';
import { asSources, type DpotWindowSource } from './windows';

export interface DpotClaimHooks {
  /** Overall progress 0…1 and the phase in words. */
  progress?(fraction: number, message: string): void;
  /** Awaited before every training step: yields, and throws to stop. */
  step?(): Promise<void>;
  /** A line for a console. */
  log?(line: string): void;
  /** Each run's training metrics, with the run's name ('σ 0.2 · seed 2', 'pretraining', …) and steps. */
  onMetrics?(run: string, metrics: StepMetrics, elapsedSeconds: number, steps: number): void;
}

/** What both protocols share: the model, the optimiser's budget, the held-out rollouts. */
interface ClaimRunSettings {
  /** Every run's model (claim A's arms set its noise). */
  config: DpotConfig;
  batchSize: number;
  /** OneCycle's peak learning rate. */
  maxLr: number;
  /** Held-out sets, each with at most the model's channels, rolled out from their first frames. */
  heldOut: readonly TrajectoryArray[];
  rolloutSteps: number;
  /** Trajectories rolled out at once (default 8). */
  rolloutBatch?: number;
  hooks?: DpotClaimHooks;
}

export interface DpotNoiseClaimOptions extends ClaimRunSettings {
  /** One set, or several with sampling weights. */
  train: TrajectoryArray | readonly DpotWindowSource[];
  steps: number;
  /** Every seed trains one model per arm (methods §2g: at least 3). */
  seeds: readonly number[];
  /** σ_rel of the noisy arm. */
  sigma: number;
}

export interface DpotFinetuneClaimOptions extends ClaimRunSettings {
  pretrain: TrajectoryArray | readonly DpotWindowSource[];
  /** The few trajectories both arms train on. */
  finetune: TrajectoryArray | readonly DpotWindowSource[];
  pretrainSteps: number;
  finetuneSteps: number;
  seed: number;
}

/** One training run's record. */
export interface RunRecord {
  /** The last step's training loss (relative L2 of the next frame, noisy inputs). */
  finalLoss: number;
  trainSeconds: number;
}

export interface NoiseSeedRun extends NoiseSeedRollout, RunRecord {
  /** L2RE over the whole rollout (norms over time and space per channel). */
  full: number;
}

export interface NoiseArmResult extends NoiseArm {
  seeds: NoiseSeedRun[];
}

export interface DpotNoiseClaimResult extends NoiseJudgement {
  /** The claim in words. */
  statement: string;
  /** The clean arm (σ_rel = 0), then the noisy one. */
  arms: [NoiseArmResult, NoiseArmResult];
  /** Persistence's per-step L2RE: the last input frame repeated. */
  persistence: number[];
  heldOutTrajectories: number;
  channels: number;
  parameters: number;
  steps: number;
}

export interface FinetuneRun extends RolloutScore, RunRecord {}

export interface DpotFinetuneClaimResult extends FinetuneJudgement {
  /** The claim in words. */
  statement: string;
  /** Pretrained, then fine-tuned. */
  pretrained: FinetuneRun;
  /** Trained on the fine-tuning trajectories only. */
  scratch: FinetuneRun;
  /** The pretrained model before fine-tuning, on the same held-out rollouts. */
  zeroShot: RolloutScore;
  pretraining: RunRecord;
  persistence: number[];
  finetuneTrajectories: number;
  heldOutTrajectories: number;
  channels: number;
  parameters: number;
  pretrainSteps: number;
  finetuneSteps: number;
}

const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(5)) : x);
const maxChannels = (sets: readonly TrajectoryArray[]) => Math.max(...sets.map((s) => s.shape[4]));
const trajectories = (sets: readonly TrajectoryArray[]) => sets.reduce((n, s) => n + s.shape[0], 0);

/** Why the held-out sets cannot be rolled out, in words; undefined when they can. */
function heldOutProblem(
  heldOut: readonly TrajectoryArray[],
  config: DpotConfig,
  steps: number,
): string | undefined {
  if (heldOut.length === 0) return 'The claim needs held-out trajectories to roll out.';
  for (const set of heldOut) {
    const spec = { inputFrames: config.inputFrames, size: config.size, channels: set.shape[4] };
    const problem = rolloutProblem(set, spec, steps);
    if (problem) return `Held out: ${problem}`;
  }
  return undefined;
}

/**
 * Rolls every held-out trajectory out `steps` steps from its first T_in frames (read padded with
 * ones to the model's channels) and scores its own channels: per-step L2RE and the L2RE over
 * the whole rollout, means over all trajectories.
 */
export function scoreRollouts(
  model: DpotModel,
  heldOut: readonly TrajectoryArray[],
  steps: number,
  batchSize = 8,
): RolloutScore {
  const { perStep, full } = evaluateDpotRollouts(model, heldOut, { steps, batchSize });
  return { rolloutL2re: round(full), perStep: perStep.map(round) };
}

/**
 * Persistence's per-step L2RE over the held-out sets: frame T_in + k − 1 against the last input
 * frame, per channel ‖ŷ − y‖ / (‖y‖ + 1e-8), mean over channels and trajectories.
 */
export function persistenceRollout(
  heldOut: readonly TrajectoryArray[],
  inputFrames: number,
  steps: number,
): number[] {
  const errors = new Float64Array(steps);
  for (const { data, shape } of heldOut) {
    const [N, T, X, Y, C] = shape;
    const points = X * Y;
    for (let n = 0; n < N; n++) {
      const frameAt = (t: number) => (n * T + t) * points * C;
      const last = frameAt(inputFrames - 1);
      for (let k = 0; k < steps; k++) {
        const truth = frameAt(inputFrames + k);
        let sum = 0;
        for (let c = 0; c < C; c++) {
          let diff = 0;
          let norm = 0;
          for (let p = 0; p < points; p++) {
            const y = data[truth + p * C + c]!;
            diff += (data[last + p * C + c]! - y) ** 2;
            norm += y * y;
          }
          sum += Math.sqrt(diff) / (Math.sqrt(norm) + 1e-8);
        }
        errors[k] = errors[k]! + sum / C;
      }
    }
  }
  const count = trajectories(heldOut);
  return Array.from(errors, (e) => round(e / count));
}

/** Trains `model` for `steps` steps of DPOT's OneCycle schedule, counting each step as done. */
async function train(
  model: DpotModel,
  data: TrajectoryArray | readonly DpotWindowSource[],
  run: { label: string; steps: number; seed: number; noise: number },
  settings: Pick<ClaimRunSettings, 'batchSize' | 'maxLr' | 'hooks'>,
  stepDone: () => void,
): Promise<RunRecord> {
  const hooks = settings.hooks ?? {};
  const trainer = createDpotTrainer({
    model,
    train: data,
    seed: run.seed,
    batchSize: settings.batchSize,
    noise: run.noise,
  });
  const { schedule, momentumSchedule } = dpotSchedules(run.steps, { maxLr: settings.maxLr });
  const started = performance.now();
  try {
    const result = await trainLoop({
      params: model.params,
      update: trainer.update,
      schedule,
      momentumSchedule,
      steps: run.steps,
      batchSize: settings.batchSize,
      yieldStep: async () => {
        await hooks.step?.();
        stepDone();
      },
      onMetrics: (m) =>
        hooks.onMetrics?.(run.label, m, (performance.now() - started) / 1000, run.steps),
    });
    return {
      finalLoss: round(result.loss),
      trainSeconds: round((performance.now() - started) / 1000),
    };
  } finally {
    trainer.dispose();
  }
}

/** Progress counted in training steps; scoring a model counts as `scoreUnits` steps. */
function progressCounter(total: number, hooks: DpotClaimHooks) {
  let done = 0;
  let message = '';
  return {
    phase(text: string) {
      message = text;
      hooks.progress?.(Math.min(1, done / total), message);
    },
    advance(units = 1) {
      done += units;
      hooks.progress?.(Math.min(1, done / total), message);
    },
  };
}

const checkSteps = (steps: number, what: string) => {
  if (!(Number.isInteger(steps) && steps >= 2)) {
    throw new RangeError(`${what} must be a whole number of steps ≥ 2 (got ${steps}).`);
  }
};

/** Claim A: "noise injection makes rollouts more stable" (methods §2g). */
export async function runDpotNoiseClaim(
  options: DpotNoiseClaimOptions,
): Promise<DpotNoiseClaimResult> {
  const { config, steps, seeds, sigma, heldOut, rolloutSteps } = options;
  const hooks = options.hooks ?? {};
  checkSteps(steps, 'Each run');
  if (seeds.length === 0) throw new RangeError('Claim A needs at least one seed.');
  if (!(sigma > 0 && Number.isFinite(sigma))) {
    throw new RangeError(`The noisy arm's σ_rel must be a number above 0 (got ${sigma}).`);
  }
  const problem = heldOutProblem(heldOut, config, rolloutSteps);
  if (problem) throw new RangeError(problem);
  const sources = asSources(options.train);
  const channels = Math.max(maxChannels(sources.map((s) => s.set)), maxChannels(heldOut));
  const sigmas = [0, sigma] as const;
  const scoreUnits = Math.max(1, Math.round(0.05 * steps));
  const counter = progressCounter(seeds.length * 2 * (steps + scoreUnits), hooks);

  const runs: NoiseSeedRun[][] = [[], []];
  for (const seed of seeds) {
    for (const [arm, noise] of sigmas.entries()) {
      const label = `σ ${noise} · seed ${seed}`;
      counter.phase(`Training with σ_rel = ${noise}, seed ${seed}`);
      const model = createDpot(config, { seed, channels });
      try {
        const record = await train(model, sources, { label, steps, seed, noise }, options, () =>
          counter.advance(),
        );
        counter.phase(`Rolling out the σ_rel = ${noise} model, seed ${seed}`);
        const score = scoreRollouts(model, heldOut, rolloutSteps, options.rolloutBatch);
        counter.advance(scoreUnits);
        const horizon = errorHorizon(score.perStep, HORIZON_THRESHOLD);
        runs[arm]!.push({
          seed,
          rolloutL2re: score.perStep,
          horizon,
          full: score.rolloutL2re,
          ...record,
        });
        hooks.log?.(
          `${label}: rollout L2RE step 1 ${score.perStep[0]!.toPrecision(3)}, step ${rolloutSteps} ${score.perStep.at(-1)!.toPrecision(3)}, horizon ${horizon ?? 'none'} (${Math.round(record.trainSeconds)} s)`,
        );
      } finally {
        model.dispose();
      }
    }
  }

  const arm = (i: 0 | 1): NoiseArmResult => {
    const curve = meanCurve(runs[i]!.map((r) => r.rolloutL2re)).map(round);
    return {
      sigma: sigmas[i],
      rolloutL2re: curve,
      horizon: errorHorizon(curve, HORIZON_THRESHOLD),
      seeds: runs[i]!,
    };
  };
  const arms: [NoiseArmResult, NoiseArmResult] = [arm(0), arm(1)];
  const persistence = persistenceRollout(heldOut, config.inputFrames, rolloutSteps);
  const judged = judgeNoiseClaim(arms[0], arms[1], persistence);
  return {
    statement: DPOT_NOISE_CLAIM,
    arms,
    persistence,
    heldOutTrajectories: trajectories(heldOut),
    channels,
    parameters: dpotParameterCount(config, channels),
    steps,
    ...judged,
    finalRatio: round(judged.finalRatio),
    finalRatios: judged.finalRatios.map(round),
  };
}

/** Claim B: "multi-dataset pretraining, then fine-tuning, beats scratch" (methods §2g). */
export async function runDpotFinetuneClaim(
  options: DpotFinetuneClaimOptions,
): Promise<DpotFinetuneClaimResult> {
  const { config, pretrainSteps, finetuneSteps, seed, heldOut, rolloutSteps } = options;
  const hooks = options.hooks ?? {};
  checkSteps(pretrainSteps, 'Pretraining');
  checkSteps(finetuneSteps, 'Fine-tuning');
  const problem = heldOutProblem(heldOut, config, rolloutSteps);
  if (problem) throw new RangeError(problem);
  const pretrainSources = asSources(options.pretrain);
  const finetuneSources = asSources(options.finetune);
  const channels = Math.max(
    maxChannels(pretrainSources.map((s) => s.set)),
    maxChannels(finetuneSources.map((s) => s.set)),
    maxChannels(heldOut),
  );
  const scoreUnits = Math.max(1, Math.round(0.05 * finetuneSteps));
  const counter = progressCounter(pretrainSteps + 2 * finetuneSteps + 3 * scoreUnits, hooks);
  const run = (label: string, steps: number) => ({ label, steps, seed, noise: config.noise });
  const score = (model: DpotModel, label: string) => {
    counter.phase(`Rolling out the ${label} model`);
    const result = scoreRollouts(model, heldOut, rolloutSteps, options.rolloutBatch);
    counter.advance(scoreUnits);
    hooks.log?.(
      `${label}: held-out ${rolloutSteps}-step rollout L2RE ${result.rolloutL2re.toPrecision(3)}, final step ${result.perStep.at(-1)!.toPrecision(3)}`,
    );
    return result;
  };

  const model = createDpot(config, { seed, channels });
  let pretraining: RunRecord;
  let zeroShot: RolloutScore;
  let pretrained: FinetuneRun;
  try {
    counter.phase('Pretraining on the mixture');
    pretraining = await train(
      model,
      pretrainSources,
      run('pretraining', pretrainSteps),
      options,
      () => counter.advance(),
    );
    zeroShot = score(model, 'pretrained (before fine-tuning)');
    counter.phase('Fine-tuning the pretrained model');
    const record = await train(
      model,
      finetuneSources,
      run('fine-tuning', finetuneSteps),
      options,
      () => counter.advance(),
    );
    pretrained = { ...score(model, 'fine-tuned'), ...record };
  } finally {
    model.dispose();
  }
  const fresh = createDpot(config, { seed, channels });
  let scratch: FinetuneRun;
  try {
    counter.phase('Training from scratch on the fine-tuning trajectories');
    const record = await train(fresh, finetuneSources, run('scratch', finetuneSteps), options, () =>
      counter.advance(),
    );
    scratch = { ...score(fresh, 'scratch'), ...record };
  } finally {
    fresh.dispose();
  }

  const persistence = persistenceRollout(heldOut, config.inputFrames, rolloutSteps);
  const finetuneTrajectories = trajectories(finetuneSources.map((s) => s.set));
  const judged = judgeFinetuneClaim(pretrained, scratch, {
    trajectories: finetuneTrajectories,
    zeroShot,
    persistence,
  });
  return {
    statement: DPOT_FINETUNE_CLAIM,
    pretrained,
    scratch,
    zeroShot,
    pretraining,
    persistence,
    finetuneTrajectories,
    heldOutTrajectories: trajectories(heldOut),
    channels,
    parameters: dpotParameterCount(config, channels),
    pretrainSteps,
    finetuneSteps,
    ...judged,
    ratio: round(judged.ratio),
  };
}
