/**
 * tfjs patchify/unpatchify on [B, T, X, Y, C] tensors, in the layout of patches.ts, by reshape
 * and transpose only: differentiable, no gather. The WebGL and WebGPU backends transpose at most
 * rank 6, so the rank-8 rearrangement [B, nt, pt, nx, px, ny, py, C] → [B, nt, nx, ny, px, py,
 * pt, C] is done as two transposes of rank 4 and 6 over merged axes.
 */
import * as tf from '@tensorflow/tfjs';
import type { PatchGeometry } from './patches';

function checkShape(actual: readonly number[], expected: readonly number[], what: string): void {
  const ok = actual.length === expected.length && actual.every((n, i) => n === expected[i]);
  if (!ok) {
    throw new RangeError(
      `${what} has shape [${actual.join(', ')}], expected [${expected.join(', ')}].`,
    );
  }
}

/** [B, T, X, Y, C] → [B, N, D] with N = nt·nx·ny tokens of D = px·py·pt·C values. */
export function patchify(windows: tf.Tensor, g: PatchGeometry): tf.Tensor3D {
  const [T, X, Y, C] = g.window;
  const B = windows.shape[0] ?? 0;
  checkShape(windows.shape, [B, T, X, Y, C], 'The window tensor');
  const { nt, nx, ny, pt, px, py } = g;
  return tf.tidy(() => {
    // [B·nt, pt, X·Y, C] → [B·nt, X·Y, pt, C]: the frame offset moves inside the pixel.
    const timeInner = windows.reshape([B * nt, pt, X * Y, C]).transpose([0, 2, 1, 3]);
    // [B·nt, nx, px, ny, py, pt·C] → [B·nt, nx, ny, px, py, pt·C].
    const tokens = timeInner
      .reshape([B * nt, nx, px, ny, py, pt * C])
      .transpose([0, 1, 3, 2, 4, 5]);
    return tokens.reshape([B, g.tokens, g.tokenSize]);
  });
}

/** [B, N, D] → [B, T, X, Y, C], the inverse of patchify. */
export function unpatchify(tokens: tf.Tensor, g: PatchGeometry): tf.Tensor5D {
  const [T, X, Y, C] = g.window;
  const B = tokens.shape[0] ?? 0;
  checkShape(tokens.shape, [B, g.tokens, g.tokenSize], 'The token tensor');
  const { nt, nx, ny, pt, px, py } = g;
  return tf.tidy(() => {
    const pixels = tokens
      .reshape([B * nt, nx, ny, px, py, pt * C])
      .transpose([0, 1, 3, 2, 4, 5])
      .reshape([B * nt, X * Y, pt, C]);
    return pixels.transpose([0, 2, 1, 3]).reshape([B, T, X, Y, C]);
  });
}
