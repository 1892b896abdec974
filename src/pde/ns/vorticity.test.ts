import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { createSpectral2D, derivative } from '../spectral';
import { createNavierStokesSolver } from './solver';
import { relativeL2, run, sampleField, smoothRandomField, stateTensor } from './testing';
import { energyAndEnstrophy, velocityFromVorticity } from './vorticity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TWO_PI = 2 * Math.PI;

/** Splits [B, N, N, 2] values into per-channel arrays of trajectory b. */
function channel(values: Float32Array, grid: Grid, b: number, c: number): Float32Array {
  const n2 = grid.n * grid.n;
  return Float32Array.from({ length: n2 }, (_, p) => values[(b * n2 + p) * 2 + c]!);
}

describe('velocity from vorticity', () => {
  it('matches u = (ψ_y, −ψ_x) with −Δψ = ω for one Fourier mode (tolerance 1e-5 relative)', async () => {
    const grid: Grid = { n: 32, length: 1, origin: 0 };
    const [m, n, phase] = [2, -3, 0.4];
    const k2 = TWO_PI ** 2 * (m * m + n * n);
    const theta = (x: number, y: number) => TWO_PI * (m * x + n * y) + phase;
    const omega = stateTensor(grid, [[sampleField(grid, (x, y) => Math.cos(theta(x, y)))]]);
    const spectral = createSpectral2D(grid);
    const velocity = velocityFromVorticity(omega, spectral);
    expect(velocity.shape).toEqual([1, grid.n, grid.n, 2]);
    const values = (await velocity.data()) as Float32Array;
    // ψ = cos θ/K², so ψ_y = −(2πn/K²) sin θ and −ψ_x = (2πm/K²) sin θ.
    const u = sampleField(grid, (x, y) => ((-TWO_PI * n) / k2) * Math.sin(theta(x, y)));
    const v = sampleField(grid, (x, y) => ((TWO_PI * m) / k2) * Math.sin(theta(x, y)));
    expect(relativeL2(channel(values, grid, 0, 0), u)).toBeLessThan(1e-5);
    expect(relativeL2(channel(values, grid, 0, 1), v)).toBeLessThan(1e-5);
    tf.dispose([omega, velocity]);
    spectral.dispose();
  });

  it('is divergence-free: spectral ∂x u + ∂y v below 1e-5 of max|ω| (N = 64)', async () => {
    const grid: Grid = { n: 64, length: 1, origin: 0 };
    const spectral = createSpectral2D(grid);
    const omega = stateTensor(grid, [
      [smoothRandomField(grid, 3, { maxMode: 12, decay: 1 })],
      [smoothRandomField(grid, 4, { maxMode: 20, decay: 0.5 })],
    ]);
    const [divergence, vorticityScale] = tf.tidy(() => {
      const velocity = velocityFromVorticity(omega, spectral);
      const [u, v] = tf.unstack(velocity, 3) as [tf.Tensor3D, tf.Tensor3D];
      const div = spectral
        .inverse(derivative(spectral.forward(u), spectral.kx))
        .add(spectral.inverse(derivative(spectral.forward(v), spectral.ky)));
      return [div.abs().max(), omega.abs().max()];
    });
    const ratio = (await divergence!.data())[0]! / (await vorticityScale!.data())[0]!;
    console.log(`divergence of the spectral velocity: ${ratio.toExponential(2)} × max|ω|`);
    expect(ratio).toBeLessThan(1e-5);
    tf.dispose([omega, divergence!, vorticityScale!]);
    spectral.dispose();
  });
});

describe('energy and enstrophy', () => {
  it('give E = A²/(64π²) and Z = A²/8 for A cos 2πx cos 2πy, per trajectory (tolerance 1e-5)', async () => {
    const grid: Grid = { n: 32, length: 1, origin: 0 };
    const spectral = createSpectral2D(grid);
    const amplitudes = [1, 3];
    const omega = stateTensor(
      grid,
      amplitudes.map((a) => [
        sampleField(grid, (x, y) => a * Math.cos(TWO_PI * x) * Math.cos(TWO_PI * y)),
      ]),
    );
    const { energy, enstrophy } = energyAndEnstrophy(omega, spectral);
    const [e, z] = [await energy.data(), await enstrophy.data()];
    amplitudes.forEach((a, b) => {
      expect(Math.abs(e[b]! / ((a * a) / (64 * Math.PI ** 2)) - 1)).toBeLessThan(1e-5);
      expect(Math.abs(z[b]! / ((a * a) / 8) - 1)).toBeLessThan(1e-5);
    });
    tf.dispose([omega, energy, enstrophy]);
    spectral.dispose();
  });

  it('satisfy the unforced energy budget dE/dt = −2νZ along an ifrk4 run (tolerance 1e-3 relative)', async () => {
    const grid: Grid = { n: 32, length: 1, origin: 0 };
    const nu = 1e-2;
    const h = 0.01;
    const spectral = createSpectral2D(grid);
    const solver = createNavierStokesSolver({
      grid,
      scheme: 'ifrk4',
      batch: 1,
      coefficients: { nu: Float32Array.of(nu) },
      options: { forcing: 'none' },
    });
    const before = stateTensor(grid, [[smoothRandomField(grid, 11, { maxMode: 4, rms: 2 })]]);
    const middle = run(solver, before, h, 1);
    const after = run(solver, middle, h, 1);
    const invariants = [before, middle, after].map((w) => energyAndEnstrophy(w, spectral));
    const energies = await Promise.all(invariants.map((i) => i.energy.data()));
    const dEdt = (energies[2]![0]! - energies[0]![0]!) / (2 * h);
    const dissipation = -2 * nu * (await invariants[1]!.enstrophy.data())[0]!;
    console.log(
      `energy budget: dE/dt = ${dEdt.toExponential(4)}, −2νZ = ${dissipation.toExponential(4)}`,
    );
    expect(Math.abs(dEdt / dissipation - 1)).toBeLessThan(1e-3);
    tf.dispose([before, middle, after, ...invariants.flatMap((i) => [i.energy, i.enstrophy])]);
    solver.dispose();
    spectral.dispose();
  });
});
