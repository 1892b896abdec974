/** The Mask panel's settings (URL keys `m.…`): how to cut, mask and fill a window of a dataset. */
import { MAX_MASK_RATIO } from '../data/masks/strategies';
import { defineSchema } from '../schema/params';

/** Large enough for any dataset the lab builds; the panel clamps to the chosen one. */
const MAX_INDEX = 1_000_000;

export const maskSchema = defineSchema({
  strategy: {
    kind: 'choice',
    key: 'm.s',
    label: 'Strategy',
    options: [
      { value: 'random', label: 'Random patches' },
      { value: 'tube', label: 'Tubes (same patches in every frame)' },
      { value: 'frame', label: 'Whole frames' },
      { value: 'block', label: 'Blocks (contiguous rectangles)' },
    ],
    default: 'random',
    help: 'Which patches are hidden. Random is what MAE-PDE trains with.',
  },
  ratio: {
    kind: 'number',
    key: 'm.r',
    label: 'Hidden share (this view)',
    min: 0,
    max: MAX_MASK_RATIO,
    step: 0.05,
    default: 0.75,
    help: 'How much of the window shown here is hidden now. It changes only this view, not how a model was trained (that is its training mask ratio, in the Model panel).',
  },
  patchTime: {
    kind: 'number',
    key: 'm.pt',
    label: 'Patch length',
    unit: 'frames',
    min: 1,
    max: 64,
    default: 2,
    integer: true,
  },
  patchSide: {
    kind: 'number',
    key: 'm.ps',
    label: 'Patch side',
    unit: 'grid points',
    min: 1,
    max: 256,
    default: 4,
    integer: true,
  },
  frames: {
    kind: 'number',
    key: 'm.t',
    label: 'Window',
    unit: 'frames',
    min: 1,
    max: 500,
    default: 8,
    integer: true,
    help: 'How many consecutive frames are cut into patches together.',
  },
  seed: {
    kind: 'number',
    key: 'm.seed',
    label: 'Mask seed',
    min: 0,
    max: 2 ** 31 - 1,
    default: 0,
    integer: true,
    help: 'The same seed gives the same mask. “New mask” moves to the next seed.',
  },
  baseline: {
    kind: 'choice',
    key: 'm.b',
    label: 'Interpolation',
    options: [
      { value: 'linear', label: 'Linear (local plane fit)' },
      { value: 'inverse-distance', label: 'Inverse-distance weighting' },
      { value: 'nearest', label: 'Nearest visible patch' },
    ],
    default: 'linear',
    help: 'How the baseline fills hidden patches from the visible ones.',
  },
  trajectory: {
    kind: 'number',
    key: 'm.i',
    label: 'Trajectory',
    min: 0,
    max: MAX_INDEX,
    default: 0,
    integer: true,
  },
  start: {
    kind: 'number',
    key: 'm.t0',
    label: 'First frame',
    min: 0,
    max: MAX_INDEX,
    default: 0,
    integer: true,
    help: 'Where the window starts in the trajectory.',
  },
});
