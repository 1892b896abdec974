/**
 * The one primitive every augmentation is built from, applied frame by frame to a trajectory
 * [T, N, N, C] (axis 1 = x, axis 2 = y, as in pde/grid.ts):
 *
 *   out_t[p] = M · in_t[G p + d_t] + b
 *
 * with G a D4 matrix acting on grid indices (mod N), d_t a per-frame offset in grid points (any
 * real number), M a C×C channel matrix and b a per-channel constant.
 *
 * The offset is split into its nearest integer (an exact periodic roll) and a remainder in
 * [−½, ½] applied as a Fourier phase, exact for band-limited data. The Nyquist bin cannot carry a
 * sub-pixel phase and stays real: 'keep' leaves it unshifted (as MAE-PDE and LPSDA do), 'zero'
 * removes it. Either way it only matters when the remainder is non-zero.
 */
import { dft1d } from './fft';

/** D4 matrix [g00, g01, g10, g11]: (Gp)_x = g00·p_x + g01·p_y, (Gp)_y = g10·p_x + g11·p_y. */
export type D4Matrix = readonly [number, number, number, number];

export type NyquistMode = 'keep' | 'zero';

export interface TrajectoryShape {
  frames: number;
  n: number;
  channels: number;
}

export interface GridMap {
  gather: D4Matrix;
  /** d_t in grid points, for frame t. */
  offset(frame: number): readonly [number, number];
  /** Row-major C×C. */
  channelMatrix: readonly number[];
  channelOffset: readonly number[];
  nyquist: NyquistMode;
}

export const IDENTITY: D4Matrix = [1, 0, 0, 1];

/** Fractional parts below this (in grid points) count as whole-pixel shifts. */
const INTEGER_TOLERANCE = 1e-9;

export function mapTrajectory(
  data: Float32Array,
  shape: TrajectoryShape,
  map: GridMap,
): Float32Array {
  const { frames, n, channels } = shape;
  const frameSize = n * n * channels;
  if (data.length !== frames * frameSize) {
    throw new Error(
      `Trajectory has ${data.length} values, expected ${frames}·${n}·${n}·${channels} = ${frames * frameSize}.`,
    );
  }
  const [g00, g01, g10, g11] = map.gather;
  const out = new Float32Array(data.length);
  const work = new Float64Array(frameSize);
  for (let t = 0; t < frames; t++) {
    const base = t * frameSize;
    for (let i = 0; i < frameSize; i++) work[i] = data[base + i]!;
    const [dx, dy] = map.offset(t);
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) {
      throw new Error(`Shift of frame ${t} is not finite (${dx}, ${dy}).`);
    }
    const mx = Math.round(dx);
    const my = Math.round(dy);
    fractionalShift(work, n, channels, 0, dx - mx, map.nyquist);
    fractionalShift(work, n, channels, 1, dy - my, map.nyquist);
    for (let px = 0; px < n; px++) {
      for (let py = 0; py < n; py++) {
        const qx = mod(g00 * px + g01 * py + mx, n);
        const qy = mod(g10 * px + g11 * py + my, n);
        const src = (qx * n + qy) * channels;
        const dst = base + (px * n + py) * channels;
        for (let c = 0; c < channels; c++) {
          let value = map.channelOffset[c] ?? 0;
          for (let k = 0; k < channels; k++) {
            value += map.channelMatrix[c * channels + k]! * work[src + k]!;
          }
          out[dst + c] = value;
        }
      }
    }
  }
  return out;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** work[q] ← work[q + f] along one axis (0 = x, 1 = y) by a Fourier phase. */
function fractionalShift(
  work: Float64Array,
  n: number,
  channels: number,
  axis: 0 | 1,
  f: number,
  nyquist: NyquistMode,
): void {
  if (Math.abs(f) < INTEGER_TOLERANCE) return;
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const m = j < n / 2 ? j : j - n;
    const angle = (2 * Math.PI * m * f) / n;
    cos[j] = Math.cos(angle);
    sin[j] = Math.sin(angle);
  }
  const nyquistBin = n % 2 === 0 ? n / 2 : -1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const stride = axis === 0 ? n * channels : channels;
  const lineStride = axis === 0 ? channels : n * channels;
  for (let line = 0; line < n; line++) {
    for (let c = 0; c < channels; c++) {
      const start = line * lineStride + c;
      for (let j = 0; j < n; j++) {
        re[j] = work[start + j * stride]!;
        im[j] = 0;
      }
      dft1d(re, im, false);
      for (let j = 0; j < n; j++) {
        if (j === nyquistBin) {
          if (nyquist === 'zero') re[j] = im[j] = 0;
          continue;
        }
        const r = re[j]!;
        const i = im[j]!;
        re[j] = r * cos[j]! - i * sin[j]!;
        im[j] = r * sin[j]! + i * cos[j]!;
      }
      dft1d(re, im, true);
      for (let j = 0; j < n; j++) work[start + j * stride] = re[j]!;
    }
  }
}
