import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from './adamw';
import { captureCheckpoint, decodeCheckpoint, encodeCheckpoint, loadWeights } from './checkpoint';
import { initMlp, mlp } from './mlp';
import { Params } from './params';
import { warmupCosineSchedule, type Schedule } from './schedules';
import { startKernelCounter } from './kernelCounter';
import { seededValues } from './testing';
import {
  NonFiniteLossError,
  trainLoop,
  type StepMetrics,
  type TrainLoopOptions,
} from './trainLoop';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

/** y = sin(2x₁) + x₂² on 64 fixed points; each step uses a 16-sample batch chosen by the index. */
const N = 64;
const BATCH = 16;
const inputs = seededValues(2 * N, 1);
const targets = Float32Array.from(
  { length: N },
  (_, i) => Math.sin(2 * inputs[2 * i]!) + inputs[2 * i + 1]! ** 2,
);

function regression(seed: number) {
  const params = new Params(seed);
  initMlp(params, 'net', [2, 32, 32, 1]);
  const x = tf.tensor2d(inputs, [N, 2]);
  const y = tf.tensor2d(targets, [N, 1]);
  disposables.push(params, x, y);
  const trainStep = (index: number): tf.Scalar => {
    const start = (index * BATCH) % N;
    const xb = x.slice([start, 0], [BATCH, 2]);
    const yb = y.slice([start, 0], [BATCH, 1]);
    return mlp(params, 'net', xb).sub(yb).square().mean() as tf.Scalar;
  };
  const fullLoss = () => tf.tidy(() => mlp(params, 'net', x).sub(y).square().mean().dataSync()[0]!);
  return { params, trainStep, fullLoss };
}

function optimizerFor(params: Params): AdamW {
  const optimizer = new AdamW(params);
  disposables.push(optimizer);
  return optimizer;
}

const schedule: Schedule = warmupCosineSchedule({
  peak: 1e-2,
  warmupSteps: 10,
  totalSteps: 300,
  min: 1e-4,
});

type LossStepOptions = TrainLoopOptions & {
  optimizer: AdamW;
  trainStep: (index: number) => tf.Scalar;
  fullLoss: () => number;
};

function baseOptions(seed: number, steps: number): LossStepOptions {
  const { params, trainStep, fullLoss } = regression(seed);
  return {
    params,
    optimizer: optimizerFor(params),
    schedule,
    steps,
    batchSize: BATCH,
    trainStep,
    fullLoss,
  };
}

