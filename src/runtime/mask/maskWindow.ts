/**
 * Fits the Mask panel's wanted window (trajectory, first frame, frames, patch size) to a dataset:
 * out-of-range or non-tiling values are brought to the nearest that work, each with a note in
 * words, so the panel shows something useful instead of failing.
 */
import type { PatchSize } from '../../data/masks';

/** The sizes of a stored [N, T, X, Y, C] dataset that a window depends on (square grid). */
export interface DatasetExtent {
  trajectories: number;
  frames: number;
  n: number;
}

export interface WantedWindow {
  trajectory: number;
  start: number;
  frames: number;
  patchTime: number;
  patchSide: number;
}

export interface FittedWindow {
  trajectory: number;
  start: number;
  frames: number;
  patch: PatchSize;
  /** What was changed and why, one sentence each; empty when the wanted window fits. */
  notes: string[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The largest divisor of n that is at most `most` (at least 1). */
function largestDivisorUpTo(n: number, most: number): number {
  for (let d = Math.min(n, Math.max(1, Math.floor(most))); d > 1; d--) if (n % d === 0) return d;
  return 1;
}

export function fitMaskWindow(extent: DatasetExtent, wanted: WantedWindow): FittedWindow {
  const notes: string[] = [];
  const { trajectories, frames: total, n } = extent;

  const trajectory = clamp(Math.round(wanted.trajectory), 0, trajectories - 1);
  if (trajectory !== wanted.trajectory) {
    notes.push(
      `This dataset has ${trajectories} trajectories (0 to ${trajectories - 1}): showing trajectory ${trajectory}.`,
    );
  }

  const pt = clamp(Math.round(wanted.patchTime), 1, total);
  if (pt !== wanted.patchTime) {
    notes.push(`A patch cannot span more than the dataset's ${total} frames: it spans ${pt}.`);
  }

  const frames = Math.max(pt, Math.floor(Math.min(wanted.frames, total) / pt) * pt);
  if (frames !== wanted.frames) {
    const why =
      wanted.frames > total
        ? `the dataset has ${total} frames`
        : `it must be a whole number of ${pt}-frame patches`;
    notes.push(`The window holds ${frames} frames, not ${wanted.frames}: ${why}.`);
  }

  const side = largestDivisorUpTo(n, wanted.patchSide);
  if (side !== wanted.patchSide) {
    notes.push(
      `Patches must tile the ${n} × ${n} grid: they are ${side} × ${side} points, not ${wanted.patchSide} × ${wanted.patchSide}.`,
    );
  }

  const start = clamp(Math.round(wanted.start), 0, total - frames);
  if (start !== wanted.start) {
    notes.push(
      `A ${frames}-frame window of this ${total}-frame trajectory starts at frame 0 to ${total - frames}: it starts at ${start}.`,
    );
  }

  return { trajectory, start, frames, patch: { pt, px: side, py: side }, notes };
}

/** The window a trained model reads: its grid side, frames, patches and channels. */
export interface ModelWindow {
  size: number;
  frames: number;
  patchT: number;
  patchXY: number;
  channels: number;
}

/**
 * The window for a model: its own frames and patches on its own grid (the worker resamples the
 * dataset's frames to it); only the trajectory and the first frame follow the wanted ones. Says
 * in words why a dataset cannot feed the model.
 */
export function fitModelWindow(
  extent: DatasetExtent & { channels: number },
  wanted: Pick<WantedWindow, 'trajectory' | 'start'>,
  model: ModelWindow,
): FittedWindow | { problem: string } {
  if (extent.frames < model.frames) {
    return {
      problem: `This model reads windows of ${model.frames} frames; this dataset's trajectories have only ${extent.frames}. Choose a longer dataset or the interpolation baseline.`,
    };
  }
  if (extent.channels < model.channels) {
    return {
      problem: `This model reads ${model.channels} channels; this dataset has only ${extent.channels}.`,
    };
  }
  return fitMaskWindow(
    { ...extent, n: model.size },
    { ...wanted, frames: model.frames, patchTime: model.patchT, patchSide: model.patchXY },
  );
}
