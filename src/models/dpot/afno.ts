/**
 * DPOT's Fourier token mixer (AFNO2D in the official models/dpot.py): a real 2-D DFT of the
 * patch grid (norm "ortho"), a two-layer complex MLP with block-diagonal weights applied to every
 * kept mode alike (GELU on the real and imaginary parts separately), an optional soft-shrink, the
 * inverse DFT, and a skip from the mixer's own input. Tokens are channels-last [B, h, w, D].
 */
import * as tf from '@tensorflow/tfjs';
import { createDft2dTables, irdft2, rdft2, type ComplexTensor, type Dft2dTables } from '../nn/dft';
import { gelu } from '../nn/gelu';
import type { Params } from '../nn/params';

export interface AfnoShape {
  /** Channels D. */
  width: number;
  /** Diagonal blocks of the complex weights; D / blocks channels each. */
  blocks: number;
}

export interface AfnoOptions {
  /** Kept row and column indices of the half spectrum (dpotKeptModes). */
  keptRows: number;
  keptColumns: number;
  /** λ of the soft-shrink on the mixed spectrum; 0 skips it. */
  softshrink: number;
}

/**
 * `${name}.{w1,b1,w2,b2}.{re,im}`: w [blocks, bs, bs], b [blocks, bs], each U(0, 1)/bs² as
 * DPOT's `scale * torch.rand` (hidden_size_factor 1).
 */
export function initAfno(params: Params, name: string, { width, blocks }: AfnoShape): void {
  const bs = width / blocks;
  if (!Number.isInteger(bs))
    throw new RangeError(`${name}: ${blocks} blocks do not divide ${width}.`);
  const scale = 1 / (bs * bs);
  for (const layer of ['w1', 'w2']) {
    for (const part of ['re', 'im'])
      params.uniform(`${name}.${layer}.${part}`, [blocks, bs, bs], 0, scale);
  }
  for (const layer of ['b1', 'b2']) {
    for (const part of ['re', 'im'])
      params.uniform(`${name}.${layer}.${part}`, [blocks, bs], 0, scale);
  }
}

/** Full-spectrum ortho DFT tables for an even side × side patch grid; the caller disposes them. */
export function createAfnoTables(side: number): Dft2dTables {
  return createDft2dTables(side, side, side / 2, side / 2 + 1, 'ortho');
}

/**
 * One complex layer per block, (re + i·im)·(Wre + i·Wim) + (bre + i·bim), for x [blocks, N, bs]
 * and `${name}.{w,b}<l>`: a same-rank batch matMul (einsum has no gradient in tfjs).
 */
function complexBlockLayer(
  params: Params,
  name: string,
  layer: 1 | 2,
  { re, im }: ComplexTensor,
): ComplexTensor {
  const wRe = params.get(`${name}.w${layer}.re`) as tf.Tensor3D;
  const wIm = params.get(`${name}.w${layer}.im`) as tf.Tensor3D;
  const [blocks, , out] = wRe.shape;
  const bias = (part: string) => params.get(`${name}.b${layer}.${part}`).reshape([blocks, 1, out]);
  const x = { re: re as tf.Tensor3D, im: im as tf.Tensor3D };
  return {
    re: tf.matMul(x.re, wRe).sub(tf.matMul(x.im, wIm)).add(bias('re')),
    im: tf.matMul(x.im, wRe).add(tf.matMul(x.re, wIm)).add(bias('im')),
  };
}

function softshrink(x: tf.Tensor, lambda: number): tf.Tensor {
  return tf.relu(x.sub(lambda)).sub(tf.relu(x.neg().sub(lambda)));
}

/** The mixer's MLP on a kept spectrum [B, r, c, D]. */
function spectralMlp(
  params: Params,
  name: string,
  x: ComplexTensor,
  blocks: number,
): ComplexTensor {
  const [b, r, c, d] = x.re.shape as [number, number, number, number];
  const bs = d / blocks;
  const toBlocks = (t: tf.Tensor) => t.reshape([b * r * c, blocks, bs]).transpose([1, 0, 2]);
  const fromBlocks = (t: tf.Tensor) => t.transpose([1, 0, 2]).reshape([b, r, c, d]);
  const hidden = complexBlockLayer(params, name, 1, { re: toBlocks(x.re), im: toBlocks(x.im) });
  const out = complexBlockLayer(params, name, 2, { re: gelu(hidden.re), im: gelu(hidden.im) });
  return { re: fromBlocks(out.re), im: fromBlocks(out.im) };
}

/** x [B, h, w, D] → irDFT(M(rDFT(x))) + x. */
export function afno(
  params: Params,
  name: string,
  x: tf.Tensor4D,
  tables: Dft2dTables,
  blocks: number,
  options: AfnoOptions,
): tf.Tensor4D {
  return tf.tidy(() => {
    const spectrum = rdft2(x, tables);
    const [b, rows, columns, d] = spectrum.re.shape as [number, number, number, number];
    const { keptRows: r, keptColumns: c } = options;
    const whole = r === rows && c === columns;
    const keep = (t: tf.Tensor) => (whole ? t : t.slice([0, 0, 0, 0], [b, r, c, d]));
    // Modes not kept come out as zero, as DPOT's zero-initialised o2.
    const restore = (t: tf.Tensor) =>
      whole
        ? t
        : t.pad([
            [0, 0],
            [0, rows - r],
            [0, columns - c],
            [0, 0],
          ]);
    const mixed = spectralMlp(
      params,
      name,
      { re: keep(spectrum.re), im: keep(spectrum.im) },
      blocks,
    );
    let re = restore(mixed.re);
    let im = restore(mixed.im);
    if (options.softshrink > 0) {
      re = softshrink(re, options.softshrink);
      im = softshrink(im, options.softshrink);
    }
    return irdft2({ re, im }, tables).add(x) as tf.Tensor4D;
  });
}

/**
 * The energy of each kept mode [r, c] entering the mixer's MLP and leaving it (before the
 * soft-shrink and the skip), summed over the batch and channels: what the mixer does to each
 * frequency of these tokens. The caller disposes both.
 */
export function afnoModeEnergy(
  params: Params,
  name: string,
  x: tf.Tensor4D,
  tables: Dft2dTables,
  blocks: number,
  options: Pick<AfnoOptions, 'keptRows' | 'keptColumns'>,
): { input: tf.Tensor2D; output: tf.Tensor2D } {
  return tf.tidy(() => {
    const spectrum = rdft2(x, tables);
    const [b, , , d] = spectrum.re.shape as [number, number, number, number];
    const size = [b, options.keptRows, options.keptColumns, d];
    const kept = {
      re: spectrum.re.slice([0, 0, 0, 0], size),
      im: spectrum.im.slice([0, 0, 0, 0], size),
    };
    const mixed = spectralMlp(params, name, kept, blocks);
    const energy = ({ re, im }: ComplexTensor) =>
      re.square().add(im.square()).sum([0, 3]) as tf.Tensor2D;
    return { input: energy(kept), output: energy(mixed) };
  });
}
