/**
 * Fixes for tfjs 4.22's wasm backend, which the Node commands train on (the browser reaches it only
 * when neither WebGPU nor WebGL starts). Call patchWasmBackend() once the backend package is
 * imported; it is idempotent.
 *
 * 1. No `Conv2DBackpropFilter` kernel (reference/tfjs-webgpu.md §5: "wasm cannot train
 *    convnets"). It is written here with the backend's own kernels, as TensorFlow computes it: the
 *    gradient of a filter is the correlation of the input with the output's gradient, with the
 *    batch as the channels summed over and the stride as a dilation,
 *
 *      dW[a, b, i, o] = Σ_{n, y, x} x_pad[n, y·s + a, x·s + b, i] · dy[n, y, x, o]
 *                     = conv2d(xᵀ [i, H, W, n], dyᵀ [Ho, Wo, n, o], dilation s)[i, a, b, o],
 *
 *    so the work runs in XNNPACK's convolution.
 * 2. `OneHot` writes its int32 on and off values into a float32 output when asked for float32:
 *    tf.oneHot(i, K, 1, 0, 'float32') gives 1.4e-45 (the bits of int 1) where 1 belongs, so a
 *    vector quantizer's oneHot·codebook lookup returns zero vectors. Fixed by computing int32 and
 *    casting.
 * 3. `Conv2DBackpropInput` (the input gradient of a convolution, and a transposed convolution's
 *    forward pass) is a naive loop, the slowest kernel of a PhysicNet step. It is computed here
 *    as XNNPACK's convolution of the output gradient, spread out by the stride with zeros, with
 *    the filter flipped and its channels swapped.
 * 4. `Slice` of a rank-5 tensor goes through a generic per-element path (~100× slower than the
 *    row copies of ranks 2–4): trailing axes taken whole are merged first, so such slices become
 *    rank ≤ 4 (or one contiguous copy).
 */
import * as tf from '@tensorflow/tfjs';

const BACKEND = 'wasm';

type TensorInfo = tf.TensorInfo;

interface WasmLike {
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

interface BackpropFilterAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Runs another kernel of the wasm backend on tensor infos. */
function run(
  name: string,
  inputs: Record<string, TensorInfo>,
  backend: WasmLike,
  attrs: Record<string, unknown>,
): TensorInfo {
  const kernel = tf.getKernel(name, BACKEND);
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc({
    inputs: inputs as unknown as tf.NamedTensorInfoMap,
    backend: backend as unknown as tf.KernelBackend,
    attrs: attrs as unknown as tf.NamedAttrMap,
  }) as TensorInfo;
}

function conv2dBackpropFilter({
  inputs,
  backend,
  attrs,
}: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: WasmLike;
  attrs: BackpropFilterAttrs;
}): TensorInfo {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter reads NHWC only.');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { filterHeight: kh, filterWidth: kw, inChannels, outChannels } = info;
  const { top, left } = info.padInfo;
  const [, height, width] = x.shape as [number, number, number, number];
  const [, outHeight, outWidth] = dy.shape as [number, number, number, number];
  // Pad the bottom and right just enough for the last output row and column to see every tap.
  const bottom = Math.max(0, (outHeight - 1) * info.strideHeight + kh - height - top);
  const right = Math.max(0, (outWidth - 1) * info.strideWidth + kw - width - left);
  const temporary: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temporary.push(t), t);
  try {
    const xT = keep(run('Transpose', { x }, backend, { perm: [3, 1, 2, 0] }));
    const dyT = keep(run('Transpose', { x: dy }, backend, { perm: [1, 2, 0, 3] }));
    let correlation = keep(
      run('Conv2D', { x: xT, filter: dyT }, backend, {
        strides: 1,
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [info.strideHeight, info.strideWidth],
        dimRoundingMode: undefined,
      }),
    );
    if (correlation.shape[1] !== kh || correlation.shape[2] !== kw) {
      correlation = keep(
        run('Slice', { x: correlation }, backend, {
          begin: [0, 0, 0, 0],
          size: [inChannels, kh, kw, outChannels],
        }),
      );
    }
    return run('Transpose', { x: correlation }, backend, { perm: [1, 2, 0, 3] });
  } finally {
    for (const t of temporary) backend.disposeData(t.dataId);
  }
}

