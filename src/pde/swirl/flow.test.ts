import { describe, expect, it } from 'vitest';
import { gridPoints, integerWavenumbers, type Grid } from '../grid';
import {
  cellsPerFrame,
  flowDisplacement,
  MAX_FLOW_SEED,
  PEAK_SAMPLING,
  sampleVelocity,
  streamFunctionAt,
  swirlFlow,
  swirlVelocityField,
  traceCharacteristic,
  velocityAt,
} from './flow';

const unit: Grid = { n: 64, length: 1, origin: 0 };
const params = { speed: 0.5, modes: 3, flowSeed: 12345 };

/** Unnormalised 2-D DFT in float64 (direct, separable): re and im, x-major. */
function dft2(field: ArrayLike<number>, n: number): { re: Float64Array; im: Float64Array } {
  const cos = Float64Array.from({ length: n }, (_, r) => Math.cos((2 * Math.PI * r) / n));
  const sin = Float64Array.from({ length: n }, (_, r) => Math.sin((2 * Math.PI * r) / n));
  // along y, then along x
  const re1 = new Float64Array(n * n);
  const im1 = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      let a = 0;
      let b = 0;
      for (let j = 0; j < n; j++) {
        const r = (j * k) % n;
        a += field[i * n + j]! * cos[r]!;
        b -= field[i * n + j]! * sin[r]!;
      }
      re1[i * n + k] = a;
      im1[i * n + k] = b;
    }
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let l = 0; l < n; l++)
    for (let k = 0; k < n; k++) {
      let a = 0;
      let b = 0;
      for (let i = 0; i < n; i++) {
        const r = (i * l) % n;
        const x = re1[i * n + k]!;
        const y = im1[i * n + k]!;
        a += x * cos[r]! + y * sin[r]!;
        b += y * cos[r]! - x * sin[r]!;
      }
      re[l * n + k] = a;
      im[l * n + k] = b;
    }
  return { re, im };
}

/** max |k_x û + k_y v̂| (the spectral divergence, up to i) relative to max |k||û, v̂|. */
function spectralDivergence(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  grid: Grid,
): { relative: number; active: number } {
  const { n } = grid;
  const m = integerWavenumbers(n);
  const U = dft2(u, n);
  const V = dft2(v, n);
  let worst = 0;
  let scale = 0;
  let active = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const p = i * n + j;
      const kx = (2 * Math.PI * m[i]!) / grid.length;
      const ky = (2 * Math.PI * m[j]!) / grid.length;
      const divRe = kx * U.re[p]! + ky * V.re[p]!;
      const divIm = kx * U.im[p]! + ky * V.im[p]!;
      worst = Math.max(worst, Math.hypot(divRe, divIm));
      const size = Math.hypot(kx, ky) * Math.hypot(U.re[p]!, U.im[p]!, V.re[p]!, V.im[p]!);
      scale = Math.max(scale, size);
      if (size > 1e-9 * n * n) active++;
    }
  return { relative: worst / scale, active };
}

