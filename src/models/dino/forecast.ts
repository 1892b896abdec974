/**
 * Using a trained DINo on a new trajectory (official `utils.eval_dino`): fit its first code to the
 * observed points of its first frame (auto-decoding, decoder frozen), roll the code forward with
 * the latent ODE, decode at any coordinates.
 */
import * as tf from '@tensorflow/tfjs';
import { AdamW } from '../nn/adamw';
import { odeint } from '../nn/ode';
import { Params } from '../nn/params';
import type { DinoModel } from './model';

export interface CodeFitOptions {
  /** Adam steps (DINo: 300; 500 for wave). */
  steps: number;
  /** Adam's learning rate (DINo: 1e-2). */
  lr: number;
}

export interface PointObservations {
  /** [B, P, channels]: each trajectory's values at the points. */
  values: tf.Tensor3D;
  /** [P, 2]: where they were observed. */
  coords: tf.Tensor2D;
}

/**
 * Codes [B, codeSize] that make the decoder reproduce `observations`: Adam from α = 0 on the MSE,
 * keeping each trajectory's best code seen (the loss is evaluated before each step, so the last
 * step's result is never kept, as DINo). DINo keeps the code of the step whose batch-mean loss
 * was lowest; each row's own best is as good or better and does not depend on the batch.
 */
export function fitCodes(
  model: DinoModel,
  observations: PointObservations,
  options: CodeFitOptions,
): tf.Tensor2D {
  const { values, coords } = observations;
  const [B, P, C] = values.shape;
  if (C !== model.channels || coords.shape[0] !== P) {
    throw new Error(
      `fitCodes: values [${values.shape.join(', ')}] do not match the model's ${model.channels} channels at ${coords.shape[0]} points.`,
    );
  }
  if (options.steps < 1) return tf.zeros([B, model.codeSize]);
  const holder = new Params();
  const code = holder.constant('code', [B, model.codeSize], 0);
  const adam = new AdamW(holder, { weightDecay: 0 });
  let best = tf.zeros([B, model.codeSize]) as tf.Tensor2D;
  let bestLoss = tf.fill([B], Infinity) as tf.Tensor1D;
  try {
    for (let step = 0; step < options.steps; step++) {
      const next = tf.tidy(() => {
        let rowLoss: tf.Tensor1D | undefined;
        const { grads } = tf.variableGrads(() => {
          const perRow = model
            .decode(code as tf.Tensor2D, coords)
            .sub(values)
            .square()
            .mean([1, 2]) as tf.Tensor1D;
          rowLoss = tf.keep(perRow);
          return perRow.mean() as tf.Scalar;
        }, [code]);
        const improved = rowLoss!.less(bestLoss).cast('float32').expandDims(1);
        const kept = best.mul(tf.scalar(1).sub(improved)).add(code.mul(improved));
        const lowest = tf.minimum(bestLoss, rowLoss!);
        rowLoss!.dispose();
        adam.apply({ code: grads[code.name]! }, options.lr);
        return { kept, lowest };
      });
      tf.dispose([best, bestLoss]);
      best = next.kept as tf.Tensor2D;
      bestLoss = next.lowest as tf.Tensor1D;
    }
    return best;
  } finally {
    bestLoss.dispose();
    adam.dispose();
    holder.dispose();
  }
}

/** Times 0, dt, 2dt, … of `count` frames. */
export function frameTimes(count: number, dt: number): number[] {
  return Array.from({ length: count }, (_, k) => k * dt);
}

/** Codes [B, times, codeSize] from initial codes [B, codeSize]: one RK4 step per interval. */
export function forecastCodes(
  model: DinoModel,
  initial: tf.Tensor2D,
  times: readonly number[],
): tf.Tensor3D {
  return tf.tidy(
    () =>
      odeint((y: tf.Tensor2D) => model.derivative(y), initial, times).transpose([
        1, 0, 2,
      ]) as tf.Tensor3D,
  );
}

/** Values [B, T, P, channels] of codes [B, T, codeSize] at coordinates [P, 2]. */
export function decodeFrames(
  model: DinoModel,
  codes: tf.Tensor3D,
  coords: tf.Tensor2D,
): tf.Tensor4D {
  const [B, T, D] = codes.shape;
  return tf.tidy(
    () =>
      model
        .decode(codes.reshape([B * T, D]) as tf.Tensor2D, coords)
        .reshape([B, T, coords.shape[0], model.channels]) as tf.Tensor4D,
  );
}

/** Forecast fields [B, times, P, channels] from initial codes, decoded at `coords`. */
export function forecast(
  model: DinoModel,
  initial: tf.Tensor2D,
  times: readonly number[],
  coords: tf.Tensor2D,
): tf.Tensor4D {
  return tf.tidy(() => decodeFrames(model, forecastCodes(model, initial, times), coords));
}
