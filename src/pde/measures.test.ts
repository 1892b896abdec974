import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdeSpec } from './registry';
import type { SolverSetup } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A [1, N, N, C] state whose channel 0 is f(x, y) on the spec's default box. */
function state(
  id: string,
  n: number,
  f: (x: number, y: number) => number,
): { state: tf.Tensor4D; setup: SolverSetup } {
  const spec = pdeSpec(id);
  const c = spec.channels.length;
  const grid = { n, length: spec.domain.length, origin: spec.domain.origin };
  const data = new Float32Array(n * n * c);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      data[(i * n + j) * c] = f(
        grid.origin + (i * grid.length) / n,
        grid.origin + (j * grid.length) / n,
      );
  const coefficients = Object.fromEntries(
    Object.entries(spec.params).flatMap(([name, p]) =>
      p.kind === 'number' ? [[name, Float32Array.of(p.default)]] : [],
    ),
  );
  return {
    state: tf.tensor4d(data, [1, n, n, c]),
    setup: { grid, scheme: spec.defaultScheme, batch: 1, coefficients, options: {} },
  };
}

describe('measures', () => {
  it('Navier–Stokes: Taylor–Green has enstrophy ⟨ω²⟩/2 = 1/8 and energy 1/8 ÷ 8π²', async () => {
    const { state: s, setup } = state(
      'ns',
      32,
      (x, y) => Math.cos(2 * Math.PI * x) * Math.cos(2 * Math.PI * y),
    );
    const m = pdeSpec('ns').measure(s, setup);
    const [energy, enstrophy] = await m.data();
    expect(enstrophy).toBeCloseTo(1 / 8, 6);
    expect(energy! / (1 / 8 / (8 * Math.PI ** 2))).toBeCloseTo(1, 5);
    tf.dispose([s, m]);
  });

  it('wave: a standing wave at rest has energy c²k²/4 × (sin kh / kh)², the central-difference value, to 1e-5', async () => {
    const k = (2 * Math.PI * 2) / 2; // two wavelengths across [−1, 1]
    const { state: s, setup } = state('wave', 64, (x) => Math.cos(k * x));
    const m = pdeSpec('wave').measure(s, setup);
    const c = setup.coefficients.c![0]!;
    const kh = k * (2 / 64);
    const exact = ((c * c * k * k) / 4) * (Math.sin(kh) / kh) ** 2;
    expect(Math.abs((await m.data())[0]! / exact - 1)).toBeLessThan(1e-5);
    tf.dispose([s, m]);
  });

  it('every equation reports one value per measure and leaks nothing', () => {
    for (const id of ['heat', 'wave', 'ns', 'advection', 'burgers']) {
      const { state: s, setup } = state(
        id,
        16,
        (x, y) => Math.sin(Math.PI * x) + Math.cos(Math.PI * y),
      );
      const before = tf.memory().numTensors;
      const m = pdeSpec(id).measure(s, setup);
      expect(m.shape).toEqual([1, pdeSpec(id).measures.length]);
      m.dispose();
      expect(tf.memory().numTensors).toBe(before);
      s.dispose();
    }
  });
});
