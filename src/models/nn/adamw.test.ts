import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from './adamw';
import { Params } from './params';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

const p0 = [0.5, -1.25, 2, 0.001];
const g1 = [0.1, -0.3, 0.0005, 2];
const g2 = [-0.2, 0.4, 0.01, 1];

function setup(options: ConstructorParameters<typeof AdamW>[1] = {}) {
  const params = new Params(0);
  params.fromData('w', [2, 2], Float32Array.from(p0));
  params.fromData('b', [1], Float32Array.from([3]));
  const optimizer = new AdamW(params, options);
  disposables.push(params, optimizer);
  return { params, optimizer };
}

function step(optimizer: AdamW, grad: number[], lr: number, beta1?: number) {
  tf.tidy(() => optimizer.apply({ w: tf.tensor2d(grad, [2, 2]) }, lr, { beta1 }));
}

/** torch.optim.AdamW's update in float64, from the float32 start values. */
function reference(
  grads: number[][],
  lrs: number[],
  { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, wd = 0.01, l2 = false, beta1s = [] as number[] } = {},
): number[] {
  const p = p0.map((v) => Math.fround(v));
  const m = [0, 0, 0, 0];
  const v = [0, 0, 0, 0];
  grads.forEach((g32, s) => {
    const t = s + 1;
    const lr = lrs[s]!;
    const b1 = beta1s[s] ?? beta1;
    for (let i = 0; i < 4; i++) {
      let g = Math.fround(g32[i]!);
      if (l2) g += wd * p[i]!;
      else p[i]! *= 1 - lr * wd;
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const mHat = m[i]! / (1 - b1 ** t);
      const vHat = v[i]! / (1 - beta2 ** t);
      p[i]! -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  });
  return p;
}

function expectClose(actual: ArrayLike<number>, expected: number[], tol = 1e-6) {
  expected.forEach((e, i) =>
    expect(Math.abs(actual[i]! - e), `entry ${i}`).toBeLessThan(tol * Math.max(1, Math.abs(e))),
  );
}

describe('AdamW', () => {
  it('one step: p(1 − lr·wd) − lr·g/(|g| + eps), as hand-computed in float64', () => {
    const { params, optimizer } = setup();
    step(optimizer, g1, 1e-2);
    // After one step m̂ = g and v̂ = g², so the update is lr·sign(g) up to eps.
    const hand = p0.map(
      (p, i) => Math.fround(p) * (1 - 1e-2 * 0.01) - (1e-2 * g1[i]!) / (Math.abs(g1[i]!) + 1e-8),
    );
    expectClose(params.get('w').dataSync(), hand);
    expect(optimizer.step).toBe(1);
    // A parameter without a gradient is untouched, weight decay included (PyTorch skips it).
    expect(params.get('b').dataSync()[0]).toBe(3);
  });

  it('follows the float64 recurrences over steps with changing lr (bias correction)', () => {
    const { params, optimizer } = setup({ beta2: 0.98, weightDecay: 0.1 });
    step(optimizer, g1, 1e-2);
    step(optimizer, g2, 5e-3);
    step(optimizer, g1, 2e-3);
    expectClose(
      params.get('w').dataSync(),
      reference([g1, g2, g1], [1e-2, 5e-3, 2e-3], { beta2: 0.98, wd: 0.1 }),
    );
  });

  it('supports coupled L2 decay (Adam) and a per-step β₁', () => {
    const l2 = setup({ weightDecayMode: 'l2', weightDecay: 0.5, beta1: 0.9 });
    step(l2.optimizer, g1, 1e-2);
    step(l2.optimizer, g2, 1e-2);
    expectClose(
      l2.params.get('w').dataSync(),
      reference([g1, g2], [1e-2, 1e-2], { wd: 0.5, l2: true }),
    );

    const cycled = setup();
    step(cycled.optimizer, g1, 1e-2, 0.95);
    step(cycled.optimizer, g2, 1e-2, 0.85);
    expectClose(
      cycled.params.get('w').dataSync(),
      reference([g1, g2], [1e-2, 1e-2], { beta1s: [0.95, 0.85] }),
    );
  });

  it('skips decay for parameters the filter excludes', () => {
    const { params, optimizer } = setup({ weightDecay: 0.5, decays: (name) => name !== 'w' });
    step(optimizer, g1, 1e-2);
    expectClose(params.get('w').dataSync(), reference([g1], [1e-2], { wd: 0 }));
  });

  it('resumes from a snapshot exactly as if never interrupted', async () => {
    const a = setup();
    step(a.optimizer, g1, 1e-2);
    const savedParams = await a.params.snapshot();
    const savedState = await a.optimizer.snapshot();
    expect(savedState.step).toBe(1);
    expect(savedState.m.map((t) => t.name)).toEqual(['w', 'b']);
    step(a.optimizer, g2, 1e-2);

    const b = setup();
    b.params.restore(savedParams);
    b.optimizer.restore(savedState);
    step(b.optimizer, g2, 1e-2);
    expect(Array.from(b.params.get('w').dataSync())).toEqual(
      Array.from(a.params.get('w').dataSync()),
    );
    expect(b.optimizer.step).toBe(2);

    const other = new Params(0);
    other.constant('w', [4], 0);
    const wrong = new AdamW(other);
    disposables.push(other, wrong);
    expect(() => wrong.restore(savedState)).toThrow(
      /"w" has shape \[2, 2\], expected \[4\]; unknown parameter "b"/,
    );
  });

  it('keeps the tensor count flat across steps', () => {
    const { optimizer } = setup();
    step(optimizer, g1, 1e-2);
    const after = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step(optimizer, g2, 1e-2);
    expect(tf.memory().numTensors).toBe(after);
  });
});
