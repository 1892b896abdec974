/**
 * tf.matMul throughput at n×n: one untimed product (it compiles the shader), one timed product to
 * size the run, then as many products as fit in the cap, queued back to back and read back once.
 */
import * as tf from '@tensorflow/tfjs';
import { now, repetitions, round, type Skipped } from './timing';

export interface MatmulFigure {
  n: number;
  products: number;
  seconds: number;
  gflops: number;
}

async function readOne(t: tf.Tensor): Promise<void> {
  const one = tf.tidy(() => t.slice([0, 0], [1, 1]));
  await one.data();
  one.dispose();
}

export async function measureMatmul(
  n: number,
  capSeconds: number,
  estimateMs?: number,
): Promise<MatmulFigure | Skipped> {
  if (estimateMs !== undefined && estimateMs > capSeconds * 1000) {
    return {
      skipped: `one ${n}² product would take about ${(estimateMs / 1000).toFixed(0)} s (scaled from the smaller size), over the ${capSeconds} s cap`,
    };
  }
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 1) as tf.Tensor2D;
  const b = tf.randomNormal([n, n], 0, 1, 'float32', 2) as tf.Tensor2D;
  try {
    const product = async () => {
      const c = tf.matMul(a, b);
      await readOne(c);
      c.dispose();
    };
    await product();
    const started = now();
    await product();
    const count = repetitions(now() - started, capSeconds, 50);
    const start = now();
    let last: tf.Tensor | undefined;
    for (let i = 0; i < count; i++) {
      last?.dispose();
      last = tf.matMul(a, b);
    }
    await readOne(last!);
    last!.dispose();
    const seconds = (now() - start) / 1000;
    return {
      n,
      products: count,
      seconds: round(seconds),
      gflops: round((2 * n ** 3 * count) / seconds / 1e9),
    };
  } finally {
    tf.dispose([a, b]);
  }
}
