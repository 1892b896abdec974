import * as tf from '@tensorflow/tfjs';

/**
 * e^x − 1 to float32 precision on every backend. Integrating factors are applied as
 * y + (e^x − 1)·y because 1 − e^x keeps only a few digits in float32 when |x| is small (Δt = 1e-3,
 * ν|k|² ~ 1e-2), which would bias the effective viscosity; and tfjs's GPU expm1 kernels compute
 * exp(x) − 1, so the series is written out here.
 */
export function expm1Accurate(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    // Taylor series through x⁸/8!: the first omitted term is below 1e-8 relative for |x| < 0.5.
    let series = x.div(8).add(1);
    for (let k = 7; k >= 2; k--) series = x.div(k).mul(series).add(1);
    series = x.mul(series);
    return tf.where(x.abs().less(0.5), series, tf.exp(x).sub(1));
  });
}
