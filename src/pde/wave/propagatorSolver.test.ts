import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridSpacing, type Grid } from '../grid';
import {
  relativeL2,
  sampleModes,
  trajectoryChannel,
  wavenumberSquared,
  type CosineMode,
} from '../testing/fields';
import { createSpectral2D, derivative } from '../spectral';
import { laplacian5Symbol } from '../stencils';
import { createWavePropagatorSolver, fourierLaplacianSymbol } from './propagatorSolver';
import { run, waveState } from './testState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid: Grid = { n: 64, length: 2, origin: -1 };
const n = grid.n;
const zeros = () => new Float64Array(n * n);

/**
 * Damped standing wave with u_t(0) = 0: u = e^{−rt}(cos ω_d t + (r/ω_d) sin ω_d t)·cos(k·x) and
 * u_t = −e^{−rt}(ω0²/ω_d) sin(ω_d t)·cos(k·x), r = γ/2, ω_d² = ω0² − r² (cosh/sinh when negative).
 */
function standingWaveGains(omega0: number, gamma: number, t: number): [number, number] {
  const r = gamma / 2;
  const wdSq = omega0 ** 2 - r * r;
  const w = Math.sqrt(Math.abs(wdSq));
  const [cosine, sineOverW] =
    wdSq > 0 ? [Math.cos(w * t), Math.sin(w * t) / w] : [Math.cosh(w * t), Math.sinh(w * t) / w];
  const decay = Math.exp(-r * t);
  return [decay * (cosine + r * sineOverW), -decay * omega0 ** 2 * sineOverW];
}

