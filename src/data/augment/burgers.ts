/**
 * MAE-PDE's anisotropic Burgers u_t + cx u u_x + cy v u_y = νΔu (and the same for v), §4.3.
 * (u, v) is a vector: under u'(x) = Gᵀu(Gx) the weights follow the axes (cx ↔ cy when G swaps
 * them). Nonlinear, so no amplitude scaling at fixed coefficients; the relabelling
 * e^ε(u, v) with (cx, cy)·e^{−ε} keeps ν, the grid and the frame times.
 */
import { gridSpacing } from '../../pde/grid';
import { fourierShiftAugmentation, d4Augmentations, rollAugmentation } from './common';
import { swapsAxes, transposed } from './d4';
import { defineAugmentation, mapWith } from './define';
import type { Augmentation } from './types';

/**
 * (u, v)(x − cx εx t, y − cy εy t) + (εx, εy), with t counted from the first frame. Velocities
 * ε ~ U(−½, ½) per axis, LPSDA's range.
 */
const galileanBoost = defineAugmentation('burgers', {
  id: 'boost',
  label: 'Galilean boost',
  kind: 'boost',
  params: ['ex', 'ey'],
  sample: (rng) => ({ ex: rng.uniformIn(-0.5, 0.5), ey: rng.uniformIn(-0.5, 0.5) }),
  run: (trajectory, meta, p, shape) => {
    const h = gridSpacing(meta.grid);
    const { cx, cy } = meta.coefficients;
    const t0 = meta.times[0]!;
    return {
      trajectory: mapWith(trajectory, meta, shape, {
        offset: (k) => {
          const t = meta.times[k]! - t0;
          return [(-cx! * p.ex! * t) / h, (-cy! * p.ey! * t) / h];
        },
        channelOffset: [p.ex!, p.ey!],
      }),
      coefficients: { ...meta.coefficients },
      times: [...meta.times],
    };
  },
});

const amplitudeRelabel = defineAugmentation('burgers', {
  id: 'amplitude-relabel',
  label: 'Amplitude e^ε with (cx, cy)·e^−ε',
  kind: 'relabel',
  params: ['eps'],
  sample: (rng) => ({ eps: rng.uniformIn(-0.25, 0.25) }),
  run: (trajectory, meta, p) => {
    const factor = Math.exp(p.eps!);
    const { cx, cy } = meta.coefficients;
    return {
      trajectory: trajectory.map((v) => v * factor),
      coefficients: { ...meta.coefficients, cx: cx! / factor, cy: cy! / factor },
      times: [...meta.times],
    };
  },
});

export const burgersAugmentations: readonly Augmentation[] = [
  rollAugmentation('burgers'),
  fourierShiftAugmentation('burgers'),
  ...d4Augmentations('burgers', {
    channelMatrix: (g) => transposed(g),
    coefficients: (g, c) => (swapsAxes(g) ? { ...c, cx: c.cy!, cy: c.cx! } : { ...c }),
  }),
  galileanBoost,
  amplitudeRelabel,
];
