/**
 * The GPU self-test: a real job through the whole runtime. It times batched matmuls (checking
 * sampled entries against a float64 reference) and runs a short gradient-descent fit of a
 * Fourier-feature network to a 2-D field, on whichever backend is active.
 */
import * as tf from '@tensorflow/tfjs';
import type { JobContext } from '../jobRunner';
import type { FitReport, MatmulReport, SelfTestParams, SelfTestResult } from './config';

const FOURIER_FEATURES = 32;
const FOURIER_SCALE = 4;
const HIDDEN = 64;
const ERROR_SAMPLES = 32;

export async function runSelfTest(
  params: SelfTestParams,
  ctx: JobContext,
): Promise<SelfTestResult> {
  const tensorsBefore = tf.memory().numTensors;
  const startedAt = Date.now();
  const t0 = performance.now();
  const matmulWork = 2 * params.batch * params.size ** 3 * (params.repeats + 1);
  const fitWork =
    6 * params.fitGrid ** 2 * (2 * FOURIER_FEATURES * HIDDEN + HIDDEN) * params.fitSteps;
  const matmulShare = matmulWork / (matmulWork + fitWork);

  const matmul = await benchmarkMatmul(params, ctx, (f, message) =>
    ctx.progress(f * matmulShare, message),
  );
  const fit = await fitField(params, ctx, (f, message) =>
    ctx.progress(matmulShare + f * (1 - matmulShare), message),
  );
  return {
    backend: tf.getBackend(),
    startedAt,
    totalMs: performance.now() - t0,
    matmul,
    fit,
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
  };
}

type PhaseProgress = (fraction: number, message: string) => void;

async function benchmarkMatmul(
  { size: n, batch, repeats }: SelfTestParams,
  ctx: JobContext,
  progress: PhaseProgress,
): Promise<MatmulReport> {
  const a = tf.randomUniform([batch, n, n], -1, 1, 'float32', 1);
  const b = tf.randomUniform([batch, n, n], -1, 1, 'float32', 2);
  try {
    progress(0, 'Warming up (compiling shaders) and checking results');
    const warmStart = performance.now();
    const firstOf = (t: tf.Tensor) => t.slice([0, 0, 0], [1, n, n]);
    const [aFirst, bFirst, cFirst] = tf.tidy(() => [
      firstOf(a),
      firstOf(b),
      firstOf(tf.matMul(a, b)),
    ]);
    const [aData, bData, cData] = await Promise.all([aFirst.data(), bFirst.data(), cFirst.data()]);
    tf.dispose([aFirst, bFirst, cFirst]);
    const warmupMs = performance.now() - warmStart;
    const maxRelativeError = sampledMatmulError(aData, bData, cData, n, ERROR_SAMPLES);

    const msPerRepeat: number[] = [];
    for (let r = 0; r < repeats; r++) {
      await ctx.step();
      const start = performance.now();
      const checksum = tf.tidy(() => tf.matMul(a, b).sum());
      await checksum.data();
      checksum.dispose();
      msPerRepeat.push(performance.now() - start);
      progress((r + 2) / (repeats + 1), `Timing batched matmul ${r + 1} of ${repeats}`);
    }
    const flop = 2 * batch * n ** 3;
    const gflops = (ms: number) => flop / (ms * 1e6);
    return {
      size: n,
      batch,
      msPerRepeat,
      gflopsMedian: gflops(median(msPerRepeat)),
      gflopsBest: gflops(Math.min(...msPerRepeat)),
      maxRelativeError,
      warmupMs,
    };
  } finally {
    tf.dispose([a, b]);
  }
}

/** Error of C = A·B at evenly spread entries, each relative to Σ_k |a_ik·b_kj| (its scale). */
export function sampledMatmulError(
  a: Float32Array | Int32Array | Uint8Array,
  b: Float32Array | Int32Array | Uint8Array,
  c: Float32Array | Int32Array | Uint8Array,
  n: number,
  samples: number,
): number {
  let worst = 0;
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(((s * 7919) % samples) * (n / samples));
    const j = Math.floor(s * (n / samples));
    let exact = 0;
    let scale = 0;
    for (let k = 0; k < n; k++) {
      const term = (a[i * n + k] ?? 0) * (b[k * n + j] ?? 0);
      exact += term;
      scale += Math.abs(term);
    }
    const error = Math.abs((c[i * n + j] ?? Number.NaN) - exact) / (scale || 1);
    worst = Math.max(worst, Number.isNaN(error) ? Infinity : error);
  }
  return worst;
}

