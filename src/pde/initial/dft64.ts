/**
 * Inverse DFTs in float64 on the CPU, for initial conditions that must be bit-reproducible on
 * every backend. Sign and scale follow numpy's ifft: x_q = (1/N) Σ_j X_j e^{+2πi jq/N}.
 * Powers of two use a radix-2 FFT; other sizes a direct O(N²) sum.
 */

/** Unnormalised inverse transform of one complex sequence, in place: X → Σ_j X_j e^{+2πi jq/N}. */
export type InverseTransform1D = (re: Float64Array, im: Float64Array) => void;

export function createInverseTransform1D(n: number): InverseTransform1D {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bad transform size ${n}`);
  // e^{+2πi r/N} for r < N, with the angle formed exactly from the integer r.
  const cos = Float64Array.from({ length: n }, (_, r) => Math.cos((2 * Math.PI * r) / n));
  const sin = Float64Array.from({ length: n }, (_, r) => Math.sin((2 * Math.PI * r) / n));
  return (n & (n - 1)) === 0 ? radix2(n, cos, sin) : direct(n, cos, sin);
}

function radix2(n: number, cos: Float64Array, sin: Float64Array): InverseTransform1D {
  const bits = Math.log2(n);
  const reversed = Uint32Array.from({ length: n }, (_, i) => {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    return r;
  });
  return (re, im) => {
    for (let i = 0; i < n; i++) {
      const j = reversed[i]!;
      if (j <= i) continue;
      const r = re[i]!;
      re[i] = re[j]!;
      re[j] = r;
      const m = im[i]!;
      im[i] = im[j]!;
      im[j] = m;
    }
    for (let size = 2; size <= n; size *= 2) {
      const half = size / 2;
      const stride = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * stride]!;
          const wi = sin[k * stride]!;
          const a = start + k;
          const b = a + half;
          const br = re[b]! * wr - im[b]! * wi;
          const bi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - br;
          im[b] = im[a]! - bi;
          re[a] = re[a]! + br;
          im[a] = im[a]! + bi;
        }
      }
    }
  };
}

function direct(n: number, cos: Float64Array, sin: Float64Array): InverseTransform1D {
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  return (re, im) => {
    for (let q = 0; q < n; q++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const r = (j * q) % n;
        sr += re[j]! * cos[r]! - im[j]! * sin[r]!;
        si += re[j]! * sin[r]! + im[j]! * cos[r]!;
      }
      outRe[q] = sr;
      outIm[q] = si;
    }
    re.set(outRe);
    im.set(outIm);
  };
}

/**
 * Re(ifft2(X)) for an N×N spectrum stored x-major (index p·N + q, p the x-wavenumber in DFT
 * order). The input arrays are overwritten.
 */
export function inverseDft2DReal(re: Float64Array, im: Float64Array, n: number): Float64Array {
  const transform = createInverseTransform1D(n);
  const rowRe = new Float64Array(n);
  const rowIm = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const row = p * n;
    rowRe.set(re.subarray(row, row + n));
    rowIm.set(im.subarray(row, row + n));
    transform(rowRe, rowIm);
    re.set(rowRe, row);
    im.set(rowIm, row);
  }
  const out = new Float64Array(n * n);
  const scale = 1 / (n * n);
  for (let q = 0; q < n; q++) {
    for (let p = 0; p < n; p++) {
      rowRe[p] = re[p * n + q]!;
      rowIm[p] = im[p * n + q]!;
    }
    transform(rowRe, rowIm);
    for (let i = 0; i < n; i++) out[i * n + q] = rowRe[i]! * scale;
  }
  return out;
}
