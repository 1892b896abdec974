/**
 * Backward bilinear warp of channels-last feature maps by a flow in pixels, the optical-flow
 * expert's Warp(z_t, flow) (tfjs has no grid_sample).
 *
 * Conventions: pixel (i, j) (row, column) sits at the point (x, y) = (j, i), so pixel centres
 * are the integer points and the corner pixels' centres are the image's extreme points:
 * torch's grid_sample with align_corners=True and grid = 2·(p + flow)/(size − 1) − 1.
 * flow[..., 0] moves along x (columns, W), flow[..., 1] along y (rows, H), as in RAFT:
 *   out[b, i, j] = image[b] sampled at (j + flow[b, i, j, 0], i + flow[b, i, j, 1]).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * What a sample outside the image reads:
 * - 'border': the nearest edge pixel (the point is clamped into the image, and the gradient
 *   with respect to the flow is zero while it is clamped), grid_sample's padding_mode='border';
 * - 'zeros': zero beyond the edge pixels' centres, grid_sample's padding_mode='zeros';
 * - 'periodic': the image repeats, for fields on a torus.
 */
export type WarpPadding = 'border' | 'zeros' | 'periodic';

/**
 * image [B, H, W, C], flow [B, H, W, 2] → [B, H, W, C]. Differentiable with respect to both:
 * the image through a gather whose gradient is a scatter-add, the flow through the bilinear
 * weights (exact derivatives of the piecewise-bilinear interpolant; at integer coordinates, the
 * one-sided one towards +x and +y).
 */
export function warp(
  image: tf.Tensor4D,
  flow: tf.Tensor4D,
  padding: WarpPadding = 'border',
): tf.Tensor4D {
  const [batch, height, width, channels] = image.shape;
  if (flow.rank !== 4 || !tf.util.arraysEqual(flow.shape, [batch, height, width, 2])) {
    throw new Error(
      `warp: flow has shape [${flow.shape.join(', ')}], expected [${batch}, ${height}, ${width}, 2].`,
    );
  }
  return tf.tidy(() => {
    const [flowX, flowY] = tf.split(flow, 2, 3).map((f) => f.reshape([batch, height, width]));
    const x = samples(flowX!.add(tf.range(0, width).reshape([1, 1, width])), width, padding);
    const y = samples(flowY!.add(tf.range(0, height).reshape([1, height, 1])), height, padding);
    const base = tf.range(0, batch, 1, 'int32').mul(tf.scalar(height * width, 'int32'));
    const rowStart = (row: tf.Tensor) =>
      base.reshape([batch, 1, 1]).add(row.mul(tf.scalar(width, 'int32')));
    const [top, bottom] = [rowStart(y.lo), rowStart(y.hi)];
    const indices = tf.concat(
      [top.add(x.lo), top.add(x.hi), bottom.add(x.lo), bottom.add(x.hi)].map((i) => i.flatten()),
    ) as tf.Tensor1D;
    const corners = gatherRows(image.reshape([-1, channels]), indices).reshape([
      4,
      batch,
      height,
      width,
      channels,
    ]);
    const weights = tf
      .stack([y.wLo.mul(x.wLo), y.wLo.mul(x.wHi), y.wHi.mul(x.wLo), y.wHi.mul(x.wHi)])
      .expandDims(-1);
    return corners.mul(weights).sum(0) as tf.Tensor4D;
  });
}

interface AxisSamples {
  /** The two neighbouring pixels' indices along the axis, int32. */
  lo: tf.Tensor;
  hi: tf.Tensor;
  /** Their interpolation weights, differentiable in the coordinate. */
  wLo: tf.Tensor;
  wHi: tf.Tensor;
}

/**
 * The 1-D linear interpolation stencil of coordinates `coord` on an axis of `size` pixels.
 * Only differentiable ops lie between the coordinate and the weights (floor, clip and step have
 * zero or masked gradients); comparison ops would throw in the gradient.
 */
function samples(coord: tf.Tensor, size: number, padding: WarpPadding): AxisSamples {
  const last = size - 1;
  if (padding === 'border') {
    const c = tf.clipByValue(coord, 0, last);
    const lo = tf.floor(c);
    const frac = c.sub(lo);
    return {
      lo: lo.toInt(),
      hi: tf.minimum(lo.add(1), last).toInt(),
      wLo: tf.onesLike(frac).sub(frac),
      wHi: frac,
    };
  }
  const lo = tf.floor(coord);
  const frac = coord.sub(lo);
  const hi = lo.add(1);
  if (padding === 'periodic') {
    const wrap = (i: tf.Tensor) => i.sub(tf.floor(i.div(size)).mul(size)).toInt();
    return { lo: wrap(lo), hi: wrap(hi), wLo: tf.onesLike(frac).sub(frac), wHi: frac };
  }
  // 1 for a pixel inside the image, else 0 (and its index clamped so the gather stays in range).
  const inside = (i: tf.Tensor) => tf.step(i.add(0.5)).mul(tf.step(tf.scalar(last + 0.5).sub(i)));
  return {
    lo: tf.clipByValue(lo, 0, last).toInt(),
    hi: tf.clipByValue(hi, 0, last).toInt(),
    wLo: tf.onesLike(frac).sub(frac).mul(inside(lo)),
    wHi: frac.mul(inside(hi)),
  };
}

/**
 * tf.gather(source, indices, 0) differentiable in `source` only, by a scatter-add (scatterND
 * sums duplicate indices). tfjs's own gather gradient also returns an int32 gradient for the
 * indices, which the tape rejects when they depend on a trained tensor (here, the flow); and its
 * UnsortedSegmentSum costs O(rows · size) on the CPU backend. As a customGrad input list holds
 * `source` alone, the indices stay off the tape.
 */
function gatherRows(source: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  const gather = tf.customGrad((...inputs) => {
    const [rows, save] = inputs as [tf.Tensor2D, tf.GradSaveFunc];
    save([indices]);
    return {
      value: tf.gather(rows, indices, 0),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.scatterND(saved[0]!.expandDims(1), dy, rows.shape),
    };
  });
  return gather(source) as tf.Tensor2D;
}
