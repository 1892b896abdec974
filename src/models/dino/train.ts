/**
 * DINo's training (official `train.py`, Markovian branch), one batch per `update`:
 *
 * 1. The batch's codes α (one trainable [trainFrames, codeSize] table per trajectory, from zero)
 *    are decoded at the observed points: ℓ_dec = MSE over those points and the training frames.
 *    The codes step at once (Adam); the decoder's gradient is summed.
 * 2. ℓ_dyn = MSE(RK4 rollout of the codes, the codes), the codes held fixed (detached) and taken
 *    before their step, with teacher forcing: at frames drawn with probability ε the rollout
 *    restarts from the fitted code. The dynamics' gradient is summed.
 * 3. 'faithful': the decoder and the dynamics step once, on the sums, at the start of the next
 *    epoch (DINo). 'simple': they step every batch.
 *
 * One trainable table per trajectory, as DINo's ParameterList: a code that is not in the batch
 * gets no gradient, so Adam leaves it and its moments alone. (The three AdamW keep one step
 * count each where PyTorch's Adam keeps one per tensor; only the early bias correction differs.)
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, seedFor } from '../../pde/random';
import { AdamW } from '../nn/adamw';
import { globalNorm } from '../nn/gradClip';
import { rk4Step } from '../nn/ode';
import { Params } from '../nn/params';
import { teacherForcingEpsilon, type DinoConfig } from './config';
import { gridPointCoordinates } from './coordinates';
import type { DinoModel } from './model';
import { gatherPoints, maskIndices, observationMask, type DinoTrajectories } from './observation';
import { ParamsView } from './paramsView';

/** Random streams: batch order per epoch, teacher-forcing restarts per iteration. */
const BATCH_STREAM = 5001;
const RESTART_STREAM = 5002;

export const CODE_PREFIX = 'codes.';
/** Faithful mode's summed gradients, checkpointed so a run resumed mid-epoch loses nothing. */
export const GRADIENT_SUM_PREFIX = 'gradientSums.';

/**
 * Settings that build the networks, and the frame interval the dynamics learns its time scale
 * from: the trainer's config must agree with the model's on these.
 */
const MODEL_SETTINGS = [
  'codeDim',
  'decoderWidth',
  'decoderLayers',
  'inputScale',
  'dynamicsWidth',
  'dt',
] as const;

export interface DinoTrainerOptions {
  model: DinoModel;
  /** [N, T, X, Y, C] with T ≥ trainFrames and C ≥ the model's channels (the first are read). */
  train: DinoTrajectories;
  /** The training settings (default the model's config). */
  config?: DinoConfig;
  /** Seeds the batch order and the teacher-forcing draws (default 0). */
  seed?: number;
  batchSize: number;
}

export interface DinoUpdate {
  /** decoderLoss + dynamicsLoss: they train disjoint parameters. */
  loss: tf.Scalar;
  /** Global norm of this batch's gradients (codes, decoder and dynamics). */
  gradNorm: tf.Scalar;
  decoderLoss: tf.Scalar;
  dynamicsLoss: tf.Scalar;
}

export interface DinoTrainer {
  readonly model: DinoModel;
  readonly config: DinoConfig;
  /** The model's weights, the training codes (`codes.<n>`) and, faithful, the summed gradients. */
  readonly params: Params;
  readonly optimizers: Readonly<{ decoder: AdamW; dynamics: AdamW; codes: AdamW }>;
  /** 1 where a point of the X × Y grid is observed. */
  readonly mask: Uint8Array;
  /** Flat indices of the observed points. */
  readonly observed: Int32Array;
  readonly batchesPerEpoch: number;
  /** One iteration (one batch) at the decoder's learning rate `lr`; the caller owns the result. */
  update(index: number, lr: number): DinoUpdate;
  /** The trajectories of batch `index`: a function of (seed, index) only. */
  batch(index: number): number[];
  /** Teacher forcing's ε at iteration `index`. */
  epsilon(index: number): number;
  /** Frames where iteration `index`'s rollout restarts from the fitted code. */
  restarts(index: number): boolean[];
  /** Every trajectory's codes, [N, trainFrames, codeSize] (DINo's train metrics use these). */
  codeTable(): tf.Tensor3D;
  /** Every trajectory's first code, [N, codeSize]: evaluateDino's `initialCodes` for training data. */
  firstCodes(): tf.Tensor2D;
  /** Frees the codes, optimizer moments and gradient sums (not the model). */
  dispose(): void;
}

