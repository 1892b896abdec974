import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import { defaults } from '../../schema/params';
import { trainSchema } from '../trainOptions';
import { DPOT_PRESETS } from './config';
import { dpotRuntime, splitSources } from './index';
import { padOnes } from './sources';
import { translatingTrajectories } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = DPOT_PRESETS.tiny.config;
const [N, T, S] = [6, 8, config.size];

/** A two-equation mix as the Data panel stores it: equation 0 has one channel, its second zero. */
function mixedSet(): { set: TrajectoryArray; meta: DatasetMeta } {
  const one = translatingTrajectories(N, T, S, 1, 1);
  const two = translatingTrajectories(N, T, S, 2, 2);
  const index = [0, 1, 0, 1, 1, 0];
  const frame = T * S * S;
  const data = new Float32Array(N * frame * 2);
  index.forEach((component, i) => {
    for (let p = 0; p < frame; p++) {
      if (component === 0) data[(i * frame + p) * 2] = one.data[i * frame + p]!;
      else
        for (let c = 0; c < 2; c++)
          data[(i * frame + p) * 2 + c] = two.data[(i * frame + p) * 2 + c]!;
    }
  });
  const meta: DatasetMeta = {
    equation: 'mix',
    scheme: 'mixed',
    seed: 1,
    grid: { n: S, length: 1, origin: 0 },
    times: Array.from({ length: T }, (_, t) => t),
    channels: ['u', 'v'],
    coefficients: {},
    split: { train: 4, val: 2, test: 0 },
    mix: {
      components: [
        { equation: 'heat', scheme: 'spectral', channels: ['u'], weight: 1 },
        { equation: 'burgers', scheme: 'spectral', channels: ['u', 'v'], weight: 1 },
      ],
      index,
    },
  };
  return { set: { data, shape: [N, T, S, S, 2] }, meta };
}

describe('DPOT in the lab', () => {
  it('splits a mix into one source per equation with its own channels', () => {
    const { set, meta } = mixedSet();
    const sources = splitSources(set, meta, 0);
    expect(sources.map((s) => s.set.shape)).toEqual([
      [3, T, S, S, 1],
      [3, T, S, S, 2],
    ]);
    // The validation split starts at trajectory 4: component 1, then 0.
    const val = splitSources(
      { data: set.data.subarray(4 * T * S * S * 2), shape: [2, T, S, S, 2] },
      meta,
      4,
    );
    expect(val.map((s) => s.set.shape[0])).toEqual([1, 1]);
    expect(Array.from(padOnes(sources[0]!.set, 2).data.slice(0, 4))).toEqual([
      sources[0]!.set.data[0],
      1,
      sources[0]!.set.data[1],
      1,
    ]);
  });

  it('trains on a mix, validates its rollout and pictures it, without leaking tensors', async () => {
    const { set, meta } = mixedSet();
    const options = { ...defaults(trainSchema), steps: 4, batchSize: 2, seed: 3 };
    const part = (first: number, count: number): TrajectoryArray => ({
      data: set.data.subarray(first * T * S * S * 2, (first + count) * T * S * S * 2),
      shape: [count, T, S, S, 2],
    });
    const before = tf.memory().numTensors;
    const trainer = dpotRuntime.createTrainer({
      config,
      options,
      meta,
      train: part(0, 4),
      validation: part(4, 2),
    });
    if (trainer.step.kind !== 'update') throw new Error('DPOT steps by update');
    const during = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const { loss, gradNorm } = trainer.step.update(i, 1e-2);
      expect(Number.isFinite(loss.dataSync()[0]!)).toBe(true);
      tf.dispose([loss, gradNorm]);
    }
    const metrics = await trainer.validate(3);
    const steps = T - config.inputFrames;
    expect(Object.keys(metrics).sort()).toEqual([
      'finalStepL2re',
      'horizon',
      'oneStepL2re',
      'rolloutL2re',
    ]);
    for (const value of Object.values(metrics)) expect(Number.isFinite(value)).toBe(true);
    expect(metrics.horizon).toBeGreaterThanOrEqual(1);
    expect(metrics.horizon).toBeLessThanOrEqual(steps);
    const snapshot = await trainer.snapshot();
    if (snapshot.kind !== 'rollout') throw new Error('DPOT pictures a rollout');
    // The first held-out equation has one channel: pictured on it alone, not on its padding.
    expect(snapshot.shape).toEqual([1, steps, S, S, 1]);
    expect(snapshot.forecast.length).toBe(steps * S * S);
    expect(snapshot.errors).toHaveLength(steps);
    expect(snapshot.spectra).toHaveLength(config.depth);
    expect(snapshot.spectra[0]!.input.length).toBe(
      snapshot.spectra[0]!.rows * snapshot.spectra[0]!.columns,
    );
    expect(tf.memory().numTensors).toBe(during);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says in words why a dataset does not fit', () => {
    const { meta } = mixedSet();
    expect(dpotRuntime.datasetProblem({ ...meta, grid: { ...meta.grid, n: 32 } }, config)).toMatch(
      /set the model's Grid to 32/,
    );
    expect(dpotRuntime.datasetProblem({ ...meta, times: [0, 1, 2] }, config)).toMatch(
      /at least 4 frames/,
    );
    expect(dpotRuntime.datasetProblem(meta, config)).toBeUndefined();
  });
});
