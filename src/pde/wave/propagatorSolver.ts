/**
 * Damped wave equation u_tt = c²Δu − γu_t by its exact per-mode propagator: each Fourier
 * coefficient of (u, u_t) is a damped oscillator with ω0² = c²·σ(k), where σ is the symbol of −Δ.
 * With σ = |k|² this is the exact spectral solution; with the 5-point symbol it is the exact-in-time
 * solution of the finite-difference semi-discretisation (DINo's spatial operator).
 */
import * as tf from '@tensorflow/tfjs';
import { integerWavenumbers, type Grid } from '../grid';
import { addSpectra, createSpectral2D, scaleSpectrum, type Complex } from '../spectral';
import type { Solver } from '../types';
import { dampedOscillatorFlow } from './oscillator';

export interface WaveCoefficients {
  /** Wave speed per trajectory. */
  c: Float32Array;
  /** Damping rate per trajectory. */
  gamma: Float32Array;
}

/** |k|² in float64 and DFT order (entry [i·N + j]): the symbol of −Δ. */
export function fourierLaplacianSymbol(grid: Grid): Float64Array {
  const { n } = grid;
  const m = integerWavenumbers(n);
  const scale = ((2 * Math.PI) / grid.length) ** 2;
  const symbol = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) symbol[i * n + j] = scale * (m[i]! ** 2 + m[j]! ** 2);
  return symbol;
}

type FlowTensors = Record<'qq' | 'qp' | 'pq' | 'pp', tf.Tensor3D>;

/** `symbol` is the symbol of −Δ per mode, as from fourierLaplacianSymbol or laplacian5Symbol. */
export function createWavePropagatorSolver(
  grid: Grid,
  { c, gamma }: WaveCoefficients,
  symbol: Float64Array,
): Solver {
  const { n } = grid;
  const batch = c.length;
  const spectral = createSpectral2D(grid);
  let cached: { dt: number; flow: FlowTensors } | null = null;

  // The propagator's branches and limits are evaluated on the CPU in float64, once per Δt (the
  // driver jumps whole record intervals), which also avoids GPU sin/cos of large arguments.
  const flowFor = (dt: number): FlowTensors => {
    if (cached?.dt === dt) return cached.flow;
    const size = batch * n * n;
    const tables = {
      qq: new Float32Array(size),
      qp: new Float32Array(size),
      pq: new Float32Array(size),
      pp: new Float32Array(size),
    };
    for (let b = 0; b < batch; b++) {
      const c2 = c[b]! ** 2;
      const r = gamma[b]! / 2;
      for (let i = 0; i < n * n; i++) {
        const flow = dampedOscillatorFlow(c2 * symbol[i]!, r, dt);
        const at = b * n * n + i;
        tables.qq[at] = flow.qq;
        tables.qp[at] = flow.qp;
        tables.pq[at] = flow.pq;
        tables.pp[at] = flow.pp;
      }
    }
    disposeCache();
    const toTensor = (values: Float32Array) => tf.keep(tf.tensor3d(values, [batch, n, n]));
    const flow: FlowTensors = {
      qq: toTensor(tables.qq),
      qp: toTensor(tables.qp),
      pq: toTensor(tables.pq),
      pp: toTensor(tables.pp),
    };
    cached = { dt, flow };
    return flow;
  };

  const disposeCache = () => {
    if (cached) tf.dispose(Object.values(cached.flow));
    cached = null;
  };

  return {
    exact: true,
    stableDt: () => Promise.resolve(Infinity),
    advance: (state, dt) => {
      const flow = flowFor(dt);
      return tf.tidy(() => {
        // Both channels go through one transform as a batch of 2B fields: [u of all; u_t of all].
        const fields = state.transpose([3, 0, 1, 2]).reshape([2 * batch, n, n]) as tf.Tensor3D;
        const spectrum = spectral.forward(fields);
        const half = (part: tf.Tensor3D, k: 0 | 1) =>
          part.slice([k * batch, 0, 0], [batch, n, n]) as tf.Tensor3D;
        const q: Complex = { re: half(spectrum.re, 0), im: half(spectrum.im, 0) };
        const p: Complex = { re: half(spectrum.re, 1), im: half(spectrum.im, 1) };
        const q1 = addSpectra(scaleSpectrum(q, flow.qq), scaleSpectrum(p, flow.qp));
        const p1 = addSpectra(scaleSpectrum(q, flow.pq), scaleSpectrum(p, flow.pp));
        const out = spectral.inverse({
          re: tf.concat([q1.re, p1.re]),
          im: tf.concat([q1.im, p1.im]),
        });
        return out.reshape([2, batch, n, n]).transpose([1, 2, 3, 0]) as tf.Tensor4D;
      });
    },
    dispose: () => {
      disposeCache();
      spectral.dispose();
    },
  };
}