interface BackpropInputAttrs {
  strides: number | [number, number];
  pad: BackpropFilterAttrs['pad'];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/** dx of a convolution as a stride-1 convolution (see 3 above); other layouts go to `original`. */
function convBackpropInput(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as unknown as { dy: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as BackpropInputAttrs;
    const backend = args.backend as unknown as WasmLike;
    if (attrs.dataFormat === 'NCHW') return original(args);
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    if (top < 0 || left < 0) return original(args);
    const [batch, rows, cols, channels] = dy.shape as [number, number, number, number];
    const temporary: TensorInfo[] = [];
    const keep = (t: TensorInfo) => (temporary.push(t), t);
    try {
      let spread = dy;
      if (sh > 1 || sw > 1) {
        // Zeros after every row, then after every column: [B, Ho·sh, Wo·sw, C].
        const r = keep(
          run('Reshape', { x: dy }, backend, { shape: [batch * rows, 1, cols, channels] }),
        );
        const p = keep(
          run('PadV2', { x: r }, backend, {
            paddings: [
              [0, 0],
              [0, sh - 1],
              [0, 0],
              [0, 0],
            ],
            constantValue: 0,
          }),
        );
        const c = keep(
          run('Reshape', { x: p }, backend, { shape: [batch * rows * sh, cols, 1, channels] }),
        );
        const q = keep(
          run('PadV2', { x: c }, backend, {
            paddings: [
              [0, 0],
              [0, 0],
              [0, sw - 1],
              [0, 0],
            ],
            constantValue: 0,
          }),
        );
        spread = keep(
          run('Reshape', { x: q }, backend, { shape: [batch, rows * sh, cols * sw, channels] }),
        );
      }
      // Rows and columns past the last one any output reads are cut, the rest padded with zeros.
      const bottom = info.inHeight + kh - 1 - top - rows * sh;
      const right = info.inWidth + kw - 1 - left - cols * sw;
      if (bottom < 0 || right < 0) {
        spread = keep(
          run('Slice', { x: spread }, backend, {
            begin: [0, 0, 0, 0],
            size: [
              batch,
              rows * sh + Math.min(bottom, 0),
              cols * sw + Math.min(right, 0),
              channels,
            ],
          }),
        );
      }
      const flipped = keep(run('Reverse', { x: filter }, backend, { dims: [0, 1] }));
      const swapped = keep(run('Transpose', { x: flipped }, backend, { perm: [0, 1, 3, 2] }));
      return run('Conv2D', { x: spread, filter: swapped }, backend, {
        strides: 1,
        pad: [
          [0, 0],
          [top, Math.max(bottom, 0)],
          [left, Math.max(right, 0)],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: 1,
        dimRoundingMode: undefined,
      });
    } finally {
      for (const t of temporary) backend.disposeData(t.dataId);
    }
  };
}

/** OneHot computed as int32 and cast to the dtype asked for (see 2 above). */
function fixedOneHot(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const dtype = (args.attrs as { dtype?: string } | undefined)?.dtype ?? 'int32';
    if (dtype === 'int32') return original(args);
    const backend = args.backend as unknown as WasmLike;
    const ints = original({ ...args, attrs: { ...args.attrs, dtype: 'int32' } }) as TensorInfo;
    try {
      return run('Cast', { x: ints }, backend, { dtype });
    } finally {
      backend.disposeData(ints.dataId);
    }
  };
}

/** Slice with trailing whole axes merged (see 4 above). */
function mergedSlice(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = (args.inputs as unknown as { x: TensorInfo }).x;
    const attrs = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size) as [
      number[],
      number[],
    ];
    if (x.shape.length <= 4) return original(args);
    const shape = [x.shape[0]!];
    const from = [begin[0]!];
    const count = [size[0]!];
    for (let axis = 1; axis < x.shape.length; axis++) {
      const last = shape.length - 1;
      const whole = begin[axis] === 0 && size[axis] === x.shape[axis];
      // A whole axis folds into the one before it: its rows stay contiguous.
      if (whole) {
        shape[last]! *= x.shape[axis]!;
        from[last]! *= x.shape[axis]!;
        count[last]! *= x.shape[axis]!;
      } else {
        shape.push(x.shape[axis]!);
        from.push(begin[axis]!);
        count.push(size[axis]!);
      }
    }
    if (shape.length > 4) return original(args);
    const out = original({
      ...args,
      inputs: { x: { ...x, shape } } as unknown as tf.NamedTensorInfoMap,
      attrs: { begin: from, size: count } as unknown as tf.NamedAttrMap,
    }) as TensorInfo;
    return { ...out, shape: size };
  };
}

const patched = new Set<string>();

/** Replaces a registered wasm kernel by `wrap` of it, once. */
function replaceKernel(name: string, wrap: (original: tf.KernelFunc) => tf.KernelFunc): void {
  if (patched.has(name)) return;
  const original = tf.getKernel(name, BACKEND);
  if (!original) return;
  tf.unregisterKernel(name, BACKEND);
  tf.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
  patched.add(name);
}

/**
 * Applies the fixes above to the wasm backend's kernels. Import '@tensorflow/tfjs-backend-wasm'
 * first; calling it again does nothing.
 */
export function patchWasmBackend(): void {
  if (!tf.getKernel('Conv2D', BACKEND)) {
    throw new Error('Import @tensorflow/tfjs-backend-wasm before patching it.');
  }
  if (!tf.getKernel('Conv2DBackpropFilter', BACKEND)) {
    tf.registerKernel({
      kernelName: 'Conv2DBackpropFilter',
      backendName: BACKEND,
      kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
    });
  }
  replaceKernel('OneHot', fixedOneHot);
  replaceKernel('Conv2DBackpropInput', convBackpropInput);
  replaceKernel('Slice', mergedSlice);
}
