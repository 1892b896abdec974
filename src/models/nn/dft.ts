/**
 * Truncated 2-D real DFTs as dense matmuls against precomputed cos/sin tables, for trainable
 * spectral layers (FNO's spectral convolution, AFNO mixing): exact, differentiable through
 * matMul gradients, and the same on every backend (tf.spectral has no gradient).
 *
 * Fields are channels-last [B, H, W, C]. A spectrum keeps the rows (H frequencies)
 * 0…mH−1 and H−mH…H−1, and the columns (W frequencies) 0…mW−1 of the half spectrum, as
 * torch.fft.rfft2 followed by FNO's `[:, :, :m1, :m2]` and `[:, :, -m1:, :m2]` slices; it is
 * stored [B, 2·mH, mW, C] with real and imaginary parts as separate tensors.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from './params';

export interface ComplexTensor {
  re: tf.Tensor;
  im: tf.Tensor;
}

/** As torch.fft's `norm`: which direction carries the 1/(HW) factor (ortho: 1/√(HW) each). */
export type DftNorm = 'backward' | 'ortho' | 'forward';

/**
 * cos(2π·f·n/N) and sin(2π·f·n/N) for frequencies f (rows) and samples n (columns), times
 * `scale[row]`, computed in float64 with f·n reduced mod N. Row-major [frequencies.length, N].
 */
export function dftTable(
  size: number,
  frequencies: readonly number[],
  scale: (row: number) => number = () => 1,
): { cos: Float32Array; sin: Float32Array } {
  const cos = new Float32Array(frequencies.length * size);
  const sin = new Float32Array(frequencies.length * size);
  frequencies.forEach((f, row) => {
    const s = scale(row);
    for (let n = 0; n < size; n++) {
      const angle = (2 * Math.PI * ((((f * n) % size) + size) % size)) / size;
      cos[row * size + n] = s * Math.cos(angle);
      sin[row * size + n] = s * Math.sin(angle);
    }
  });
  return { cos, sin };
}

/** The kept H frequencies, as non-negative indices: 0…m−1, then n−m…n−1. */
export function keptRows(n: number, modes: number): number[] {
  return [
    ...Array.from({ length: modes }, (_, i) => i),
    ...Array.from({ length: modes }, (_, i) => n - modes + i),
  ];
}

export interface Dft2dTables {
  readonly height: number;
  readonly width: number;
  readonly modesH: number;
  readonly modesW: number;
  /** The H frequency of each kept row. */
  readonly rows: readonly number[];
  dispose(): void;
  /** @internal tables, [samples, frequencies] for forward, [frequencies, samples] for inverse. */
  readonly fwdW: { cos: tf.Tensor2D; sin: tf.Tensor2D };
  readonly fwdH: { cos: tf.Tensor2D; sin: tf.Tensor2D };
  readonly invH: { cos: tf.Tensor2D; sin: tf.Tensor2D };
  readonly invW: { cos: tf.Tensor2D; sin: tf.Tensor2D };
}

/** Tables for an H×W grid keeping 2·modesH rows and modesW half-spectrum columns. */
export function createDft2dTables(
  height: number,
  width: number,
  modesH: number,
  modesW: number,
  norm: DftNorm = 'backward',
): Dft2dTables {
  if (!(modesH >= 1 && 2 * modesH <= height)) {
    throw new RangeError(`modesH must be in 1…${Math.floor(height / 2)} for height ${height}`);
  }
  if (!(modesW >= 1 && modesW <= Math.floor(width / 2) + 1)) {
    throw new RangeError(`modesW must be in 1…${Math.floor(width / 2) + 1} for width ${width}`);
  }
  const total = height * width;
  const forwardScale = norm === 'forward' ? 1 / total : norm === 'ortho' ? 1 / Math.sqrt(total) : 1;
  const inverseScale =
    norm === 'backward' ? 1 / total : norm === 'ortho' ? 1 / Math.sqrt(total) : 1;
  const rows = keptRows(height, modesH);
  const columns = Array.from({ length: modesW }, (_, k) => k);
  // A real signal's spectrum is Hermitian: each column other than DC (and Nyquist, for even W)
  // stands for itself and its mirror image, so it counts twice in the inverse.
  const hermitian = (k: number) => (k === 0 || 2 * k === width ? 1 : 2);

  const transposed = (t: { cos: Float32Array; sin: Float32Array }, r: number, c: number) => ({
    cos: tf.tidy(() => tf.tensor2d(t.cos, [r, c]).transpose() as tf.Tensor2D),
    sin: tf.tidy(() => tf.tensor2d(t.sin, [r, c]).transpose() as tf.Tensor2D),
  });
  const plain = (t: { cos: Float32Array; sin: Float32Array }, r: number, c: number) => ({
    cos: tf.tensor2d(t.cos, [r, c]),
    sin: tf.tensor2d(t.sin, [r, c]),
  });
  const fwdW = transposed(
    dftTable(width, columns, () => forwardScale),
    modesW,
    width,
  );
  const fwdH = transposed(dftTable(height, rows), rows.length, height);
  const invH = plain(dftTable(height, rows), rows.length, height);
  const invW = plain(
    dftTable(width, columns, (k) => inverseScale * hermitian(k)),
    modesW,
    width,
  );
  const all = [fwdW, fwdH, invH, invW].flatMap((t) => [t.cos, t.sin]);
  return {
    height,
    width,
    modesH,
    modesW,
    rows,
    fwdW,
    fwdH,
    invH,
    invW,
    dispose: () => tf.dispose(all),
  };
}