/** The field the fit learns: a standing wave plus a Gaussian bump, on the unit square. */
export function fitTarget(x: number, y: number): number {
  const bump = Math.exp(-((x - 0.65) ** 2 + (y - 0.35) ** 2) / 0.01);
  return Math.sin(2 * Math.PI * x) * Math.cos(4 * Math.PI * y) + 0.5 * bump;
}

async function fitField(
  { fitGrid: g, fitSteps, learningRate }: SelfTestParams,
  ctx: JobContext,
  progress: PhaseProgress,
): Promise<FitReport> {
  const coords = new Float32Array(g * g * 2);
  const targetValues = new Float32Array(g * g);
  for (let row = 0; row < g; row++) {
    for (let col = 0; col < g; col++) {
      const x = (col + 0.5) / g;
      const y = (row + 0.5) / g;
      coords.set([x, y], (row * g + col) * 2);
      targetValues[row * g + col] = fitTarget(x, y);
    }
  }

  const target = tf.tensor2d(targetValues, [g * g, 1]);
  const features = tf.tidy(() => {
    const frequencies = tf.randomNormal([2, FOURIER_FEATURES], 0, FOURIER_SCALE, 'float32', 3);
    const phase = tf
      .tensor2d(coords, [g * g, 2])
      .matMul(frequencies)
      .mul(2 * Math.PI);
    return tf.concat([tf.sin(phase), tf.cos(phase)], 1);
  });
  // Variables are made inside tidy so that their initial-value tensors are freed.
  const [w1, b1, w2, b2] = tf.tidy(() => [
    tf.variable(glorotUniform(2 * FOURIER_FEATURES, HIDDEN, 4)),
    tf.variable(tf.zeros([HIDDEN])),
    tf.variable(glorotUniform(HIDDEN, 1, 5)),
    tf.variable(tf.zeros([1])),
  ]);
  const predict = () => tf.tanh(features.matMul(w1).add(b1)).matMul(w2).add(b2);
  const optimizer = tf.train.adam(learningRate);

  try {
    const losses = new Float32Array(fitSteps);
    const msPerStep: number[] = [];
    for (let step = 0; step < fitSteps; step++) {
      await ctx.step();
      const start = performance.now();
      const loss = optimizer.minimize(() => tf.losses.meanSquaredError(target, predict()), true, [
        w1,
        b1,
        w2,
        b2,
      ]);
      const value = (await loss!.data())[0] ?? Number.NaN;
      loss!.dispose();
      msPerStep.push(performance.now() - start);
      if (!Number.isFinite(value)) {
        throw new Error(
          `The fit diverged at step ${step + 1} (loss ${value}). Try a smaller learning rate than ${learningRate}.`,
        );
      }
      losses[step] = value;
      ctx.metric('fit.loss', step, value);
      progress((step + 1) / fitSteps, `Fitting a 2-D field: step ${step + 1} of ${fitSteps}`);
    }
    const fitted = tf.tidy(predict);
    const prediction = (await fitted.data()) as Float32Array;
    fitted.dispose();
    return {
      steps: fitSteps,
      grid: g,
      parameterCount: [w1, b1, w2, b2].reduce((sum, v) => sum + v.size, 0),
      msPerStepMedian: median(msPerStep),
      losses,
      initialLoss: losses[0] ?? Number.NaN,
      finalLoss: losses[fitSteps - 1] ?? Number.NaN,
      target: targetValues,
      prediction,
    };
  } finally {
    optimizer.dispose();
    tf.dispose([target, features, w1, b1, w2, b2]);
  }
}

function glorotUniform(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', seed);
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