export function createDinoTrainer(options: DinoTrainerOptions): DinoTrainer {
  const { model, train, batchSize } = options;
  const config = options.config ?? model.config;
  const seed = options.seed ?? 0;
  for (const key of MODEL_SETTINGS) {
    if (config[key] !== model.config[key]) {
      throw new Error(
        `The training config's ${key} (${config[key]}) differs from the model's (${model.config[key]}).`,
      );
    }
  }
  const [N, T, X, Y, C] = train.shape;
  const frames = config.trainFrames;
  if (T < frames) throw new Error(`Training uses ${frames} frames; the trajectories have ${T}.`);
  if (C < model.channels)
    throw new Error(`The model reads ${model.channels} channels; the data has ${C}.`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1))
    throw new RangeError(`Bad batch size ${batchSize}.`);
  if (train.data.length !== N * T * X * Y * C)
    throw new Error('The training data does not fill its shape.');

  const mask = observationMask(X, Y, config.subsamplingRate, config.maskSeed);
  const observed = maskIndices(mask);
  if (observed.length === 0) {
    throw new Error(
      `At an observed share of ${config.subsamplingRate} no point of the ${X} × ${Y} grid is observed: raise it or change the seed.`,
    );
  }
  const P = observed.length;
  const channels = model.channels;
  const everyTrajectory = Array.from({ length: N }, (_, n) => n);
  const targets = tf.tensor4d(
    gatherPoints(train, everyTrajectory, observed, { count: frames, channels }),
    [N, frames, P, channels],
  );
  const coords = gridPointCoordinates(observed, X, Y);

  const codes = new Params(seed);
  for (let n = 0; n < N; n++) codes.constant(`${CODE_PREFIX}${n}`, [frames, model.codeSize], 0);

  const faithful = config.trainingMode === 'faithful';
  const gradientSums = new Params(seed);
  const isDecoder = (name: string) => name.startsWith('decoder.');
  const isDynamics = (name: string) => name.startsWith('dynamics.');
  if (faithful) {
    for (const [name, variable] of model.params.trainable()) {
      gradientSums.constant(`${GRADIENT_SUM_PREFIX}${name}`, [...variable.shape], 0, {
        trainable: false,
      });
    }
  }
  const optimizers = {
    decoder: new AdamW(new ParamsView([{ params: model.params, keep: isDecoder }]), {
      weightDecay: 0,
    }),
    dynamics: new AdamW(new ParamsView([{ params: model.params, keep: isDynamics }]), {
      weightDecay: 0,
    }),
    codes: new AdamW(codes, { weightDecay: 0 }),
  };
  const params = new ParamsView([
    { params: model.params },
    { params: codes },
    { params: gradientSums },
  ]);
  const decoderVariables = model.params.trainable().filter(([n]) => isDecoder(n));
  const dynamicsVariables = model.params.trainable().filter(([n]) => isDynamics(n));
  const batchesPerEpoch = Math.ceil(N / batchSize);

  const batch = (index: number): number[] => {
    const epoch = Math.floor(index / batchesPerEpoch);
    const order = shuffled(N, seedFor(seed, epoch, BATCH_STREAM));
    const start = (index % batchesPerEpoch) * batchSize;
    return order.slice(start, start + batchSize);
  };
  const epsilon = (index: number) => teacherForcingEpsilon(index, config.decayEvery);
  const restarts = (index: number): boolean[] => {
    const e = epsilon(index);
    const rng = createRng(seedFor(seed, index, RESTART_STREAM));
    // As utils.scheduling: a draw per frame; frame 0 is the start anyway and the last never restarts.
    const flags = Array.from({ length: frames }, () => rng.uniform() < e);
    flags[0] = false;
    flags[frames - 1] = false;
    return flags;
  };

  /** Faithful mode: the networks' step on the previous epoch's summed gradients. */
  const stepNetworks = (lr: number) => {
    const sums = (list: [string, tf.Variable][]) =>
      Object.fromEntries(
        list.map(([name]) => [name, gradientSums.get(`${GRADIENT_SUM_PREFIX}${name}`)]),
      );
    optimizers.decoder.apply(sums(decoderVariables), lr);
    optimizers.dynamics.apply(sums(dynamicsVariables), lr * config.dynamicsLrRatio);
    tf.tidy(() => {
      for (const name of gradientSums.names) {
        const sum = gradientSums.get(name);
        sum.assign(tf.zerosLike(sum));
      }
    });
  };

  const update = (index: number, lr: number): DinoUpdate => {
    if (faithful && index > 0 && index % batchesPerEpoch === 0) stepNetworks(lr);
    const members = batch(index);
    const B = members.length;
    const codeVariables = members.map((n) => codes.get(`${CODE_PREFIX}${n}`));
    const restartAt = restarts(index);
    return tf.tidy(() => {
      const batchTargets = tf
        .gather(targets, tf.tensor1d(members, 'int32'))
        .reshape([B * frames, P, channels]);
      // The codes as they are before this batch's step: the dynamics' fixed targets.
      const fitted = tf.stack(codeVariables) as tf.Tensor3D;
      const decoding = tf.variableGrads(() => {
        const stacked = tf
          .stack(codeVariables)
          .reshape([B * frames, model.codeSize]) as tf.Tensor2D;
        return model.decode(stacked, coords).sub(batchTargets).square().mean() as tf.Scalar;
      }, [...codeVariables, ...decoderVariables.map(([, v]) => v)]);
      const dynamics = tf.variableGrads(
        () => rolloutLoss(model, fitted, restartAt, config.dt),
        dynamicsVariables.map(([, v]) => v),
      );
      const byName = (list: [string, tf.Variable][], grads: tf.NamedTensorMap) =>
        Object.fromEntries(
          list.filter(([, v]) => grads[v.name]).map(([n, v]) => [n, grads[v.name]!]),
        );
      const codeGrads = byName(
        members.map((n, i) => [`${CODE_PREFIX}${n}`, codeVariables[i]!]),
        decoding.grads,
      );
      const decoderGrads = byName(decoderVariables, decoding.grads);
      const dynamicsGrads = byName(dynamicsVariables, dynamics.grads);
      const gradNorm = globalNorm({ ...codeGrads, ...decoderGrads, ...dynamicsGrads });

      optimizers.codes.apply(codeGrads, lr * config.codeLrRatio);
      if (faithful) {
        for (const [name, g] of Object.entries({ ...decoderGrads, ...dynamicsGrads })) {
          const sum = gradientSums.get(`${GRADIENT_SUM_PREFIX}${name}`);
          sum.assign(sum.add(g));
        }
      } else {
        optimizers.decoder.apply(decoderGrads, lr);
        optimizers.dynamics.apply(dynamicsGrads, lr * config.dynamicsLrRatio);
      }
      return {
        loss: decoding.value.add(dynamics.value) as tf.Scalar,
        gradNorm,
        decoderLoss: decoding.value,
        dynamicsLoss: dynamics.value,
      };
    });
  };

  return {
    model,
    config,
    params,
    optimizers,
    mask,
    observed,
    batchesPerEpoch,
    update,
    batch,
    epsilon,
    restarts,
    codeTable: () =>
      tf.tidy(
        () => tf.stack(everyTrajectory.map((n) => codes.get(`${CODE_PREFIX}${n}`))) as tf.Tensor3D,
      ),
    firstCodes: () =>
      tf.tidy(
        () =>
          tf.stack(
            everyTrajectory.map((n) =>
              codes.get(`${CODE_PREFIX}${n}`).slice([0, 0], [1, -1]).reshape([-1]),
            ),
          ) as tf.Tensor2D,
      ),
    dispose() {
      for (const optimizer of Object.values(optimizers)) optimizer.dispose();
      params.dispose();
      codes.dispose();
      gradientSums.dispose();
      tf.dispose([targets, coords]);
    },
  };
}

/**
 * MSE between a rollout of the dynamics and the fitted codes [B, T, D] (both over every frame,
 * frame 0 included, as DINo's criterion): one RK4 step of dt per frame, restarting from the fitted
 * code after each frame k with restart[k] (utils.scheduling: the prediction at k is kept, the
 * integration goes on from the fitted code).
 */
export function rolloutLoss(
  model: Pick<DinoModel, 'derivative'>,
  fitted: tf.Tensor3D,
  restart: readonly boolean[],
  dt: number,
): tf.Scalar {
  return tf.tidy(() => {
    const frames = tf.unstack(fitted, 1) as tf.Tensor2D[];
    const f = (y: tf.Tensor2D) => model.derivative(y);
    let state = frames[0]!;
    const path = [state];
    for (let k = 1; k < frames.length; k++) {
      const next = rk4Step(f, state, dt);
      path.push(next);
      state = restart[k] ? frames[k]! : next;
    }
    return tf.stack(path, 1).sub(fitted).square().mean() as tf.Scalar;
  });
}

/** A seeded Fisher–Yates permutation of 0…n−1. */
function shuffled(n: number, seed: number): number[] {
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
