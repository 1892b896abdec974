/**
 * A fix for tfjs 4.22's WebGPU backend. Call patchWebgpuBackend() once the backend is registered
 * (tfjs-backend-webgpu imported); it is idempotent.
 *
 * `PadV2` of a rank-5 (or higher) tensor writes `vec5(…)` into its WGSL, which is no WGSL type:
 * the shader fails to compile, the command buffer is dropped, and the pad returns zeros, with only
 * a validation message on the console. The gradient of a rank-5 slice is such a pad, so a model
 * that slices [B, T, H, W, C] tensors (PhysicNet-style's frames and latents) silently gets zero
 * gradients through them, and PhysicNet-style's pasted local forecasts are zeros. Axes padded by
 * nothing are merged into the axis before them (their rows stay contiguous, the padding scales by
 * their size), which brings such a pad to rank ≤ 4 unless four or more axes are padded; then the
 * axes are padded one at a time (each pass is then of rank ≤ 2).
 */
import * as tf from '@tensorflow/tfjs';

const BACKEND = 'webgpu';

/** [before, after] per axis. */
type Paddings = [number, number][];

/**
 * The same pad on fewer axes: each axis padded by nothing folded into the one before it.
 * Exported for tests.
 */
export function mergedPad(
  shape: readonly number[],
  paddings: Paddings,
): { shape: number[]; paddings: Paddings } {
  const merged = [shape[0]!];
  const pads: Paddings = [[...paddings[0]!]];
  for (let axis = 1; axis < shape.length; axis++) {
    const [before, after] = paddings[axis]!;
    if (before === 0 && after === 0) {
      const last = merged.length - 1;
      merged[last]! *= shape[axis]!;
      pads[last] = [pads[last]![0] * shape[axis]!, pads[last]![1] * shape[axis]!];
    } else {
      merged.push(shape[axis]!);
      pads.push([before, after]);
    }
  }
  return { shape: merged, paddings: pads };
}

interface Disposer {
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

function mergedPadKernel(original: tf.KernelFunc): tf.KernelFunc {
  /** x padded by `paddings`, through the original kernel at the merged rank. */
  const pad = (args: Parameters<tf.KernelFunc>[0], x: tf.TensorInfo, paddings: Paddings) => {
    const merged = mergedPad(x.shape, paddings);
    const out = original({
      ...args,
      inputs: { x: { ...x, shape: merged.shape } } as unknown as tf.NamedTensorInfoMap,
      attrs: { ...args.attrs, paddings: merged.paddings } as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;
    return { ...out, shape: x.shape.map((s, i) => s + paddings[i]![0] + paddings[i]![1]) };
  };
  return (args) => {
    const x = (args.inputs as unknown as { x: tf.TensorInfo }).x;
    const { paddings } = args.attrs as unknown as { paddings: Paddings };
    if (x.shape.length <= 4) return original(args);
    if (mergedPad(x.shape, paddings).shape.length <= 4) return pad(args, x, paddings);
    // One padded axis per pass, freeing each intermediate.
    const backend = args.backend as unknown as Disposer;
    let current = x;
    paddings.forEach(([before, after], axis) => {
      if (before === 0 && after === 0) return;
      const only = paddings.map((_, i): [number, number] =>
        i === axis ? [before, after] : [0, 0],
      );
      const next = pad(args, current, only);
      if (current !== x) backend.disposeData(current.dataId);
      current = next;
    });
    return current;
  };
}

let patched = false;

/** Applies the fix above to the WebGPU backend's PadV2; calling it again does nothing. */
export function patchWebgpuBackend(): void {
  if (patched) return;
  const original = tf.getKernel('PadV2', BACKEND);
  if (!original) throw new Error('Register the WebGPU backend before patching it.');
  tf.unregisterKernel('PadV2', BACKEND);
  tf.registerKernel({ ...original, kernelFunc: mergedPadKernel(original.kernelFunc) });
  patched = true;
}
