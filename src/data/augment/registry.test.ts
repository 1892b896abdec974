import { describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { augmentBatch } from './batch';
import { mapTrajectory } from './gridMap';
import { applyAugmentation, availableAugmentations, randomAugmentation } from './registry';
import type { AugmentMeta } from './types';

const grid = { n: 8, length: 1, origin: 0 };
const fno: AugmentMeta = {
  grid,
  times: [0],
  coefficients: { nu: 1e-3 },
  options: { forcing: 'fno' },
};
const frame = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i));

describe('validation', () => {
  it('refuses maps that break the forcing, with the reason', () => {
    expect(() => applyAugmentation('ns', 'rot90', frame, fno)).toThrow(/f\(x − y\)/);
    expect(() => applyAugmentation('ns', 'shift', frame, fno, { ax: 0.3, ay: 0 })).toThrow(
      /ax \+ ay/,
    );
    expect(() => applyAugmentation('ns', 'roll', frame, fno, { ix: 2, iy: -2 })).not.toThrow();
  });

  it('checks shapes, ids, equations, coefficients and parameters', () => {
    expect(() => applyAugmentation('ns', 'rot180', frame.subarray(1), fno)).toThrow(/64/);
    expect(() => applyAugmentation('ns', 'spin', frame, fno)).toThrow(/Unknown augmentation/);
    expect(() => applyAugmentation('kdv', 'roll', frame, fno)).toThrow(/No augmentations/);
    expect(() => applyAugmentation('ns', 'rot180', frame, { ...fno, coefficients: {} })).toThrow(
      /"nu"/,
    );
    expect(() => applyAugmentation('ns', 'roll', frame, fno, { ix: 1.5, iy: -1.5 })).toThrow(
      /whole/,
    );
    expect(() => applyAugmentation('heat', 'amplitude', frame, fno)).toThrow(/"eps"/);
    expect(() =>
      applyAugmentation('ns', 'rot180', frame, { ...fno, options: { forcing: 'x' } }),
    ).toThrow(/Unknown Navier–Stokes forcing/);
  });
});

describe('sub-pixel shifts', () => {
  it('moves a band-limited mode exactly and leaves the Nyquist bin (or zeroes it)', () => {
    const n = 8;
    const shape = { frames: 1, n, channels: 1 };
    const field = (f: (x: number) => number) =>
      Float32Array.from({ length: n * n }, (_, i) => f(Math.floor(i / n)));
    const map = (data: Float32Array, nyquist: 'keep' | 'zero') =>
      mapTrajectory(data, shape, {
        gather: [1, 0, 0, 1],
        offset: () => [-0.3, 0],
        channelMatrix: [1],
        channelOffset: [0],
        nyquist,
      });
    const mode = (s: number) => field((i) => Math.cos((2 * Math.PI * 2 * (i - s)) / n));
    const moved = map(mode(0), 'keep');
    expect(Math.max(...moved.map((v, i) => Math.abs(v - mode(0.3)[i]!)))).toBeLessThan(1e-6);
    const nyquist = field((i) => (i % 2 === 0 ? 1 : -1));
    expect(map(nyquist, 'keep')).toEqual(nyquist);
    expect(Math.max(...map(nyquist, 'zero').map(Math.abs))).toBeLessThan(1e-6);
  });
});

describe('random draws', () => {
  it('only ever draw maps allowed for the forcing, reproducibly', () => {
    const allowed = availableAugmentations('ns', fno).map((a) => a.id);
    const rng = createRng(1);
    for (let i = 0; i < 100; i++) {
      const result = randomAugmentation('ns', rng, frame, fno);
      expect(allowed).toContain(result.id);
    }
    const a = randomAugmentation('burgers', createRng(4), new Float32Array(128), {
      grid,
      times: [0],
      coefficients: { nu: 0.01, cx: 1, cy: 0.5 },
    });
    const b = randomAugmentation('burgers', createRng(4), new Float32Array(128), {
      grid,
      times: [0],
      coefficients: { nu: 0.01, cx: 1, cy: 0.5 },
    });
    expect(a).toEqual(b);
  });

  it('augment a batch trajectory by trajectory, honouring include', () => {
    const data = Float32Array.from({ length: 2 * 2 * 64 }, (_, i) => Math.cos(i));
    const out = augmentBatch(
      'advection',
      createRng(2),
      {
        data,
        batch: 2,
        grid,
        times: [0, 0.1],
        coefficients: { ax: Float32Array.of(1, 2), ay: Float32Array.of(0.5, -1) },
      },
      { include: ['rot90'] },
    );
    expect(out.applied.map((a) => a.id)).toEqual(['rot90', 'rot90']);
    // a' = Gᵀa for the rot90 gather (x, y) → (y, −x): (ax, ay) → (−ay, ax).
    expect([...out.coefficients.ax!]).toEqual([-0.5, 1]);
    expect([...out.coefficients.ay!]).toEqual([1, 2]);
    expect(out.times).toEqual([
      [0, 0.1],
      [0, 0.1],
    ]);
  });
});
