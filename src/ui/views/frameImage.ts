/** Lab arrays are [x][y][channel] with y pointing up; images are rows top to bottom. */
import type { Field } from './fieldImage';

/** One channel of an [N, N, C] frame as a picture: row 0 is the largest y. Reuses `out` when given. */
export function channelImage(
  data: Float32Array,
  n: number,
  channels: number,
  channel: number,
  out?: Float32Array,
): Field {
  const image = out && out.length === n * n ? out : new Float32Array(n * n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      image[(n - 1 - y) * n + x] = data[(x * n + y) * channels + channel]!;
    }
  }
  return { data: image, width: n, height: n };
}

/** Where a pointer is over the picture, as fractions of the box along x and y (y up). */
export function boxFraction(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
) {
  return {
    x: Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)),
    y: Math.min(1, Math.max(0, 1 - (clientY - rect.top) / rect.height)),
  };
}
