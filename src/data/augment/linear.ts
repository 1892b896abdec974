/**
 * Heat, wave and advection: linear and translation-invariant, so every shift, D4 element,
 * amplitude e^ε and constant offset maps solutions to solutions (§4.1, §4.2, §4.6). Swirl is
 * linear but carried by a fixed flow: only the amplitude and the offset.
 */
import { transposed, times } from './d4';
import {
  amplitudeAugmentation,
  d4Augmentations,
  fourierShiftAugmentation,
  offsetAugmentation,
  rollAugmentation,
} from './common';
import { defineAugmentation, mapWith } from './define';
import type { Augmentation } from './types';

export const heatAugmentations: readonly Augmentation[] = [
  rollAugmentation('heat'),
  fourierShiftAugmentation('heat'),
  ...d4Augmentations('heat'),
  amplitudeAugmentation('heat'),
  offsetAugmentation('heat'),
];

/** Velocity a transforms as a vector: u0(Gx − at) = u0(G(x − Gᵀa t)), so a' = Gᵀa. */
export const advectionAugmentations: readonly Augmentation[] = [
  rollAugmentation('advection'),
  fourierShiftAugmentation('advection'),
  ...d4Augmentations('advection', {
    coefficients: (g, c) => {
      const [ax, ay] = times(transposed(g), [c.ax!, c.ay!]);
      return { ...c, ax, ay };
    },
  }),
  amplitudeAugmentation('advection'),
  offsetAugmentation('advection'),
];

/**
 * Swirl: the flow a(x) is fixed by the trajectory's flow seed, so shifts and D4 maps (which would
 * move or turn the flow too) are not symmetries; scaling and offsetting u are.
 */
export const swirlAugmentations: readonly Augmentation[] = [
  amplitudeAugmentation('swirl'),
  offsetAugmentation('swirl'),
];

const RELATIVE_TIME_TOLERANCE = 1e-6;

/** (u, u_t)(x, t) → (u, −u_t)(x, T − t): the frames in reverse order, undamped waves only. */
const waveTimeReversal = defineAugmentation('wave', {
  id: 'time-reverse',
  label: 'Time reversal (γ = 0)',
  kind: 'time-reversal',
  unavailable: (meta) => {
    const gamma = meta.coefficients.gamma ?? 0;
    if (gamma !== 0) return `damping γ = ${gamma} turns into −γ under time reversal.`;
    const { times: t } = meta;
    const step = t.length > 1 ? t[1]! - t[0]! : 0;
    for (let k = 2; k < t.length; k++) {
      if (Math.abs(t[k]! - t[k - 1]! - step) > RELATIVE_TIME_TOLERANCE * step) {
        return 'the frames are not equally spaced in time.';
      }
    }
    return null;
  },
  run: (trajectory, meta, _p, shape) => {
    const frameSize = shape.n * shape.n * shape.channels;
    const reversed = new Float32Array(trajectory.length);
    for (let k = 0; k < shape.frames; k++) {
      const src = (shape.frames - 1 - k) * frameSize;
      reversed.set(trajectory.subarray(src, src + frameSize), k * frameSize);
    }
    return {
      trajectory: mapWith(reversed, meta, shape, { channelMatrix: [1, 0, 0, -1] }),
      coefficients: { ...meta.coefficients },
      times: [...meta.times],
    };
  },
});

export const waveAugmentations: readonly Augmentation[] = [
  rollAugmentation('wave'),
  fourierShiftAugmentation('wave'),
  ...d4Augmentations('wave'),
  amplitudeAugmentation('wave'),
  offsetAugmentation('wave'),
  waveTimeReversal,
];
