/**
 * DINo's test (official `utils.eval_dino`): each trajectory's first code is fitted to the observed
 * points of its first frame (or taken from training), rolled out over every frame and decoded on
 * the whole grid; errors are split by time (In-t: the training frames, Out-t: later ones) and by
 * space (In-s: observed points, Out-s: the others).
 */
import * as tf from '@tensorflow/tfjs';
import { gridCoordinates, gridPointCoordinates } from './coordinates';
import { decodeFrames, fitCodes, forecastCodes, frameTimes } from './forecast';
import type { DinoModel } from './model';
import { gatherPoints, maskIndices, observationMask, type DinoTrajectories } from './observation';

export interface ErrorSummary {
  mse: number;
  /** ‖prediction − truth‖ / ‖truth‖ over the group's values. */
  relativeL2: number;
}

/** NaN where a group is empty (no later frames, or every point observed). */
export interface DinoEvaluation {
  inTimeInSpace: ErrorSummary;
  inTimeOutSpace: ErrorSummary;
  outTimeInSpace: ErrorSummary;
  outTimeOutSpace: ErrorSummary;
  inTime: ErrorSummary;
  outTime: ErrorSummary;
  all: ErrorSummary;
}

export interface DinoEvaluationOptions {
  /** Observed points of the X × Y grid, the In-s group (default: the config's mask). */
  mask?: Uint8Array;
  /** Points the first code is fitted to (default `mask`; another draw tests a new grid). */
  fitMask?: Uint8Array;
  /** [N, codeSize]: first codes to use instead of fitting (DINo's train metrics). */
  initialCodes?: tf.Tensor2D;
  /** Trajectories fitted and forecast at once (default 16). */
  batchSize?: number;
}

interface Sums {
  error: number;
  truth: number;
  count: number;
}

type Group = 'inTimeInSpace' | 'inTimeOutSpace' | 'outTimeInSpace' | 'outTimeOutSpace';
const GROUPS: readonly Group[] = [
  'inTimeInSpace',
  'inTimeOutSpace',
  'outTimeInSpace',
  'outTimeOutSpace',
];

export async function evaluateDino(
  model: DinoModel,
  test: DinoTrajectories,
  options: DinoEvaluationOptions = {},
): Promise<DinoEvaluation> {
  const { config, channels } = model;
  const [N, T, X, Y] = test.shape;
  const mask = options.mask ?? observationMask(X, Y, config.subsamplingRate, config.maskSeed);
  const fitPoints = maskIndices(options.fitMask ?? mask);
  if (!options.initialCodes && fitPoints.length === 0)
    throw new Error('No observed point to fit codes to.');
  const batchSize = options.batchSize ?? 16;
  const times = frameTimes(T, config.dt);
  const sums = Object.fromEntries(
    GROUPS.map((g) => [g, { error: 0, truth: 0, count: 0 }]),
  ) as Record<Group, Sums>;
  const grid = gridCoordinates(X, Y);
  const fitCoords = gridPointCoordinates(fitPoints, X, Y);
  const P = X * Y;
  try {
    for (let start = 0; start < N; start += batchSize) {
      const members = Array.from({ length: Math.min(batchSize, N - start) }, (_, i) => start + i);
      const initial = options.initialCodes
        ? tf.tidy(
            () => tf.gather(options.initialCodes!, tf.tensor1d(members, 'int32')) as tf.Tensor2D,
          )
        : fitFirstCodes(model, test, members, fitPoints, fitCoords);
      const codes = forecastCodes(model, initial, times);
      initial.dispose();
      try {
        for (let b = 0; b < members.length; b++) {
          // One trajectory at a time: T × X·Y × width activations at most.
          const frames = tf.tidy(() =>
            decodeFrames(model, codes.slice([b, 0, 0], [1, T, -1]), grid),
          );
          const predicted = await frames.data<'float32'>();
          frames.dispose();
          const everyPoint = Array.from({ length: P }, (_, p) => p);
          const truth = gatherPoints(test, [members[b]!], everyPoint, { count: T, channels });
          accumulate(sums, predicted, truth, {
            T,
            P,
            channels,
            trainFrames: config.trainFrames,
            mask,
          });
        }
      } finally {
        codes.dispose();
      }
    }
  } finally {
    tf.dispose([grid, fitCoords]);
  }
  const merged = (groups: readonly Group[]): Sums =>
    groups.reduce(
      (total, g) => ({
        error: total.error + sums[g].error,
        truth: total.truth + sums[g].truth,
        count: total.count + sums[g].count,
      }),
      { error: 0, truth: 0, count: 0 },
    );
  return {
    inTimeInSpace: summary(sums.inTimeInSpace),
    inTimeOutSpace: summary(sums.inTimeOutSpace),
    outTimeInSpace: summary(sums.outTimeInSpace),
    outTimeOutSpace: summary(sums.outTimeOutSpace),
    inTime: summary(merged(['inTimeInSpace', 'inTimeOutSpace'])),
    outTime: summary(merged(['outTimeInSpace', 'outTimeOutSpace'])),
    all: summary(merged(GROUPS)),
  };
}

/** The evaluation under the metric ids of dinoInfo.metrics. */
export function dinoMetrics(evaluation: DinoEvaluation): Record<string, number> {
  return {
    relL2: evaluation.all.relativeL2,
    relL2InTInS: evaluation.inTimeInSpace.relativeL2,
    relL2InTOutS: evaluation.inTimeOutSpace.relativeL2,
    relL2OutTInS: evaluation.outTimeInSpace.relativeL2,
    relL2OutTOutS: evaluation.outTimeOutSpace.relativeL2,
    mse: evaluation.all.mse,
  };
}

function fitFirstCodes(
  model: DinoModel,
  data: DinoTrajectories,
  members: number[],
  points: Int32Array,
  coords: tf.Tensor2D,
): tf.Tensor2D {
  const values = tf.tensor3d(
    gatherPoints(data, members, points, { count: 1, channels: model.channels }),
    [members.length, points.length, model.channels],
  );
  try {
    return fitCodes(
      model,
      { values, coords },
      { steps: model.config.fitSteps, lr: model.config.fitLr },
    );
  } finally {
    values.dispose();
  }
}

function accumulate(
  sums: Record<Group, Sums>,
  predicted: Float32Array,
  truth: Float32Array,
  shape: { T: number; P: number; channels: number; trainFrames: number; mask: Uint8Array },
): void {
  const { T, P, channels, trainFrames, mask } = shape;
  let i = 0;
  for (let t = 0; t < T; t++) {
    const early = t < trainFrames;
    for (let p = 0; p < P; p++) {
      const observed = mask[p] === 1;
      const group =
        sums[
          early
            ? observed
              ? 'inTimeInSpace'
              : 'inTimeOutSpace'
            : observed
              ? 'outTimeInSpace'
              : 'outTimeOutSpace'
        ];
      for (let c = 0; c < channels; c++, i++) {
        const d = predicted[i]! - truth[i]!;
        group.error += d * d;
        group.truth += truth[i]! * truth[i]!;
        group.count += 1;
      }
    }
  }
}

function summary({ error, truth, count }: Sums): ErrorSummary {
  if (count === 0) return { mse: NaN, relativeL2: NaN };
  return { mse: error / count, relativeL2: Math.sqrt(error / truth) };
}
