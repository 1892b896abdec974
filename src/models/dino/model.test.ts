import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Params } from '../nn/params';
import {
  finiteDifferenceGradient,
  maxAbs,
  maxAbsDiff,
  relativeError,
  seededTensor,
  seededValues,
} from '../nn/testing';
import { filterWeightScale } from './config';
import {
  gridCoordinates,
  gridCoordinateValues,
  gridPointCoordinates,
  pointCoordinates,
} from './coordinates';
import { createDino, decoderNames, dynamicsNames, swish, type DinoModel } from './model';
import { tinyConfig } from './testing';
import { rolloutLoss } from './train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function valuesOf(model: DinoModel, name: string): Float32Array {
  return model.params.get(name).dataSync() as Float32Array;
}

describe('createDino', () => {
  it('names its parameters after DINo’s layers', () => {
    const model = createDino(tinyConfig, { seed: 1 });
    expect(model.params.names).toEqual([
      'decoder.filters.0.weight',
      'decoder.filters.1.weight',
      'decoder.filters.2.weight',
      'decoder.layers.0.code',
      'decoder.layers.0.bias',
      'decoder.layers.1.code',
      'decoder.layers.1.hidden',
      'decoder.layers.1.bias',
      'decoder.layers.2.code',
      'decoder.layers.2.hidden',
      'decoder.layers.2.bias',
      'decoder.output.weight',
      'decoder.output.bias',
      'dynamics.fc0.weight',
      'dynamics.fc0.bias',
      'dynamics.swish0.beta',
      'dynamics.fc1.weight',
      'dynamics.fc1.bias',
      'dynamics.swish1.beta',
      'dynamics.fc2.weight',
      'dynamics.fc2.bias',
      'dynamics.swish2.beta',
      'dynamics.fc3.weight',
      'dynamics.fc3.bias',
    ]);
    model.dispose();
  });

  it('initialises as DINo’s official code (kaiming_uniform(a=√5) bounds, β = 0.5)', () => {
    const model = createDino({ ...tinyConfig, codeDim: 25, decoderWidth: 36 }, { seed: 3 });
    const bound = (name: string) => maxAbs(valuesOf(model, name));
    expect(bound(decoderNames.filter(0))).toBeLessThanOrEqual(1 / Math.SQRT2);
    expect(bound(decoderNames.filter(0))).toBeGreaterThan(0.9 / Math.SQRT2);
    expect(bound(decoderNames.codeMap(1))).toBeLessThanOrEqual(1 / 5);
    expect(bound(decoderNames.codeMap(1))).toBeGreaterThan(0.18);
    expect(bound(decoderNames.hiddenMap(1))).toBeLessThanOrEqual(1 / 6);
    expect(bound(decoderNames.hiddenMap(1))).toBeGreaterThan(0.15);
    // The bias bound follows the layer's input: 2 coordinates first, then the width.
    expect(bound(decoderNames.bias(0))).toBeLessThanOrEqual(1 / Math.SQRT2);
    expect(bound(decoderNames.bias(0))).toBeGreaterThan(0.5);
    expect(bound(decoderNames.bias(1))).toBeLessThanOrEqual(1 / 6);
    expect([...valuesOf(model, dynamicsNames.beta(2))]).toEqual([0.5]);
    model.dispose();
  });

  it('gives the same weights for the same seed and others for another', () => {
    const [a, b, c] = [1, 1, 2].map((seed) => createDino(tinyConfig, { seed }));
    const name = decoderNames.codeMap(1);
    expect(valuesOf(a!, name)).toEqual(valuesOf(b!, name));
    expect(maxAbsDiff(valuesOf(a!, name), valuesOf(c!, name))).toBeGreaterThan(0);
    for (const m of [a, b, c]) m!.dispose();
  });
});

