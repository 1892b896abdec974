import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  finiteDifferenceGradient,
  maxAbsDiff,
  relativeError,
  seededTensor,
  tfGradients,
} from './testing';
import { applyStepper, createStepper, stepperModes, type StepperConfig } from './fnoStepper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CONFIG: StepperConfig = {
  frames: 3,
  channels: 2,
  size: 8,
  width: 6,
  modes: 8,
  blocks: 2,
  embedDim: 4,
  conditionDim: 5,
};

describe('conditioned FNO time-stepper', () => {
  it('clips the modes to the grid and maps [B, T, S, S, C] windows to the same shape', () => {
    expect(stepperModes(16, 8)).toEqual({ modesH: 8, modesW: 8 });
    expect(stepperModes(8, 8)).toEqual({ modesH: 4, modesW: 5 });
    expect(stepperModes(32, 8)).toEqual({ modesH: 8, modesW: 8 });
    const before = tf.memory().numTensors;
    const model = createStepper(CONFIG, 1);
    expect(model.tables.rows.length).toBe(8);
    expect(model.params.get('block0.spectral.re').shape).toEqual([8, 5, 6, 6]);
    expect(model.params.get('block1.freq.weight').shape).toEqual([4, 2 * 8 * 5]);
    const x = seededTensor([2, 3, 8, 8, 2], 2);
    const c = seededTensor([2, 5], 3) as tf.Tensor2D;
    const y = applyStepper(model, x, c);
    expect(y.shape).toEqual([2, 3, 8, 8, 2]);
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    expect(() => applyStepper(model, x)).toThrow(/conditioned on 5 features/);
    const oneChannel = seededTensor([2, 3, 8, 8, 1], 2);
    expect(() => applyStepper(model, oneChannel, c)).toThrow(/reads windows/);
    tf.dispose([x, c, y, oneChannel]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts with per-mode multipliers near 1 and responds to the condition through both paths', () => {
    const model = createStepper(CONFIG, 1);
    const freq = model.params.get('block0.freq.weight').dataSync();
    expect(Math.max(...Array.from(freq, Math.abs))).toBeLessThan(0.1);
    expect(Array.from(model.params.get('block0.freq.bias').dataSync())).toEqual(
      new Array(80).fill(0),
    );
    const x = seededTensor([2, 3, 8, 8, 2], 2);
    const [a, b] = [seededTensor([2, 5], 3), seededTensor([2, 5], 4)] as tf.Tensor2D[];
    const [ya, yb] = [applyStepper(model, x, a!), applyStepper(model, x, b!)];
    expect(maxAbsDiff(ya.dataSync(), yb.dataSync())).toBeGreaterThan(1e-4);

    // The additive shift off: the condition still acts through the mode multipliers.
    for (let k = 0; k < CONFIG.blocks; k++) {
      for (const p of ['weight', 'bias']) {
        const v = model.params.get(`block${k}.cond.${p}`);
        v.assign(tf.zerosLike(v));
      }
    }
    const [za, zb] = [applyStepper(model, x, a!), applyStepper(model, x, b!)];
    expect(maxAbsDiff(za.dataSync(), zb.dataSync())).toBeGreaterThan(1e-6);
    const grads = tfGradients(model.params, () =>
      tf.tidy(() => applyStepper(model, x, a!).square().sum() as tf.Scalar),
    );
    for (const name of ['embed.weight', 'block0.freq.weight', 'block1.freq.bias']) {
      expect(Math.max(...Array.from(grads.get(name)!, Math.abs)), name).toBeGreaterThan(0);
    }
    tf.dispose([x, a!, b!, ya, yb, za, zb]);
    model.dispose();
  });

  it('the plain stepper has no conditioning weights and ignores any condition', () => {
    const model = createStepper({ ...CONFIG, conditionDim: 0 }, 1);
    expect(model.params.names.some((n) => /embed|cond|freq/.test(n))).toBe(false);
    const conditioned = createStepper(CONFIG, 1);
    // Same seed, same names: the shared weights are the same in every arm.
    expect(model.params.get('lift0.weight').dataSync()).toEqual(
      conditioned.params.get('lift0.weight').dataSync(),
    );
    const x = seededTensor([2, 3, 8, 8, 2], 2);
    const c = seededTensor([2, 5], 3) as tf.Tensor2D;
    const [plain, withC] = [applyStepper(model, x), applyStepper(model, x, c)];
    expect(maxAbsDiff(plain.dataSync(), withC.dataSync())).toBe(0);
    tf.dispose([x, c, plain, withC]);
    model.dispose();
    conditioned.dispose();
  });

  it('its gradients match central differences', () => {
    const config = {
      ...CONFIG,
      size: 4,
      width: 3,
      modes: 2,
      blocks: 1,
      embedDim: 2,
      conditionDim: 2,
    };
    const model = createStepper(config, 5);
    const x = seededTensor([2, 3, 4, 4, 2], 6);
    const c = seededTensor([2, 2], 7) as tf.Tensor2D;
    // Lift the mode multipliers off 1 so their gradient is not trivially tiny.
    model.params.get('block0.freq.weight').assign(seededTensor([2, 2 * 4 * 2], 8, 0.5));
    const loss = () => tf.tidy(() => applyStepper(model, x, c).square().sum() as tf.Scalar);
    const analytic = tfGradients(model.params, loss);
    for (const name of ['embed.weight', 'block0.freq.weight', 'block0.cond.bias', 'lift0.weight']) {
      const numeric = finiteDifferenceGradient(model.params.get(name), loss, 1e-2);
      expect(relativeError(analytic.get(name)!, numeric), name).toBeLessThan(2e-2);
    }
    tf.dispose([x, c]);
    model.dispose();
  });
});