/** Truncated rfft2 of x [B, H, W, C] → spectrum [B, 2·mH, mW, C] (e^{−iθ} convention). */
export function rdft2(x: tf.Tensor4D, tables: Dft2dTables): ComplexTensor {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    checkGrid(tables, h, w);
    const { modesW: mw, rows } = tables;
    const kh = rows.length;
    // Along W (real input): x·cos − i·x·sin.
    const flatW = x.transpose([0, 1, 3, 2]).reshape([b * h * c, w]);
    const re1 = tf.matMul(flatW, tables.fwdW.cos);
    const im1 = tf.matMul(flatW, tables.fwdW.sin).neg();
    // Along H (complex): (re1 + i·im1)(cos − i·sin).
    const toH = (t: tf.Tensor) =>
      t
        .reshape([b, h, c, mw])
        .transpose([0, 2, 3, 1])
        .reshape([b * c * mw, h]);
    const [reH, imH] = [toH(re1), toH(im1)];
    const re = tf.matMul(reH, tables.fwdH.cos).add(tf.matMul(imH, tables.fwdH.sin));
    const im = tf.matMul(imH, tables.fwdH.cos).sub(tf.matMul(reH, tables.fwdH.sin));
    const back = (t: tf.Tensor) => t.reshape([b, c, mw, kh]).transpose([0, 3, 2, 1]);
    return { re: back(re), im: back(im) };
  });
}

/**
 * Inverse of rdft2 from a truncated spectrum [B, 2·mH, mW, C] → real field [B, H, W, C]; the
 * modes not kept count as zero, and the imaginary parts of the DC and Nyquist columns are
 * ignored, as torch.fft.irfft2 does.
 */
export function irdft2(spectrum: ComplexTensor, tables: Dft2dTables): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, kh, mw, c] = spectrum.re.shape as [number, number, number, number];
    const { height: h, width: w } = tables;
    if (kh !== tables.rows.length || mw !== tables.modesW) {
      throw new Error(
        `irdft2: spectrum is ${kh}×${mw}, the tables keep ${tables.rows.length}×${tables.modesW}.`,
      );
    }
    // Along H: (re + i·im)(cos + i·sin).
    const toH = (t: tf.Tensor) => t.transpose([0, 3, 2, 1]).reshape([b * c * mw, kh]);
    const [reK, imK] = [toH(spectrum.re), toH(spectrum.im)];
    const re1 = tf.matMul(reK, tables.invH.cos).sub(tf.matMul(imK, tables.invH.sin));
    const im1 = tf.matMul(imK, tables.invH.cos).add(tf.matMul(reK, tables.invH.sin));
    // Along W, keeping the real part only.
    const toW = (t: tf.Tensor) =>
      t
        .reshape([b, c, mw, h])
        .transpose([0, 3, 1, 2])
        .reshape([b * h * c, mw]);
    const real = tf.matMul(toW(re1), tables.invW.cos).sub(tf.matMul(toW(im1), tables.invW.sin));
    return real.reshape([b, h, c, w]).transpose([0, 1, 3, 2]) as tf.Tensor4D;
  });
}

/**
 * FNO's per-mode channel mixing, out[b,k,o] = Σ_i X[b,k,i]·W[k,i,o] (complex), for a spectrum
 * [B, kH, mW, Cin] and weights `${name}.re`/`${name}.im` [kH, mW, Cin, Cout]. Written as one
 * same-rank batch matMul per real product, with the modes as the batch (einsum has no gradient).
 */
export function spectralMul(params: Params, name: string, x: ComplexTensor): ComplexTensor {
  return tf.tidy(() => {
    const wRe = params.get(`${name}.re`);
    const wIm = params.get(`${name}.im`);
    const [kh, mw, cin, cout] = wRe.shape as [number, number, number, number];
    const [b] = x.re.shape as [number];
    const modes = kh * mw;
    const byMode = (t: tf.Tensor) => t.reshape([b, modes, cin]).transpose([1, 0, 2]) as tf.Tensor3D;
    const [xRe, xIm] = [byMode(x.re), byMode(x.im)];
    const [aRe, aIm] = [wRe.reshape([modes, cin, cout]), wIm.reshape([modes, cin, cout])] as [
      tf.Tensor3D,
      tf.Tensor3D,
    ];
    const re = tf.matMul(xRe, aRe).sub(tf.matMul(xIm, aIm));
    const im = tf.matMul(xRe, aIm).add(tf.matMul(xIm, aRe));
    const back = (t: tf.Tensor) => t.transpose([1, 0, 2]).reshape([b, kh, mw, cout]);
    return { re: back(re), im: back(im) };
  });
}

/** FNO's init of the complex weights: real and imaginary parts each U(0, 1)/(Cin·Cout). */
export function initSpectralWeights(
  params: Params,
  name: string,
  tables: Pick<Dft2dTables, 'rows' | 'modesW'>,
  inChannels: number,
  outChannels: number,
): void {
  const shape = [tables.rows.length, tables.modesW, inChannels, outChannels];
  const scale = 1 / (inChannels * outChannels);
  params.uniform(`${name}.re`, shape, 0, scale);
  params.uniform(`${name}.im`, shape, 0, scale);
}

function checkGrid(tables: Dft2dTables, h: number, w: number): void {
  if (h !== tables.height || w !== tables.width) {
    throw new Error(
      `rdft2: field is ${h}×${w}, the tables are for ${tables.height}×${tables.width}.`,
    );
  }
}