/** The decoder written out with plain JS arithmetic for one point and one channel's code. */
function referenceDecode(model: DinoModel, code: Float32Array, x: [number, number]): number {
  const { decoderLayers: L, decoderWidth: w, codeDim: d } = model.config;
  const scale = filterWeightScale(model.config);
  const filterAt = (l: number) => {
    const W = valuesOf(model, decoderNames.filter(l)); // [2, w/2]
    const phase = Array.from(
      { length: w / 2 },
      (_, j) => scale * (x[0] * W[j]! + x[1] * W[w / 2 + j]!),
    );
    return [...phase.map(Math.sin), ...phase.map(Math.cos)];
  };
  const shift = (l: number) => {
    const A = valuesOf(model, decoderNames.codeMap(l)); // [d, w]
    const b = valuesOf(model, decoderNames.bias(l));
    return Array.from(
      { length: w },
      (_, o) => b[o]! + code.reduce((s, a, j) => s + a * A[j * w + o]!, 0),
    );
  };
  let z = filterAt(0).map((s, o) => s * shift(0)[o]!);
  for (let l = 1; l <= L; l++) {
    const B = valuesOf(model, decoderNames.hiddenMap(l)); // [w, w]
    const s = filterAt(l);
    const a = shift(l);
    z = Array.from(
      { length: w },
      (_, o) => s[o]! * (a[o]! + z.reduce((acc, zi, i) => acc + zi * B[i * w + o]!, 0)),
    );
  }
  const wOut = valuesOf(model, 'decoder.output.weight');
  return (
    valuesOf(model, 'decoder.output.bias')[0]! + z.reduce((acc, zi, i) => acc + zi * wOut[i]!, 0)
  );
  void d;
}

describe('decode', () => {
  const model = createDino(tinyConfig, { seed: 5, channels: 2 });
  afterAll(() => model.dispose());

  it('is the FourierNet recursion, one shared decoder per channel code', () => {
    const codes = seededTensor([3, model.codeSize], 11, 0.8) as tf.Tensor2D;
    const points: [number, number][] = [
      [0.1, 0.7],
      [0.95, 0.3],
      [0.5, 0.5],
    ];
    const coords = pointCoordinates(points);
    const out = model.decode(codes, coords);
    expect(out.shape).toEqual([3, 3, 2]);
    const got = out.dataSync();
    const codeValues = codes.dataSync() as Float32Array;
    const d = model.config.codeDim;
    for (let n = 0; n < 3; n++) {
      for (let p = 0; p < 3; p++) {
        for (let c = 0; c < 2; c++) {
          const code = codeValues.slice(
            n * model.codeSize + c * d,
            n * model.codeSize + (c + 1) * d,
          );
          const x: [number, number] = [0.5 * points[p]![0], 0.5 * points[p]![1]];
          expect(got[(n * 3 + p) * 2 + c]).toBeCloseTo(referenceDecode(model, code, x), 4);
        }
      }
    }
    tf.dispose([codes, coords, out]);
  });

  it('decodes at any resolution: the 8² grid is every other point of the 16² grid', () => {
    const codes = seededTensor([2, model.codeSize], 12) as tf.Tensor2D;
    const [coarseCoords, fineCoords] = [gridCoordinates(8), gridCoordinates(16)];
    const coarse = model.decode(codes, coarseCoords).dataSync();
    const fine = model.decode(codes, fineCoords).dataSync();
    for (let n = 0; n < 2; n++) {
      for (let i = 0; i < 8; i++) {
        for (let j = 0; j < 8; j++) {
          for (let c = 0; c < 2; c++) {
            const a = coarse[(n * 64 + i * 8 + j) * 2 + c]!;
            const b = fine[(n * 256 + 2 * i * 16 + 2 * j) * 2 + c]!;
            expect(a).toBeCloseTo(b, 5);
          }
        }
      }
    }
    tf.dispose([codes, coarseCoords, fineCoords]);
  });

  it('lays grid coordinates out ij in [0, 0.5), point lists matching', () => {
    const values = gridCoordinateValues(4, 2);
    expect([...values]).toEqual([
      0, 0, 0, 0.25, 0.125, 0, 0.125, 0.25, 0.25, 0, 0.25, 0.25, 0.375, 0, 0.375, 0.25,
    ]);
    const some = gridPointCoordinates([5, 2], 4, 2);
    expect([...some.dataSync()]).toEqual([0.25, 0.25, 0.125, 0]);
    some.dispose();
  });

  it('leaves no tensor behind but its output', () => {
    const codes = seededTensor([2, model.codeSize], 13) as tf.Tensor2D;
    const coords = gridCoordinates(4);
    const before = tf.memory().numTensors;
    const out = model.decode(codes, coords);
    const rate = model.derivative(codes);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([out, rate, codes, coords]);
  });
});

