/**
 * 2-D discrete Fourier transforms on the periodic grid, written as dense matmuls with
 * precomputed cos/sin matrices: exact, differentiable, and fast on every tfjs backend (tfjs's own
 * FFT is an O(N²) float32 loop per row on WebGPU, innermost axis only, with no gradient).
 *
 * Conventions match numpy: forward is unnormalised, û_k = Σ u_x e^{−ik·x}; inverse divides by N².
 * Fields are [B, N, N] with axis 1 = x and axis 2 = y.
 */
import * as tf from '@tensorflow/tfjs';
import { integerWavenumbers, type Grid } from './grid';

export interface Complex {
  re: tf.Tensor3D;
  im: tf.Tensor3D;
}

export interface Spectral2D {
  readonly grid: Grid;
  /** Angular wavenumbers 2πm/L along x (varying with axis 1) and y (axis 2), shape [N, N]. */
  readonly kx: tf.Tensor2D;
  readonly ky: tf.Tensor2D;
  /** |k|², shape [N, N]. */
  readonly k2: tf.Tensor2D;
  /** 1 where both integer wavenumbers satisfy |m| ≤ N/3 (the 2/3 rule), else 0; shape [N, N]. */
  readonly dealias: tf.Tensor2D;
  forward(u: tf.Tensor3D): Complex;
  inverse(u: Complex): tf.Tensor3D;
  dispose(): void;
}

/** Creates the transform and wavenumber tables for one grid. Dispose it when done. */
export function createSpectral2D(grid: Grid): Spectral2D {
  const { n, length } = grid;
  const [cos, sin] = dftMatrices(n);
  const m = integerWavenumbers(n);
  const scale = (2 * Math.PI) / length;
  const kxData = new Float32Array(n * n);
  const kyData = new Float32Array(n * n);
  const maskData = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      kxData[i * n + j] = scale * m[i]!;
      kyData[i * n + j] = scale * m[j]!;
      maskData[i * n + j] = Math.abs(m[i]!) <= n / 3 && Math.abs(m[j]!) <= n / 3 ? 1 : 0;
    }
  }
  const kx = tf.tensor2d(kxData, [n, n]);
  const ky = tf.tensor2d(kyData, [n, n]);
  const k2 = tf.tidy(() => kx.square().add(ky.square()) as tf.Tensor2D);
  const dealias = tf.tensor2d(maskData, [n, n]);

  /** Multiplies along axis 2 by (C ∓ iS): sign −1 forward, +1 inverse. */
  const alongY = (re: tf.Tensor3D, im: tf.Tensor3D | null, sign: 1 | -1): Complex => {
    const [b] = re.shape;
    const flat = (t: tf.Tensor3D) => t.reshape([b * n, n]) as tf.Tensor2D;
    const back = (t: tf.Tensor) => t.reshape([b, n, n]) as tf.Tensor3D;
    const reC = tf.matMul(flat(re), cos);
    const reS = tf.matMul(flat(re), sin);
    if (!im) return { re: back(reC), im: back(reS.mul(sign)) };
    const imC = tf.matMul(flat(im), cos);
    const imS = tf.matMul(flat(im), sin);
    return { re: back(reC.sub(imS.mul(sign))), im: back(imC.add(reS.mul(sign))) };
  };
  const alongX = (c: Complex, sign: 1 | -1): Complex => {
    const swap = (t: tf.Tensor3D) => t.transpose([0, 2, 1]) as tf.Tensor3D;
    const out = alongY(swap(c.re), swap(c.im), sign);
    return { re: swap(out.re), im: swap(out.im) };
  };

  return {
    grid,
    kx,
    ky,
    k2,
    dealias,
    forward: (u) =>
      tf.tidy(() => {
        const { re, im } = alongX(alongY(u, null, -1), -1);
        return { re, im };
      }),
    inverse: (u) =>
      tf.tidy(() => {
        const out = alongY(u.re, u.im, 1);
        // Only the real part is wanted: the last pass skips the imaginary output.
        const swap = (t: tf.Tensor3D) => t.transpose([0, 2, 1]) as tf.Tensor3D;
        const [b] = u.re.shape;
        const reT = swap(out.re).reshape([b * n, n]) as tf.Tensor2D;
        const imT = swap(out.im).reshape([b * n, n]) as tf.Tensor2D;
        const real = tf.matMul(reT, cos).sub(tf.matMul(imT, sin));
        return swap(real.reshape([b, n, n]) as tf.Tensor3D).div(n * n) as tf.Tensor3D;
      }),
    dispose: () => tf.dispose([cos, sin, kx, ky, k2, dealias]),
  };
}

/** cos(2πjk/N) and sin(2πjk/N), computed in float64 with jk reduced mod N for accuracy. */
function dftMatrices(n: number): [tf.Tensor2D, tf.Tensor2D] {
  const cos = new Float32Array(n * n);
  const sin = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      const angle = (2 * Math.PI * ((j * k) % n)) / n;
      cos[j * n + k] = Math.cos(angle);
      sin[j * n + k] = Math.sin(angle);
    }
  }
  return [tf.tensor2d(cos, [n, n]), tf.tensor2d(sin, [n, n])];
}

/** Complex helpers on spectra (all shapes broadcast like tfjs ops). */
export function complexMul(a: Complex, b: Complex): Complex {
  return {
    re: a.re.mul(b.re).sub(a.im.mul(b.im)) as tf.Tensor3D,
    im: a.re.mul(b.im).add(a.im.mul(b.re)) as tf.Tensor3D,
  };
}

/** Multiplies a spectrum by a real factor (a multiplier such as e^{−ν|k|²t}). */
export function scaleSpectrum(a: Complex, factor: tf.Tensor): Complex {
  return { re: a.re.mul(factor) as tf.Tensor3D, im: a.im.mul(factor) as tf.Tensor3D };
}

/** Multiplies a spectrum by i·k (a derivative along the axis of k). */
export function derivative(a: Complex, k: tf.Tensor): Complex {
  return { re: a.im.mul(k).neg() as tf.Tensor3D, im: a.re.mul(k) as tf.Tensor3D };
}

export function addSpectra(a: Complex, b: Complex): Complex {
  return { re: a.re.add(b.re) as tf.Tensor3D, im: a.im.add(b.im) as tf.Tensor3D };
}

export function disposeSpectrum(a: Complex): void {
  tf.dispose([a.re, a.im]);
}