describe('trainLoop', () => {
  it('fits a tiny MLP regression (loss falls ≥ 10×) with a flat tensor count', async () => {
    const options = baseOptions(3, 150);
    const initial = options.fullLoss();
    const metrics: StepMetrics[] = [];
    const tensorCounts: number[] = [];
    const before = tf.memory().numTensors;
    const result = await trainLoop({
      ...options,
      clipNorm: 1,
      readEveryMs: Infinity,
      trainStep: (i) => {
        tensorCounts.push(tf.memory().numTensors);
        return options.trainStep(i);
      },
      onMetrics: (m) => metrics.push(m),
    });
    const final = options.fullLoss();
    expect(result.step).toBe(150);
    expect(final).toBeLessThan(initial / 10);
    // Every step's metrics arrive, in order, though they are read back ten at a time.
    expect(metrics.map((m) => m.step)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(metrics[5]!.lr).toBeCloseTo(schedule(5), 12);
    for (const m of metrics) {
      expect(Number.isFinite(m.gradNorm) && m.gradNorm > 0).toBe(true);
      expect(m.stepMs).toBeGreaterThanOrEqual(0);
      expect(m.meanStepMs).toBeGreaterThanOrEqual(0);
      expect(m.samplesPerSecond).toBeGreaterThan(0);
    }
    expect(result.loss).toBe(metrics.at(-1)!.loss);
    // Nothing outlives the loop, and at the same point of every read cycle the count is the
    // same: what a step leaves (its two scalars, one read in flight) is freed when read.
    expect(tf.memory().numTensors).toBe(before);
    const atCycleStart = tensorCounts.filter((_, i) => i % 10 === 5 && i > 10);
    expect(atCycleStart.length).toBeGreaterThan(10);
    expect(new Set(atCycleStart).size).toBe(1);
    expect(Math.max(...tensorCounts) - Math.min(...tensorCounts)).toBeLessThanOrEqual(2 * 10 + 1);
  });

  it('reads the loss back once per readEvery steps, and every step with readEvery 1', async () => {
    for (const [readEvery, reads] of [
      [10, 6], // steps 10, 20, …, 60
      [1, 60],
    ] as const) {
      const options = baseOptions(12, 60);
      const counter = startKernelCounter();
      try {
        await trainLoop({ ...options, readEvery, readEveryMs: Infinity });
      } finally {
        const counts = counter.stop();
        expect(counts.readbacks).toBe(reads);
        expect(counts.syncReadbacks).toBe(0);
      }
    }
  });

  it('keeps stepping while a read is in flight, up to the next one', async () => {
    const engine = tf.engine() as unknown as { read: (id: object) => Promise<unknown> };
    const read = engine.read;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    engine.read = async function (this: unknown, id: object) {
      await gate;
      return read.call(this, id);
    };
    const options = baseOptions(13, 30);
    const ran: number[] = [];
    const metrics: number[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const run = trainLoop({
      ...options,
      readEvery: 5,
      readEveryMs: Infinity,
      yieldStep: () => sleep(0),
      trainStep: (i) => {
        ran.push(i);
        return options.trainStep(i);
      },
      onMetrics: (m) => metrics.push(m.step),
    });
    try {
      for (let tries = 0; ran.length < 10 && tries < 400; tries++) await sleep(5);
      await sleep(50);
      // The read of steps 1–5 is held: steps 6–10 ran, and the read of 6–10 waits for it.
      expect(ran).toEqual(Array.from({ length: 10 }, (_, i) => i));
      expect(metrics).toEqual([]);
      release();
      await run;
      expect(metrics).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    } finally {
      release();
      await run.catch(() => undefined);
      engine.read = read;
    }
  });

  it('validates and checkpoints every k steps and at the end', async () => {
    const options = baseOptions(4, 7);
    const validations: number[] = [];
    const checkpoints: number[] = [];
    const metrics: StepMetrics[] = [];
    await trainLoop({
      ...options,
      validateEvery: 3,
      validate: (step) => {
        validations.push(step);
        return { mse: options.fullLoss() };
      },
      checkpointEvery: 2,
      onCheckpoint: (step) => {
        checkpoints.push(step);
      },
      onMetrics: (m) => metrics.push(m),
    });
    expect(validations).toEqual([3, 6, 7]);
    expect(checkpoints).toEqual([2, 4, 6, 7]);
    expect(metrics[2]!.validation?.mse).toBeGreaterThan(0);
    expect(metrics[0]!.validation).toBeUndefined();
  });

  it('stops at the next step when cancelled, saving a checkpoint first', async () => {
    const options = baseOptions(5, 100);
    let cancelled = false;
    const ran: number[] = [];
    const saved: number[] = [];
    const stop = new Error('Stopped on request.');
    const metrics: number[] = [];
    const run = trainLoop({
      ...options,
      trainStep: (i) => {
        ran.push(i);
        if (i === 4) cancelled = true;
        return options.trainStep(i);
      },
      // As JobContext.step: yield to the event loop, then throw if a stop arrived.
      yieldStep: async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled) throw stop;
      },
      onMetrics: (m) => metrics.push(m.step),
      onCheckpoint: (step) => {
        saved.push(step);
        // The stop checkpoint comes after the metrics of every completed step.
        expect(metrics).toEqual([1, 2, 3, 4, 5]);
      },
    });
    await expect(run).rejects.toBe(stop);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(saved).toEqual([5]);
  });

  it('waits while paused', async () => {
    const options = baseOptions(6, 3);
    let resume: () => void = () => {};
    let paused = true;
    const ran: number[] = [];
    const run = trainLoop({
      ...options,
      trainStep: (i) => {
        ran.push(i);
        return options.trainStep(i);
      },
      pause: () => (paused ? new Promise<void>((r) => (resume = r)) : Promise.resolve()),
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual([]);
    paused = false;
    resume();
    expect((await run).step).toBe(3);
    expect(ran).toEqual([0, 1, 2]);
  });

  it('resumes from an encoded checkpoint to the same losses as an uninterrupted run', async () => {
    const total = 24;
    const uninterrupted: number[] = [];
    await trainLoop({ ...baseOptions(7, total), onMetrics: (m) => uninterrupted.push(m.loss) });

    // First half, then a checkpoint with optimizer state, as the app would store it.
    const first = baseOptions(7, total / 2);
    let bytes: Uint8Array | null = null;
    const firstLosses: number[] = [];
    await trainLoop({
      ...first,
      steps: total / 2,
      onMetrics: (m) => firstLosses.push(m.loss),
      onCheckpoint: async (step) => {
        const checkpoint = await captureCheckpoint({
          modelId: 'mlp',
          modelVersion: 1,
          config: {},
          step,
          params: first.params,
          optimizer: first.optimizer,
        });
        bytes = encodeCheckpoint(checkpoint);
      },
    });
    expect(firstLosses).toEqual(uninterrupted.slice(0, total / 2));

    // A fresh model with other initial weights, restored from the bytes.
    const second = baseOptions(8, total);
    const checkpoint = decodeCheckpoint(bytes!);
    loadWeights(second.params, checkpoint);
    second.optimizer.restore(checkpoint.optimizer!);
    const resumed: number[] = [];
    await trainLoop({
      ...second,
      startStep: checkpoint.step,
      onMetrics: (m) => resumed.push(m.loss),
    });
    expect(resumed.length).toBe(total / 2);
    resumed.forEach((loss, i) =>
      expect(Math.abs(loss - uninterrupted[total / 2 + i]!)).toBeLessThan(1e-6),
    );
  });

  it('flushes the metrics of every completed step for a pause hook that asks', async () => {
    const options = baseOptions(10, 12);
    const metrics: number[] = [];
    const seenAtPause: number[][] = [];
    await trainLoop({
      ...options,
      onMetrics: (m) => metrics.push(m.step),
      pause: async (flush) => {
        if (options.optimizer.step !== 7) return;
        await flush();
        seenAtPause.push([...metrics]);
      },
    });
    expect(seenAtPause).toEqual([[1, 2, 3, 4, 5, 6, 7]]);
    expect(metrics).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('stops at the first read after a diverged step, naming it, and saves nothing after it', async () => {
    const options = baseOptions(9, 40);
    const metrics: number[] = [];
    const saved: { step: number; finite: boolean }[] = [];
    const validated: number[] = [];
    const before = tf.memory().numTensors;
    const run = trainLoop({
      ...options,
      readEvery: 10,
      readEveryMs: Infinity,
      // Steps 1–6 are fine; from step 7 on the loss is NaN.
      trainStep: (i) =>
        i < 6 ? options.trainStep(i) : (tf.scalar(NaN).add(options.trainStep(i)) as tf.Scalar),
      onMetrics: (m) => metrics.push(m.step),
      checkpointEvery: 4,
      onCheckpoint: async (step) => {
        const weights = await options.params.snapshot();
        saved.push({ step, finite: weights.every((w) => w.data.every(Number.isFinite)) });
      },
      validateEvery: 8,
      validate: (step) => {
        validated.push(step);
        return {};
      },
    });
    await expect(run).rejects.toBeInstanceOf(NonFiniteLossError);
    await expect(run).rejects.toMatchObject({ step: 7, stoppedAt: 8 });
    await expect(run).rejects.toThrow(/diverged at step 7: loss NaN/);
    // The checkpoint at step 4 holds finite weights; step 8's checkpoint and validation, which
    // would hold the diverged weights, never happened.
    expect(saved).toEqual([{ step: 4, finite: true }]);
    expect(validated).toEqual([]);
    expect(metrics).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a loss that is NaN from the first step as diverged at step 1', async () => {
    const options = baseOptions(11, 5);
    const run = trainLoop({
      ...options,
      trainStep: () => tf.scalar(NaN).add(options.trainStep(0)) as tf.Scalar,
    });
    await expect(run).rejects.toBeInstanceOf(NonFiniteLossError);
    await expect(run).rejects.toThrow(/diverged at step 1/);
  });
});
