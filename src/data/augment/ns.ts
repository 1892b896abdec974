/**
 * 2-D Navier–Stokes in vorticity form (§4.5). ω is a pseudo-scalar: ω'(x) = det(G)·ω(Gx + c),
 * a symmetry only when the static forcing obeys f(x) = det(G)·f(Gx + c).
 *
 * - 'none': every shift and D4 element with c = 0.
 * - 'fno', f = 0.1(sin + cos)(2π(x + y)/L): shifts with ax + ay ∈ Lℤ, which on the torus are
 *   exactly the (s, −s) shifts, and the three cosets ω(L/4 − x, −y), −ω(3L/4 − y, −x) and
 *   −ω(y + L/2, x) (the product of the first two). The 90° rotations and the axis reflections
 *   turn x + y into x − y: no shift repairs that.
 * - 'kolmogorov', f = −κ cos(κy) with κ = 2πK/L (K = 4: the force (sin 8πy, 0) on the unit torus):
 *   any x shift, y shifts by multiples of L/K; ω(−x, −y) (cos is even); −ω(−x, y + L/2K) and
 *   −ω(x, L/2K − y), where the half-period shift supplies the sign the reflection needs. Maps
 *   that swap x and y would turn the force into one along y.
 *
 * No amplitude scaling (the advection term is quadratic). With no forcing the relabelling
 * a·ω(x, t0 + a(t − t0)) solves the equation with ν' = aν and frame times t0 + (t − t0)/a; with
 * forcing it would also need f' = a²f, which the fixed named forcings cannot express.
 */
import {
  isNsForcing,
  KOLMOGOROV_WAVENUMBER,
  NS_FORCINGS,
  type NsForcing,
} from '../../pde/ns/forcing';
import {
  d4Augmentations,
  fourierShiftAugmentation,
  rollAugmentation,
  type ShiftRules,
} from './common';
import { determinant, type D4Id } from './d4';
import { defineAugmentation } from './define';
import type { AugmentMeta, Augmentation } from './types';

const PERIOD_TOLERANCE = 1e-6;

/** The forcing of a Navier–Stokes trajectory ('fno' when not given, as in the solver). */
export function nsForcing(meta: AugmentMeta): NsForcing {
  const forcing = meta.options?.forcing ?? 'fno';
  if (!isNsForcing(forcing)) {
    throw new Error(
      `Unknown Navier–Stokes forcing "${String(forcing)}"; expected one of ${NS_FORCINGS.join(', ')}.`,
    );
  }
  return forcing;
}

function isMultiple(value: number, period: number): boolean {
  const r = value / period;
  return Math.abs(r - Math.round(r)) < PERIOD_TOLERANCE;
}

const shiftRules: ShiftRules = {
  check: ([ax, ay], meta) => {
    const L = meta.grid.length;
    switch (nsForcing(meta)) {
      case 'fno':
        return isMultiple(ax + ay, L)
          ? null
          : `with FNO forcing f(x + y) only shifts with ax + ay a multiple of L (such as (s, −s)) keep the forcing; got (${ax}, ${ay}).`;
      case 'kolmogorov':
        return isMultiple(ay, L / KOLMOGOROV_WAVENUMBER)
          ? null
          : `Kolmogorov forcing cos(2π·${KOLMOGOROV_WAVENUMBER}y/L) allows y shifts by multiples of L/${KOLMOGOROV_WAVENUMBER} only; got ay = ${ay}.`;
      case 'none':
        return null;
    }
  },
  sampleRoll: (rng, meta) => {
    const { n } = meta.grid;
    const ix = rng.integer(0, n - 1);
    switch (nsForcing(meta)) {
      case 'fno':
        return [ix, (n - ix) % n];
      case 'kolmogorov':
        return [
          ix,
          n % KOLMOGOROV_WAVENUMBER === 0
            ? (n / KOLMOGOROV_WAVENUMBER) * rng.integer(0, KOLMOGOROV_WAVENUMBER - 1)
            : 0,
        ];
      case 'none':
        return [ix, rng.integer(0, n - 1)];
    }
  },
  sampleShift: (rng, meta) => {
    const L = meta.grid.length;
    const ax = rng.uniformIn(-L / 2, L / 2);
    switch (nsForcing(meta)) {
      case 'fno':
        return [ax, -ax];
      case 'kolmogorov':
        return [ax, (L / KOLMOGOROV_WAVENUMBER) * rng.integer(0, KOLMOGOROV_WAVENUMBER - 1)];
      case 'none':
        return [ax, rng.uniformIn(-L / 2, L / 2)];
    }
  },
};

const FNO_SHIFTS: Partial<Record<D4Id, number>> = {
  rot180: 0.25,
  antitranspose: 0.75,
  transpose: 0.5,
};
const KOLMOGOROV_D4: readonly D4Id[] = ['rot180', 'flip-x', 'flip-y'];

function shiftFor(id: D4Id, meta: AugmentMeta): readonly [number, number] | string {
  const L = meta.grid.length;
  switch (nsForcing(meta)) {
    case 'none':
      return [0, 0];
    case 'fno': {
      const fraction = FNO_SHIFTS[id];
      return fraction === undefined
        ? `${id} turns the FNO forcing f(x + y) into f(x − y); allowed D4 maps are rot180, transpose and antitranspose (with their shifts).`
        : [fraction * L, 0];
    }
    case 'kolmogorov':
      if (!KOLMOGOROV_D4.includes(id)) {
        return `${id} swaps x and y, turning the Kolmogorov force (sin κy, 0) into one along y; allowed D4 maps are rot180, flip-x and flip-y.`;
      }
      return id === 'rot180' ? [0, 0] : [0, L / (2 * KOLMOGOROV_WAVENUMBER)];
  }
}

const timeRescale = defineAugmentation('ns', {
  id: 'rescale',
  label: 'Relabel a·ω(x, at) with ν → aν',
  kind: 'relabel',
  params: ['eps'],
  unavailable: (meta) =>
    nsForcing(meta) === 'none'
      ? null
      : 'a·ω(x, at) needs the forcing scaled by a², which a named forcing cannot express.',
  sample: (rng) => ({ eps: rng.uniformIn(-0.25, 0.25) }),
  run: (trajectory, meta, p) => {
    const a = Math.exp(p.eps!);
    const t0 = meta.times[0]!;
    return {
      trajectory: trajectory.map((v) => v * a),
      coefficients: { ...meta.coefficients, nu: meta.coefficients.nu! * a },
      times: meta.times.map((t) => t0 + (t - t0) / a),
    };
  },
});

export const nsAugmentations: readonly Augmentation[] = [
  rollAugmentation('ns', shiftRules),
  fourierShiftAugmentation('ns', shiftRules),
  ...d4Augmentations('ns', { channelMatrix: (g) => [determinant(g)], shiftFor }),
  timeRescale,
];