describe('swish', () => {
  it('is x·sigmoid(x·softplus(β))/1.1', () => {
    const x = [-2, -0.5, 0, 0.7, 3];
    const beta = 0.3;
    const softplus = Math.log1p(Math.exp(beta));
    const expected = x.map((v) => v / (1 + Math.exp(-v * softplus)) / 1.1);
    const got = tf.tidy(() => swish(tf.tensor1d(x), tf.tensor1d([beta])).dataSync());
    expect(maxAbsDiff(got, expected)).toBeLessThan(1e-6);
  });
});

/**
 * Finite-difference checks. Float32 central differences carry a rounding error ~1e-7·|L|/h and a
 * truncation error ~h²: at h = 1e-2 both stay below ~5e-4 of each gradient here (measured), while
 * a wrong gradient (a dropped term, a wrong transpose) is off by O(1). Swish's β gets gradients
 * ~1e-3 of the loss, so it takes a larger step (β is a smooth scalar; at 5e-2 the difference is
 * within 1e-3 of tfjs's gradient). The frequency scale is lowered so the filters' phases move by
 * little per step.
 */
const TOLERANCE = 3e-3;
const stepFor = (name: string) => (name.endsWith('.beta') ? 5e-2 : 1e-2);

function checkGradients(params: Params, loss: () => tf.Scalar, names: string[]) {
  const trainable = params.trainable().filter(([n]) => names.includes(n));
  const { grads } = tf.variableGrads(
    loss,
    trainable.map(([, v]) => v),
  );
  const errors: Record<string, number> = {};
  for (const [name, variable] of trainable) {
    const analytic = grads[variable.name]!.dataSync() as Float32Array;
    const numeric = finiteDifferenceGradient(variable, loss, stepFor(name));
    expect(maxAbs(numeric), name).toBeGreaterThan(1e-4);
    errors[name] = relativeError(analytic, Float32Array.from(numeric));
  }
  tf.dispose(Object.values(grads));
  for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(TOLERANCE);
}

describe('gradients', () => {
  const config = {
    ...tinyConfig,
    codeDim: 3,
    decoderWidth: 4,
    decoderLayers: 2,
    dynamicsWidth: 5,
    inputScale: 8,
  };

  it('of the decoder (weights and codes) agree with central differences', () => {
    const model = createDino(config, { seed: 21, channels: 2 });
    const codes = new Params(0);
    codes.fromData('codes', [2, model.codeSize], seededValues(2 * model.codeSize, 22, 1));
    const coords = pointCoordinates([
      [0.1, 0.2],
      [0.6, 0.9],
      [0.33, 0.5],
    ]);
    const target = seededTensor([2, 3, 2], 23);
    const loss = () =>
      tf.tidy(
        () =>
          model
            .decode(codes.get('codes') as tf.Tensor2D, coords)
            .sub(target)
            .square()
            .mean() as tf.Scalar,
      );
    checkGradients(
      model.params,
      loss,
      model.params.names.filter((n) => n.startsWith('decoder.')),
    );
    checkGradients(codes, loss, ['codes']);
    tf.dispose([coords, target]);
    codes.dispose();
    model.dispose();
  });

  it('of the dynamics through a teacher-forced RK4 rollout agree with central differences', () => {
    const model = createDino(config, { seed: 31, channels: 1 });
    const fitted = seededTensor([2, 4, model.codeSize], 32, 1.5) as tf.Tensor3D;
    const loss = () => rolloutLoss(model, fitted, [false, true, false, false], 0.5);
    checkGradients(
      model.params,
      loss,
      model.params.names.filter((n) => n.startsWith('dynamics.')),
    );
    fitted.dispose();
    model.dispose();
  });
});
