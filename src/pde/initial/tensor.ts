/** The thin tfjs layer: initial conditions are computed on the CPU and uploaded once. */
import * as tf from '@tensorflow/tfjs';
import { generateInitialCondition, type InitialConditionRequest } from './registry';

/** Uploads a [B, N, N, C] Float32Array from the generators. */
export function batchTensor(data: Float32Array, batch: number, n: number): tf.Tensor4D {
  const channels = data.length / (batch * n * n);
  if (!Number.isInteger(channels)) throw new RangeError('data does not match [B, N, N, C]');
  return tf.tensor4d(data, [batch, n, n, channels]);
}

/** generateInitialCondition as a tensor [B, N, N, C]. The caller owns (and disposes) it. */
export function initialConditionTensor(id: string, request: InitialConditionRequest): tf.Tensor4D {
  const data = generateInitialCondition(id, request);
  return batchTensor(data, request.seeds.length, request.grid.n);
}
