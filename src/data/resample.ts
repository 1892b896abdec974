/**
 * Periodic Fourier resampling of square frames [F, n, n, C] to [F, m, m, C] (as
 * scipy.signal.resample, one axis after the other): modes the two grids share are kept, the
 * finer grid's extra modes are dropped or zero. Exact for fields band-limited below both grids'
 * Nyquist frequency.
 */
import { dft1d } from './augment/fft';

/** The spectrum of a line of length n (re, im) mapped to that of length m ≠ n. */
function resampleSpectrum(
  re: Float64Array,
  im: Float64Array,
  m: number,
): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(m);
  const outIm = new Float64Array(m);
  const shared = Math.min(n, m);
  const scale = m / n;
  // Signed frequencies strictly inside the shared band.
  const top = Math.ceil(shared / 2) - 1;
  for (let f = -top; f <= top; f++) {
    const from = (f + n) % n;
    const to = (f + m) % m;
    outRe[to] = re[from]! * scale;
    outIm[to] = im[from]! * scale;
  }
  if (shared % 2 === 0) {
    const k = shared / 2;
    if (m < n) {
      // The coarse grid's Nyquist bin takes both ±k of the fine one (they alias onto it).
      outRe[k] = (re[k]! + re[n - k]!) * scale;
      outIm[k] = (im[k]! + im[n - k]!) * scale;
    } else {
      // The coarse Nyquist bin is split evenly between +k and −k of the fine grid.
      outRe[k] = (re[k]! / 2) * scale;
      outIm[k] = (im[k]! / 2) * scale;
      outRe[m - k] = (re[k]! / 2) * scale;
      outIm[m - k] = (im[k]! / 2) * scale;
    }
  }
  return [outRe, outIm];
}

function resampleLine(line: Float64Array, m: number): Float64Array {
  const re = Float64Array.from(line);
  const im = new Float64Array(line.length);
  dft1d(re, im, false);
  const [outRe, outIm] = resampleSpectrum(re, im, m);
  dft1d(outRe, outIm, true);
  return outRe;
}

/**
 * Frames [frames, n, n, channels] → [frames, m, m, channels], periodic on both axes. Returns a
 * copy when m = n.
 */
export function fourierResample(
  data: Float32Array,
  frames: number,
  n: number,
  m: number,
  channels: number,
): Float32Array {
  if (data.length !== frames * n * n * channels) {
    throw new RangeError(
      `${data.length} values are not ${frames} frames of ${n}×${n}×${channels}.`,
    );
  }
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`Cannot resample to ${m} points.`);
  if (m === n) return data.slice();
  const out = new Float32Array(frames * m * m * channels);
  const rows = new Float64Array(n * m * channels); // one frame after resampling along y
  const line = new Float64Array(n);
  for (let f = 0; f < frames; f++) {
    const base = f * n * n * channels;
    for (let x = 0; x < n; x++) {
      for (let c = 0; c < channels; c++) {
        for (let y = 0; y < n; y++) line[y] = data[base + (x * n + y) * channels + c]!;
        const resampled = resampleLine(line, m);
        for (let y = 0; y < m; y++) rows[(x * m + y) * channels + c] = resampled[y]!;
      }
    }
    const outBase = f * m * m * channels;
    for (let y = 0; y < m; y++) {
      for (let c = 0; c < channels; c++) {
        for (let x = 0; x < n; x++) line[x] = rows[(x * m + y) * channels + c]!;
        const resampled = resampleLine(line, m);
        for (let x = 0; x < m; x++) out[outBase + (x * m + y) * channels + c] = resampled[x]!;
      }
    }
  }
  return out;
}
