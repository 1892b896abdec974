import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from '../nn/adamw';
import { odeint } from '../nn/ode';
import { Params } from '../nn/params';
import { relativeError, seededTensor } from '../nn/testing';
import { gridCoordinates, gridPointCoordinates } from './coordinates';
import { decodeFrames, fitCodes, forecast, forecastCodes, frameTimes } from './forecast';
import { createDino } from './model';
import { gatherPoints, maskIndices, observationMask } from './observation';
import { ParamsView } from './paramsView';
import { tinyConfig, waveTrajectories } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the decoder', () => {
  it('fits one frame: the loss falls more than 10× in 100 Adam steps', () => {
    const model = createDino(tinyConfig, { seed: 2 });
    const frame = waveTrajectories(1, 1, 16);
    const target = tf.tensor3d(frame.data, [1, 256, 1]);
    const coords = gridCoordinates(16);
    const code = new Params(0);
    code.constant('code', [1, model.codeSize], 0);
    const trained = new ParamsView([
      { params: model.params, keep: (n) => n.startsWith('decoder.') },
      { params: code },
    ]);
    const adam = new AdamW(trained, { weightDecay: 0 });
    const variables = trained.trainable();
    const losses: number[] = [];
    for (let step = 0; step < 100; step++) {
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () =>
            model
              .decode(code.get('code') as tf.Tensor2D, coords)
              .sub(target)
              .square()
              .mean() as tf.Scalar,
          variables.map(([, v]) => v),
        );
        if (step === 0 || step === 99) losses.push(value.dataSync()[0]!);
        adam.apply(Object.fromEntries(variables.map(([n, v]) => [n, grads[v.name]!])), 1e-2);
      });
    }
    expect(losses[1]!).toBeLessThan(losses[0]! / 10);
    tf.dispose([target, coords]);
    adam.dispose();
    code.dispose();
    model.dispose();
  });
});

describe('fitCodes', () => {
  const model = createDino(tinyConfig, { seed: 4, channels: 2 });
  afterAll(() => model.dispose());

  it('recovers, from half the points, codes whose fields match frames decoded from known codes', () => {
    const truthCodes = seededTensor([3, model.codeSize], 41, 0.5) as tf.Tensor2D;
    const grid = gridCoordinates(16);
    const fields = model.decode(truthCodes, grid); // [3, 256, 2]
    const observed = maskIndices(observationMask(16, 16, 0.5, 3));
    const observedCoords = gridPointCoordinates(observed, 16);
    const values = tf.gather(fields, tf.tensor1d(observed, 'int32'), 1) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const fitted = fitCodes(model, { values, coords: observedCoords }, { steps: 150, lr: 1e-2 });
    expect(tf.memory().numTensors).toBe(before + 1);
    const zero = tf.zeros([3, model.codeSize]) as tf.Tensor2D;
    const truth = fields.dataSync();
    const errorOf = (codes: tf.Tensor2D) =>
      relativeError(model.decode(codes, grid).dataSync(), truth);
    const fittedError = errorOf(fitted);
    // Everywhere, the unobserved half included: the decoder is fixed, the fit only moves codes.
    expect(fittedError).toBeLessThan(0.05);
    expect(fittedError).toBeLessThan(errorOf(zero) / 10);
    tf.dispose([truthCodes, grid, fields, observedCoords, values, fitted, zero]);
  });

  it('keeps each trajectory’s best code: never worse than the start, whatever the step size', () => {
    const values = tf.tidy(() =>
      model.decode(seededTensor([2, model.codeSize], 42, 0.5) as tf.Tensor2D, gridCoordinates(4)),
    );
    const coords = gridCoordinates(4);
    const lossOf = (codes: tf.Tensor2D) =>
      tf.tidy(() => model.decode(codes, coords).sub(values).square().mean([1, 2]).dataSync());
    const start = lossOf(tf.zeros([2, model.codeSize]));
    // A huge learning rate makes Adam overshoot; the kept codes still never get worse.
    const wild = fitCodes(model, { values: values as tf.Tensor3D, coords }, { steps: 5, lr: 50 });
    const kept = lossOf(wild);
    for (let b = 0; b < 2; b++) expect(kept[b]!).toBeLessThanOrEqual(start[b]!);
    tf.dispose([values, coords, wild]);
  });
});

describe('forecast', () => {
  const model = createDino(tinyConfig, { seed: 6 });
  afterAll(() => model.dispose());

  it('rolls codes out with the nn RK4 stepper and decodes them at any points', () => {
    const initial = seededTensor([2, model.codeSize], 51) as tf.Tensor2D;
    const times = frameTimes(5, 0.25);
    expect(times).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const codes = forecastCodes(model, initial, times);
    expect(codes.shape).toEqual([2, 5, model.codeSize]);
    const reference = odeint((y: tf.Tensor2D) => model.derivative(y), initial, times);
    expect(relativeError(codes.dataSync(), reference.transpose([1, 0, 2]).dataSync())).toBe(0);
    expect([...codes.slice([0, 0, 0], [2, 1, -1]).dataSync()]).toEqual([...initial.dataSync()]);

    const coords = gridCoordinates(6);
    const fields = forecast(model, initial, times, coords);
    expect(fields.shape).toEqual([2, 5, 36, 1]);
    const decoded = decodeFrames(model, codes, coords);
    expect([...fields.dataSync()]).toEqual([...decoded.dataSync()]);
    tf.dispose([initial, codes, reference, coords, fields, decoded]);
  });

  it('leaves no tensor behind but its output', () => {
    const initial = seededTensor([1, model.codeSize], 52) as tf.Tensor2D;
    const coords = gridCoordinates(4);
    const before = tf.memory().numTensors;
    const fields = forecast(model, initial, frameTimes(4, 1), coords);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([initial, coords, fields]);
  });
});

describe('observations', () => {
  it('keeps each point with probability s, seeded, the same mask for a seed', () => {
    const mask = observationMask(64, 64, 0.25, 1);
    const share = mask.reduce((a, b) => a + b, 0) / mask.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
    expect(observationMask(64, 64, 0.25, 1)).toEqual(mask);
    expect(observationMask(64, 64, 0.25, 2)).not.toEqual(mask);
    expect(observationMask(8, 8, 1, 5).every((m) => m === 1)).toBe(true);
  });

  it('reads trajectories at grid points, frames and channels', () => {
    const data = waveTrajectories(2, 3, 4, { channels: 2 });
    const values = gatherPoints(data, [1], [5, 0], { first: 1, count: 2, channels: 1 });
    const at = (n: number, t: number, p: number, c: number) =>
      data.data[((n * 3 + t) * 16 + p) * 2 + c]!;
    expect([...values]).toEqual([at(1, 1, 5, 0), at(1, 1, 0, 0), at(1, 2, 5, 0), at(1, 2, 0, 0)]);
  });
});