describe('wave, spectral propagator', () => {
  const mode: CosineMode = { amplitude: 1, mx: 2, my: -1, phase: 0.4 };
  const k = Math.sqrt(wavenumberSquared(grid, mode));

  it('gives the damped standing wave, under-, critically and overdamped (rel. L2 ≤ 1e-5)', async () => {
    // ω0 = c|k| ≈ 0.70: γ = 0 and 0.5 oscillate, γ = 2ω0 is critical, γ = 2 is overdamped.
    const c = Float32Array.of(0.1, 0.1, 0.1, 0.1, 0.3);
    const gamma = Float32Array.of(0, 0.5, 2 * 0.1 * k, 2, 0.2);
    const solver = createWavePropagatorSolver(grid, { c, gamma }, fourierLaplacianSymbol(grid));
    const u0 = sampleModes(grid, [mode]);
    const initial = waveState(
      grid,
      Array.from(c, () => [u0, zeros()]),
    );
    let worst = 0;
    for (const t of [0.25, 1, 2.5, 5]) {
      const state = solver.advance(initial, t);
      const data = await state.data();
      for (let b = 0; b < c.length; b++) {
        const [gainU, gainV] = standingWaveGains(c[b]! * k, gamma[b]!, t);
        const u = trajectoryChannel(data, b, n, 2, 0);
        const v = trajectoryChannel(data, b, n, 2, 1);
        worst = Math.max(
          worst,
          relativeL2(
            u,
            sampleModes(grid, [mode], () => gainU),
          ),
        );
        if (gainV !== 0) {
          worst = Math.max(
            worst,
            relativeL2(
              v,
              sampleModes(grid, [mode], () => gainV),
            ),
          );
        }
      }
      state.dispose();
    }
    console.info('wave standing-wave worst rel. L2', worst);
    expect(worst).toBeLessThan(1e-5);
    initial.dispose();
    solver.dispose();
  });

  it('carries an initial velocity: a travelling wave cos(k·x − c|k|t) (rel. L2 ≤ 1e-5)', async () => {
    const c = Float32Array.of(0.5);
    const solver = createWavePropagatorSolver(
      grid,
      { c, gamma: Float32Array.of(0) },
      fourierLaplacianSymbol(grid),
    );
    const omega = c[0]! * k;
    const shifted = (t: number, extraPhase = 0) =>
      sampleModes(grid, [{ ...mode, phase: mode.phase - omega * t + extraPhase }]);
    // u_t = ω sin(k·x − ωt + φ) = ω cos(k·x − ωt + φ − π/2)
    const velocity = (t: number) => shifted(t, -Math.PI / 2).map((v) => omega * v);
    const initial = waveState(grid, [[shifted(0), velocity(0)]]);
    const t = 3.7;
    const state = solver.advance(initial, t);
    const data = await state.data();
    expect(relativeL2(trajectoryChannel(data, 0, n, 2, 0), shifted(t))).toBeLessThan(1e-5);
    expect(relativeL2(trajectoryChannel(data, 0, n, 2, 1), velocity(t))).toBeLessThan(1e-5);
    tf.dispose([initial, state]);
    solver.dispose();
  });

  it('conserves the energy ½∫(u_t² + c²|∇u|²) when γ = 0 and loses it when γ > 0', async () => {
    const c = Float32Array.of(0.5, 0.5);
    const gamma = Float32Array.of(0, 0.3);
    const solver = createWavePropagatorSolver(grid, { c, gamma }, fourierLaplacianSymbol(grid));
    const modes: CosineMode[] = [
      { amplitude: 1, mx: 1, my: 0, phase: 0 },
      { amplitude: 0.6, mx: 3, my: -2, phase: 1 },
      { amplitude: 0.3, mx: -7, my: 5, phase: 2.5 },
    ];
    const u0 = sampleModes(grid, modes);
    const v0 = sampleModes(grid, modes.slice(1), () => 2);
    const energy = energyMeter(grid, c);
    let state = waveState(grid, [
      [u0, v0],
      [u0, v0],
    ]);
    const e0 = await energy(state);
    let worstDrift = 0;
    let previousDamped = e0[1]!;
    for (let s = 0; s < 20; s++) {
      const next = solver.advance(state, 0.5);
      state.dispose();
      state = next;
      const e = await energy(state);
      worstDrift = Math.max(worstDrift, Math.abs(e[0]! / e0[0]! - 1));
      expect(e[1]!).toBeLessThan(previousDamped);
      previousDamped = e[1]!;
    }
    const far = solver.advance(state, 1000);
    const eFar = await energy(far);
    worstDrift = Math.max(worstDrift, Math.abs(eFar[0]! / e0[0]! - 1));
    console.info('wave spectral energy drift (γ = 0)', worstDrift);
    expect(worstDrift).toBeLessThan(1e-5);
    tf.dispose([state, far]);
    solver.dispose();
  });

  it('with the 5-point symbol, gives the semi-discrete standing wave cos(ω_h t) (rel. L2 ≤ 1e-5)', async () => {
    const c = Float32Array.of(1);
    const symbol = laplacian5Symbol(grid);
    const solver = createWavePropagatorSolver(grid, { c, gamma: Float32Array.of(0) }, symbol);
    const fine: CosineMode = { amplitude: 1, mx: 12, my: 9, phase: 0 };
    const h = gridSpacing(grid);
    const sigma = (m: number) => (4 / (h * h)) * Math.sin((Math.PI * m) / n) ** 2;
    const omegaH = Math.sqrt(sigma(fine.mx) + sigma(fine.my));
    const initial = waveState(grid, [[sampleModes(grid, [fine]), zeros()]]);
    const t = 0.8;
    const state = solver.advance(initial, t);
    const u = trajectoryChannel(await state.data(), 0, n, 2, 0);
    expect(
      relativeL2(
        u,
        sampleModes(grid, [fine], () => Math.cos(omegaH * t)),
      ),
    ).toBeLessThan(1e-5);
    // …which is measurably not the continuous answer for this fine mode
    const continuous = sampleModes(grid, [fine], () => Math.cos(Math.hypot(12, 9) * Math.PI * t));
    expect(relativeL2(u, continuous)).toBeGreaterThan(0.1);
    tf.dispose([initial, state]);
    solver.dispose();
  });

  it('leaks no tensors over many steps, reuses its tables for a repeated Δt, and frees all on dispose', () => {
    const before = tf.memory().numTensors;
    const coefficients = { c: Float32Array.of(0.2, 1), gamma: Float32Array.of(0, 1) };
    const solver = createWavePropagatorSolver(grid, coefficients, fourierLaplacianSymbol(grid));
    const initial = waveState(grid, [
      [sampleModes(grid, [mode]), zeros()],
      [zeros(), sampleModes(grid, [mode])],
    ]);
    tf.dispose(solver.advance(initial, 0.25));
    const warm = tf.memory().numTensors;
    tf.dispose(run(solver.advance, initial, 0.25, 20));
    tf.dispose(tf.tidy(() => solver.advance(initial, 0.1)));
    tf.dispose(solver.advance(initial, 0.25));
    expect(tf.memory().numTensors).toBe(warm);
    initial.dispose();
    solver.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** Energy per trajectory, ½h²Σ(u_t² + c²|∇u|²), with the gradient taken spectrally. */
function energyMeter(g: Grid, c: Float32Array) {
  const h = gridSpacing(g);
  return async (state: tf.Tensor4D): Promise<number[]> => {
    const spectral = createSpectral2D(g);
    const [b] = state.shape;
    const [ux, uy, v] = tf.tidy(() => {
      const u = state.slice([0, 0, 0, 0], [b, n, n, 1]).reshape([b, n, n]) as tf.Tensor3D;
      const s = spectral.forward(u);
      return [
        spectral.inverse(derivative(s, spectral.kx)),
        spectral.inverse(derivative(s, spectral.ky)),
        state.slice([0, 0, 0, 1], [b, n, n, 1]),
      ];
    });
    const [uxData, uyData, vData] = await Promise.all([ux!.data(), uy!.data(), v!.data()]);
    tf.dispose([ux!, uy!, v!]);
    spectral.dispose();
    return Array.from({ length: b }, (_, traj) => {
      let sum = 0;
      for (let i = traj * n * n; i < (traj + 1) * n * n; i++) {
        sum += vData[i]! ** 2 + c[traj]! ** 2 * (uxData[i]! ** 2 + uyData[i]! ** 2);
      }
      return 0.5 * h * h * sum;
    });
  };
}
