import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../nn/testing';
import type { DinoConfig } from './config';
import { createDino } from './model';
import { tinyConfig, waveTrajectories } from './testing';
import { createDinoTrainer, rolloutLoss, GRADIENT_SUM_PREFIX, type DinoTrainer } from './train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: DinoConfig = { ...tinyConfig, trainFrames: 4, dt: 0.5, subsamplingRate: 0.3 };
const data = waveTrajectories(4, 6, 8);

function trainer(mode: DinoConfig['trainingMode'], seed = 0): DinoTrainer {
  const settings = { ...config, trainingMode: mode };
  return createDinoTrainer({
    model: createDino(settings, { seed: 1 }),
    train: data,
    config: settings,
    seed,
    batchSize: 2,
  });
}

function disposeAll(t: DinoTrainer) {
  t.dispose();
  t.model.dispose();
}

function read(t: DinoTrainer, name: string): Float32Array {
  return t.params.get(name).dataSync().slice() as Float32Array;
}

/** Runs `count` updates from `first`, returning each loss; every result is disposed. */
function run(t: DinoTrainer, first: number, count: number, lr = 1e-2) {
  const losses: { loss: number; decoder: number; dynamics: number; gradNorm: number }[] = [];
  for (let i = first; i < first + count; i++) {
    const result = t.update(i, lr);
    losses.push({
      loss: result.loss.dataSync()[0]!,
      decoder: result.decoderLoss.dataSync()[0]!,
      dynamics: result.dynamicsLoss.dataSync()[0]!,
      gradNorm: result.gradNorm.dataSync()[0]!,
    });
    tf.dispose(Object.values(result));
  }
  return losses;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('DINo training', () => {
  for (const mode of ['faithful', 'simple'] as const) {
    it(`${mode}: the loss falls on a few waves over 200 updates, with no tensor left behind`, () => {
      const t = trainer(mode);
      run(t, 0, 1);
      const before = tf.memory().numTensors;
      const losses = run(t, 1, 199);
      expect(tf.memory().numTensors).toBe(before);
      const start = mean(losses.slice(0, 10).map((l) => l.decoder));
      const end = mean(losses.slice(-10).map((l) => l.decoder));
      expect(end).toBeLessThan(start / 10);
      for (const l of losses) {
        expect(l.loss).toBeCloseTo(l.decoder + l.dynamics, 5);
        expect(Number.isFinite(l.gradNorm) && l.gradNorm > 0).toBe(true);
      }
      // The codes move away from zero, so the dynamics has something to follow.
      expect(losses.at(-1)!.dynamics).toBeGreaterThan(0);
      disposeAll(t);
    });
  }

  it('faithful: codes step every batch, the networks once per epoch on the summed gradients', () => {
    const t = trainer('faithful');
    expect(t.batchesPerEpoch).toBe(2);
    const decoder = 'decoder.layers.1.hidden';
    const dynamics = 'dynamics.fc1.weight';
    const [dec0, dyn0] = [read(t, decoder), read(t, dynamics)];
    const inFirst = t.batch(0);
    const codesBefore = inFirst.map((n) => read(t, `codes.${n}`));
    const others = t.batch(1).map((n) => read(t, `codes.${n}`));

    run(t, 0, 1);
    inFirst.forEach((n, i) =>
      expect(maxAbsDiff(read(t, `codes.${n}`), codesBefore[i]!)).toBeGreaterThan(0),
    );
    t.batch(1).forEach((n, i) => expect(read(t, `codes.${n}`)).toEqual(others[i]));
    expect(read(t, decoder)).toEqual(dec0);
    expect(read(t, dynamics)).toEqual(dyn0);
    const sum = read(t, `${GRADIENT_SUM_PREFIX}${decoder}`);
    expect(maxAbsDiff(sum, new Float32Array(sum.length))).toBeGreaterThan(0);

    run(t, 1, 1);
    expect(read(t, decoder)).toEqual(dec0);
    expect(t.optimizers.decoder.step).toBe(0);
    expect(t.optimizers.codes.step).toBe(2);

    run(t, 2, 1); // the second epoch opens with the networks' step
    expect(maxAbsDiff(read(t, decoder), dec0)).toBeGreaterThan(0);
    expect(maxAbsDiff(read(t, dynamics), dyn0)).toBeGreaterThan(0);
    expect(t.optimizers.decoder.step).toBe(1);
    expect(t.optimizers.dynamics.step).toBe(1);
    disposeAll(t);
  });

  it('simple: every part steps every batch', () => {
    const t = trainer('simple');
    run(t, 0, 3);
    const table = t.codeTable();
    const first = t.firstCodes();
    expect(table.shape).toEqual([4, config.trainFrames, t.model.codeSize]);
    expect([...first.dataSync()]).toEqual([...table.slice([0, 0, 0], [-1, 1, -1]).dataSync()]);
    expect([...first.dataSync().slice(0, t.model.codeSize)]).toEqual([
      ...read(t, 'codes.0').slice(0, t.model.codeSize),
    ]);
    tf.dispose([table, first]);
    expect(t.optimizers.decoder.step).toBe(3);
    expect(t.optimizers.dynamics.step).toBe(3);
    expect(t.optimizers.codes.step).toBe(3);
    expect(t.params.names.some((n) => n.startsWith(GRADIENT_SUM_PREFIX))).toBe(false);
    disposeAll(t);
  });

  it('draws batches and restarts from (seed, index) alone, each epoch a permutation', () => {
    const [a, b, c] = [trainer('simple', 3), trainer('simple', 3), trainer('simple', 4)];
    for (let epoch = 0; epoch < 3; epoch++) {
      const seen = [a.batch(2 * epoch), a.batch(2 * epoch + 1)].flat();
      expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    }
    const order = (t: DinoTrainer) => Array.from({ length: 10 }, (_, i) => t.batch(i)).flat();
    expect(order(b)).toEqual(order(a));
    expect(order(c)).not.toEqual(order(a));
    expect(b.restarts(17)).toEqual(a.restarts(17));
    for (const t of [a, b, c]) disposeAll(t);
  });

  it('restarts teacher forcing at frames drawn with probability ε, never at the first or last', () => {
    const t = createDinoTrainer({
      model: createDino({ ...config, trainFrames: 40 }),
      train: waveTrajectories(2, 40, 4),
      config: { ...config, trainFrames: 40, decayEvery: 100 },
      batchSize: 2,
    });
    expect(t.epsilon(0)).toBe(0.99);
    expect(t.epsilon(100)).toBeCloseTo(0.9801, 12);
    let drawn = 0;
    for (let i = 0; i < 50; i++) {
      const flags = t.restarts(i);
      expect(flags[0]).toBe(false);
      expect(flags[39]).toBe(false);
      drawn += flags.filter(Boolean).length;
    }
    expect(drawn / (50 * 38)).toBeGreaterThan(0.97);
    // ε ≈ 0.37 after 100 decays: about a third of the frames restart.
    let later = 0;
    for (let i = 0; i < 50; i++) later += t.restarts(10_000 + i).filter(Boolean).length;
    expect(later / (50 * 38)).toBeGreaterThan(0.3);
    expect(later / (50 * 38)).toBeLessThan(0.44);
    expect(t.restarts(1_000_000).some(Boolean)).toBe(false);
    disposeAll(t);
  });

  it('rolls out from frame 0 and, at a restart, keeps the prediction and goes on from the fitted code', () => {
    const fitted = tf.tensor3d([1, 2, 3, 4], [1, 4, 1]);
    const still = { derivative: (y: tf.Tensor2D) => tf.zerosLike(y) };
    const drift = { derivative: (y: tf.Tensor2D) => tf.onesLike(y) };
    const loss = (model: typeof still, restart: boolean[]) =>
      tf.tidy(() => rolloutLoss(model, fitted, restart, 0.5).dataSync()[0]);
    // Paths [1,1,1,1], [1,1,2,2], [1,1,1,3], [1,1,2,3] against [1,2,3,4].
    expect(loss(still, [false, false, false, false])).toBeCloseTo(14 / 4, 6);
    expect(loss(still, [false, true, false, false])).toBeCloseTo(6 / 4, 6);
    expect(loss(still, [false, false, true, false])).toBeCloseTo(6 / 4, 6);
    expect(loss(still, [false, true, true, false])).toBeCloseTo(3 / 4, 6);
    // dα/dt = 1 over steps of 0.5: [1, 1.5, 2, 2.5].
    expect(loss(drift, [false, false, false, false])).toBeCloseTo(3.5 / 4, 6);
    fitted.dispose();
  });

  it('refuses data or settings that do not fit the model', () => {
    const model = createDino(config);
    expect(() =>
      createDinoTrainer({ model, train: waveTrajectories(2, 3, 8), config, batchSize: 2 }),
    ).toThrow(/4 frames/);
    expect(() =>
      createDinoTrainer({ model, train: data, config: { ...config, codeDim: 9 }, batchSize: 2 }),
    ).toThrow(/codeDim/);
    expect(() =>
      createDinoTrainer({ model, train: data, config: { ...config, dt: 0.25 }, batchSize: 2 }),
    ).toThrow(/dt/);
    expect(() =>
      createDinoTrainer({
        model,
        train: waveTrajectories(2, 8, 2),
        config: { ...config, subsamplingRate: 0.05 },
        batchSize: 2,
      }),
    ).toThrow(/no point/);
    model.dispose();
  });
});
