/** Fully connected layer on the last axis of a tensor of any rank. */
import * as tf from '@tensorflow/tfjs';
import type { Params } from './params';

export interface LinearOptions {
  /** Add a bias (default true). */
  bias?: boolean;
}

/** Creates `${name}.weight` [in, out] and `${name}.bias` [out], both U(±1/√in) as in PyTorch. */
export function initLinear(
  params: Params,
  name: string,
  inDim: number,
  outDim: number,
  options: LinearOptions = {},
): void {
  params.pytorchUniform(`${name}.weight`, [inDim, outDim], inDim);
  if (options.bias ?? true) params.pytorchUniform(`${name}.bias`, [outDim], inDim);
}

/**
 * y = x·W + b on the last axis. Input [..., in] is flattened to [rows, in] before the matMul:
 * tfjs 4.22's gradient of a batch-broadcast matMul ([B,T,D]×[D,E]) has the wrong shape.
 */
export function linear(params: Params, name: string, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const weight = params.get(`${name}.weight`);
    const [inDim, outDim] = weight.shape as [number, number];
    const lead = x.shape.slice(0, -1);
    if (x.shape[x.rank - 1] !== inDim) {
      throw new Error(
        `${name}: input has last dimension ${x.shape[x.rank - 1]}, the layer expects ${inDim}.`,
      );
    }
    let y: tf.Tensor = tf.matMul(x.reshape([-1, inDim]), weight);
    if (params.has(`${name}.bias`)) y = y.add(params.get(`${name}.bias`));
    return y.reshape([...lead, outDim]);
  });
}