describe('swirl flow', () => {
  it('is a pure function of (speed, modes, flowSeed): same seed, same flow; another seed, another', () => {
    const a = swirlVelocityField(params, unit);
    expect(swirlVelocityField({ ...params }, unit)).toEqual(a);
    const b = swirlVelocityField({ ...params, flowSeed: 12346 }, unit);
    let differ = 0;
    for (let p = 0; p < a.u.length; p++) differ = Math.max(differ, Math.abs(a.u[p]! - b.u[p]!));
    expect(differ).toBeGreaterThan(0.05);
    // The speed only scales it.
    const faster = swirlVelocityField({ ...params, speed: 1 }, unit);
    for (let p = 0; p < a.u.length; p += 97) expect(faster.v[p]).toBeCloseTo(2 * a.v[p]!, 6);
  });

  it('is the same continuous field on every grid: n = 32 samples n = 64 at every other point', () => {
    const fine = swirlVelocityField(params, unit);
    const coarse = swirlVelocityField(params, { ...unit, n: 32 });
    for (let i = 0; i < 32; i++)
      for (let j = 0; j < 32; j++) {
        expect(coarse.u[i * 32 + j]).toBe(fine.u[2 * i * 64 + 2 * j]);
        expect(coarse.v[i * 32 + j]).toBe(fine.v[2 * i * 64 + 2 * j]);
      }
    // and on a shifted box of another size it is the same picture, in that box's units
    const box: Grid = { n: 32, length: 2, origin: -1 };
    const moved = swirlVelocityField(params, box);
    expect(moved).toEqual(coarse);
  });

  it('has the requested peak speed (on the 128² sampling; the true maximum is within 1%)', () => {
    for (const modes of [1, 2, 3, 4]) {
      for (const flowSeed of [0, 7, MAX_FLOW_SEED]) {
        const flow = swirlFlow({ speed: 0.8, modes, flowSeed });
        const sampled = sampleVelocity(flow, { n: PEAK_SAMPLING, length: 1, origin: 0 });
        const fine = sampleVelocity(flow, { n: 512, length: 1, origin: 0 });
        const peak = (f: typeof sampled) =>
          f.u.reduce((best, u, p) => Math.max(best, Math.hypot(u, f.v[p]!)), 0);
        expect(peak(sampled)).toBeCloseTo(0.8, 12);
        expect(peak(fine)).toBeGreaterThanOrEqual(0.8 - 1e-12);
        expect(peak(fine)).toBeLessThan(0.8 * 1.01);
      }
    }
  });

  it('is divergence-free to round-off: spectral divergence ≤ 1e-13 (float64), ≤ 3e-7 (float32)', () => {
    for (const modes of [1, 2, 4]) {
      const grid: Grid = { n: 32, length: 1, origin: 0 };
      const flow = swirlFlow({ ...params, modes });
      const exact = sampleVelocity(flow, grid);
      const f64 = spectralDivergence(exact.u, exact.v, grid);
      const single = swirlVelocityField({ ...params, modes }, grid);
      const f32 = spectralDivergence(single.u, single.v, grid);
      console.info(
        `swirl K=${modes} spectral divergence: float64 ${f64.relative}, float32 ${f32.relative}`,
      );
      // The field really has modes (the test could fail): 2 per ±m pair and component at least.
      expect(f64.active).toBeGreaterThanOrEqual(4);
      expect(f64.relative).toBeLessThan(1e-13);
      expect(f32.relative).toBeLessThan(3e-7);
    }
  });

  it('is the perpendicular gradient of ψ: a = (∂ψ/∂y, −∂ψ/∂x) by central differences (1e-7)', () => {
    const flow = swirlFlow(params);
    const box = { length: 2, origin: -1 };
    const h = 1e-5;
    for (const [x, y] of [
      [0.1, 0.2],
      [-0.7, 0.9],
      [0.33, -0.51],
    ] as const) {
      const [u, v] = velocityAt(flow, box, x, y);
      const dPsiDy =
        (streamFunctionAt(flow, box, x, y + h) - streamFunctionAt(flow, box, x, y - h)) / (2 * h);
      const dPsiDx =
        (streamFunctionAt(flow, box, x + h, y) - streamFunctionAt(flow, box, x - h, y)) / (2 * h);
      expect(Math.abs(u - dPsiDy)).toBeLessThan(1e-7);
      expect(Math.abs(v + dPsiDx)).toBeLessThan(1e-7);
    }
  });

  it('converts to grid cells per frame, and the traced displacement agrees to first order', () => {
    const grid: Grid = { n: 64, length: 1, origin: 0 };
    const velocity = swirlVelocityField(params, grid);
    const interval = 0.02;
    const cells = cellsPerFrame(velocity, grid, interval);
    expect(cells.u[100]).toBeCloseTo(velocity.u[100]! * interval * 64, 5);
    // The exact displacement over one frame differs from a·Δt by O(Δt²·|a||∇a|) only.
    const moved = flowDisplacement(params, grid, interval);
    let worst = 0;
    let largest = 0;
    for (let p = 0; p < cells.u.length; p++) {
      worst = Math.max(
        worst,
        Math.abs(moved.u[p]! - cells.u[p]!),
        Math.abs(moved.v[p]! - cells.v[p]!),
      );
      largest = Math.max(largest, Math.abs(cells.u[p]!));
    }
    expect(largest).toBeGreaterThan(0.3);
    expect(worst).toBeLessThan(0.05 * largest);
    // Tracing forward then back returns to the start.
    const flow = swirlFlow(params);
    const xs = gridPoints(grid);
    const [x, y] = traceCharacteristic(flow, grid, xs[5]!, xs[40]!, 0.3, 60);
    const [bx, by] = traceCharacteristic(flow, grid, x, y, -0.3, 60);
    expect(Math.hypot(bx - xs[5]!, by - xs[40]!)).toBeLessThan(1e-9);
  });

  it('refuses a seed or wavenumber that is not a whole number in range', () => {
    expect(() => swirlFlow({ ...params, flowSeed: 1.5 })).toThrow(/flow seed/);
    expect(() => swirlFlow({ ...params, flowSeed: MAX_FLOW_SEED + 1 })).toThrow(/flow seed/);
    expect(() => swirlFlow({ ...params, modes: 0 })).toThrow(/wavenumber/);
    expect(() => swirlFlow({ ...params, speed: -1 })).toThrow(/speed/);
    const still = swirlVelocityField({ ...params, speed: 0 }, { n: 8, length: 1, origin: 0 });
    expect(still.u.every((u) => u === 0)).toBe(true);
  });
});
