/**
 * Pretraining on MAE-PDE's kind of data, a heat + advection + Burgers mix (16² grid, smooth
 * random sines), scored on held-out trajectories against the interpolation baselines.
 *
 * What holds at test-affordable scale (60 steps of 4 windows, ~6 s on this CPU) is the weak
 * claim below: the model learns (its masked-region error on unseen trajectories falls from the
 * random initialisation's, and so does its training loss), which here means little more than
 * learning to predict ≈ 0 in the hidden patches. Beating the `nearest` baseline takes several
 * hundred steps more, after a plateau at "predict ≈ 0" whose length depends on the seed
 * (measured: relL2 1.21, 1.01, 0.81, 0.65, 0.62, 0.61 … 0.605 at steps 100 … 1000, nearest
 * 0.626, linear 0.482). That long test runs only with VITE_MAE_SLOW=1 (about 3 minutes here).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMix, type GeneratedMix } from '../../data/generateMix';
import { MAE_PRESETS, type MaeConfig } from './config';
import { createMaeTraining, type MaeTrainingOptions } from './train';
import type { TrajectoryArray } from './windows';

const TRAIN = 48;
const VALIDATION = 12;
const FRAMES = 12;
const N = 16;

/** Smooth fields (one period across the box at most), so that interpolation is meaningful. */
const common = {
  dt: 0.025,
  recordInterval: 0.05,
  options: {},
  initialCondition: 'random-sines',
  initialParams: { maxMode: 1 },
};

let mix: GeneratedMix;
beforeAll(async () => {
  await tf.setBackend('cpu');
  mix = await generateMix({
    components: [
      { ...common, pde: 'heat', scheme: 'spectral', coefficients: { nu: [2e-3, 2e-2] }, weight: 1 },
      {
        ...common,
        pde: 'advection',
        scheme: 'spectral',
        coefficients: { ax: [0.1, 2.5], ay: [0.1, 2.5] },
        weight: 1,
      },
      {
        ...common,
        pde: 'burgers',
        scheme: 'spectral',
        coefficients: { nu: [7.5e-3, 1.5e-2], cx: [0.5, 1], cy: [0.5, 1] },
        weight: 1,
      },
    ],
    count: TRAIN + VALIDATION,
    n: N,
    frames: FRAMES,
    seed: 1,
    batchSize: TRAIN + VALIDATION,
  });
});

function split(first: number, count: number): TrajectoryArray {
  const channels = mix.shape[4];
  const size = FRAMES * N * N * channels;
  return {
    data: mix.data.subarray(first * size, (first + count) * size),
    shape: [count, FRAMES, N, N, channels],
  };
}

const config: MaeConfig = { ...MAE_PRESETS.tiny.config, maskRatio: 0.5 };

function mixTraining(options: Partial<MaeTrainingOptions>) {
  return createMaeTraining({
    config,
    // The mix pads heat and advection to Burgers' two channels; the model reads channel 0 (u).
    channels: 1,
    train: split(0, TRAIN),
    validation: split(TRAIN, VALIDATION),
    steps: 60,
    batchSize: 4,
    seed: 2,
    ...options,
  });
}

describe('MAE pretraining on a heat/advection/Burgers mix', () => {
  it('learns: held-out masked-region error and training loss fall within 60 steps', async () => {
    const training = mixTraining({ peakLr: 1e-2 });
    const before = await training.validation.evaluate(training.model);
    await training.run();
    const after = training.history.validation.at(-1)!;
    const losses = training.history.loss;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(after.relL2!).toBeLessThan(0.9 * before.relL2!);
    expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 10)));
    console.info(
      `MAE mix, 60 steps: masked relL2 ${before.relL2!.toFixed(3)} → ${after.relL2!.toFixed(3)}` +
        ` (nearest ${after.relL2Nearest!.toFixed(3)}, linear ${after.relL2Linear!.toFixed(3)});` +
        ` loss ${mean(losses.slice(0, 10)).toFixed(3)} → ${mean(losses.slice(-10)).toFixed(3)}`,
    );
    training.dispose();
  });

  it.runIf(Boolean(import.meta.env.VITE_MAE_SLOW))(
    'beats the nearest-visible baseline on held-out trajectories after 1000 steps',
    async () => {
      const training = mixTraining({ steps: 1000, batchSize: 8, peakLr: 3e-3, validateEvery: 100 });
      await training.run();
      const after = training.history.validation.at(-1)!;
      console.info(
        'MAE mix, 1000 steps:',
        training.history.validation.map((v) => `${v.step}: ${v.relL2!.toFixed(3)}`).join(', '),
        `(nearest ${after.relL2Nearest!.toFixed(3)}, linear ${after.relL2Linear!.toFixed(3)})`,
      );
      expect(after.relL2!).toBeLessThan(after.relL2Nearest!);
      training.dispose();
    },
    600_000,
  );
});
