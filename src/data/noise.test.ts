import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, type GenerateRequest } from './generate';
import { generateMix } from './generateMix';
import { decodeDatasetHdf5 } from './io/hdf5Decode';
import { encodeDatasetHdf5 } from './io/hdf5Export';
import { parseDatasetMetaJson, stringifyDatasetMeta } from './io/meta';
import { sampleBundle } from './io/testData';
import { addObservationNoise, channelStd } from './noise';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Wave: two channels (u, u_t) of very different scales, exact and fast. */
const wave: GenerateRequest = {
  pde: 'wave',
  count: 4,
  n: 16,
  frames: 5,
  dt: 0.05,
  recordInterval: 0.05,
  scheme: 'spectral',
  coefficients: { c: 1, gamma: 0 },
  options: {},
  initialCondition: 'gaussian-random-field',
  seed: 11,
  batchSize: 4,
};

const difference = (a: Float32Array, b: Float32Array) => a.map((v, i) => v - b[i]!);

describe('observation noise', () => {
  it('σ = 0 leaves the dataset identical and records nothing', async () => {
    const clean = await generateDataset(wave);
    const zero = await generateDataset({ ...wave, noise: { sigma: 0, seed: 3 } });
    expect(zero.data).toEqual(clean.data);
    expect(zero.noise).toBeUndefined();
  });

  it('same noise seed, same noise; another noise seed, other noise on the same clean data', async () => {
    const clean = await generateDataset(wave);
    const a = await generateDataset({ ...wave, noise: { sigma: 0.1, seed: 3 } });
    const b = await generateDataset({ ...wave, noise: { sigma: 0.1, seed: 3 } });
    const c = await generateDataset({ ...wave, noise: { sigma: 0.1, seed: 4 } });
    expect(b.data).toEqual(a.data);
    expect(c.data).not.toEqual(a.data);
    // The noise seed changes nothing in the simulation (coefficients, initial states).
    expect(c.coefficients).toEqual(clean.coefficients);
    // Trajectory i's noise is its own: it does not depend on how many trajectories there are.
    const two = await generateDataset({ ...wave, count: 2, noise: { sigma: 0.1, seed: 3 } });
    const cleanTwo = await generateDataset({ ...wave, count: 2 });
    const perTrajectory = 5 * 16 * 16 * 2;
    const noiseTwo = difference(two.data, cleanTwo.data);
    const noiseFour = difference(a.data, clean.data).subarray(0, 2 * perTrajectory);
    // Equal up to the std it is scaled by (the 4-trajectory dataset's std differs a little).
    const ratio = a.noise!.absolute[0]! / two.noise!.absolute[0]!;
    for (let p = 0; p < 2 * perTrajectory; p += 2 * 37) {
      expect(noiseFour[p]).toBeCloseTo(noiseTwo[p]! * ratio, 5);
    }
  });

  it('has the requested std, σ × each channel’s std, per channel (within 5%), and zero mean', async () => {
    const clean = await generateDataset(wave);
    const sigma = 0.2;
    const noisy = await generateDataset({ ...wave, noise: { sigma, seed: 8 } });
    const std = channelStd({ data: clean.data, shape: clean.shape });
    expect(std[1]! / std[0]!).not.toBeCloseTo(1, 1); // the two channels' scales differ
    expect(noisy.noise).toEqual({
      sigma,
      seed: 8,
      relativeTo: 'channel-std',
      absolute: std.map((s) => sigma * s),
    });
    const added = difference(noisy.data, clean.data);
    const measured = channelStd({ data: added, shape: clean.shape });
    for (const c of [0, 1]) {
      const ratio = measured[c]! / (sigma * std[c]!);
      console.info(`noise channel ${c}: measured std / requested = ${ratio}`);
      // 5120 draws per channel: the sample std is within ~1% (1/√(2·5120)) of the truth.
      expect(Math.abs(ratio - 1)).toBeLessThan(0.05);
      let mean = 0;
      for (let p = c; p < added.length; p += 2) mean += added[p]! / (added.length / 2);
      expect(Math.abs(mean)).toBeLessThan(0.05 * sigma * std[c]!);
    }
  });

  it('leaves a mix’s zero padding clean', async () => {
    const mix = await generateMix({
      components: [
        { ...wave, pde: 'heat', coefficients: { nu: 0.01 }, weight: 1 },
        { ...wave, weight: 1 },
      ],
      count: 4,
      n: 16,
      frames: 3,
      seed: 2,
      batchSize: 4,
      noise: { sigma: 0.5, seed: 1 },
    });
    expect(mix.noise?.absolute).toHaveLength(2);
    const perTrajectory = 3 * 16 * 16 * 2;
    mix.mix.index.forEach((component, i) => {
      const second = Array.from(
        { length: perTrajectory / 2 },
        (_, p) => mix.data[i * perTrajectory + 2 * p + 1]!,
      );
      if (component === 0) expect(second.every((v) => v === 0)).toBe(true);
      else expect(second.some((v) => v !== 0)).toBe(true);
    });
  });

  it('refuses a negative σ or a fractional seed', () => {
    const target = { data: new Float32Array(8), shape: [1, 1, 2, 2, 2] as const };
    expect(() => addObservationNoise(target, { sigma: -0.1, seed: 0 })).toThrow(/≥ 0/);
    expect(() => addObservationNoise(target, { sigma: 0.1, seed: 0.5 })).toThrow(/seed/);
  });

  it('travels with the metadata through meta.json and HDF5', async () => {
    const bundle = sampleBundle();
    const noise = {
      sigma: 0.05,
      seed: 7,
      relativeTo: 'channel-std' as const,
      absolute: [0.1, 0.2],
    };
    const meta = { ...bundle.meta, noise };
    expect(parseDatasetMetaJson(stringifyDatasetMeta(meta)).noise).toEqual(noise);
    const decoded = await decodeDatasetHdf5(await encodeDatasetHdf5({ ...bundle, meta }));
    expect(decoded.meta.noise).toEqual(noise);
    expect(() =>
      parseDatasetMetaJson(stringifyDatasetMeta({ ...meta, noise: { ...noise, absolute: [1] } })),
    ).toThrow(/noise\.absolute/);
  });
});
