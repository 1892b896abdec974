/** Builders for the maps several equations share: shifts, D4, amplitude and offset. */
import { gridSpacing } from '../../pde/grid';
import type { Rng } from '../../pde/random';
import type { PdeId } from '../../pde/types';
import { D4_ELEMENTS, D4_IDS, times, type D4Id } from './d4';
import { defineAugmentation, mapWith } from './define';
import type { D4Matrix } from './gridMap';
import type { AugmentMeta, Augmentation } from './types';

/** Returns why a shift by (ax, ay) (physical units) breaks the equation, or null. */
export type ShiftCheck = (a: readonly [number, number], meta: AugmentMeta) => string | null;

export interface ShiftRules {
  check?: ShiftCheck;
  /** Draws (ix, iy) grid points for the roll; default uniform in [0, N). */
  sampleRoll?(rng: Rng, meta: AugmentMeta): [number, number];
  /** Draws (ax, ay) for the Fourier shift; default uniform in [−L/2, L/2). */
  sampleShift?(rng: Rng, meta: AugmentMeta): [number, number];
}

/** u'(x) = u(x − i·h): np.roll by (ix, iy) points along x and y. */
export function rollAugmentation(pde: PdeId, rules: ShiftRules = {}): Augmentation {
  return defineAugmentation(pde, {
    id: 'roll',
    label: 'Periodic shift by whole grid points',
    kind: 'shift',
    params: ['ix', 'iy'],
    sample: (rng, meta) => {
      const [ix, iy] = rules.sampleRoll?.(rng, meta) ?? [
        rng.integer(0, meta.grid.n - 1),
        rng.integer(0, meta.grid.n - 1),
      ];
      return { ix, iy };
    },
    run: (trajectory, meta, p, shape) => {
      if (!Number.isInteger(p.ix) || !Number.isInteger(p.iy)) {
        throw new Error(`"roll" needs whole numbers of grid points (got ${p.ix}, ${p.iy}).`);
      }
      const h = gridSpacing(meta.grid);
      throwIf(rules.check?.([p.ix! * h, p.iy! * h], meta), 'roll');
      return {
        trajectory: mapWith(trajectory, meta, shape, { offset: () => [-p.ix!, -p.iy!] }),
        coefficients: { ...meta.coefficients },
        times: [...meta.times],
      };
    },
  });
}

/** u'(x) = u(x − a) for any real a (physical units), by Fourier phases beyond whole points. */
export function fourierShiftAugmentation(pde: PdeId, rules: ShiftRules = {}): Augmentation {
  return defineAugmentation(pde, {
    id: 'shift',
    label: 'Sub-pixel Fourier shift',
    kind: 'shift',
    params: ['ax', 'ay'],
    sample: (rng, meta) => {
      const half = meta.grid.length / 2;
      const [ax, ay] = rules.sampleShift?.(rng, meta) ?? [
        rng.uniformIn(-half, half),
        rng.uniformIn(-half, half),
      ];
      return { ax, ay };
    },
    run: (trajectory, meta, p, shape) => {
      throwIf(rules.check?.([p.ax!, p.ay!], meta), 'shift');
      const h = gridSpacing(meta.grid);
      return {
        trajectory: mapWith(trajectory, meta, shape, { offset: () => [-p.ax! / h, -p.ay! / h] }),
        coefficients: { ...meta.coefficients },
        times: [...meta.times],
      };
    },
  });
}

export interface D4Rules {
  /** Row-major C×C map of the channels under G (default identity). */
  channelMatrix?(g: D4Matrix): readonly number[];
  coefficients?(
    g: D4Matrix,
    coefficients: Readonly<Record<string, number>>,
  ): Record<string, number>;
  /**
   * The physical shift c in u'(x) = u(Gx + c) that makes G a symmetry, or a reason it is not
   * one. Default: c = 0, reflecting about the first grid point (translation-invariant equations).
   */
  shiftFor?(id: D4Id, meta: AugmentMeta): readonly [number, number] | string;
}

/** One augmentation per non-trivial D4 element. */
export function d4Augmentations(pde: PdeId, rules: D4Rules = {}): Augmentation[] {
  return D4_IDS.map((id) => {
    const { label, matrix: g } = D4_ELEMENTS[id];
    const shiftFor = (meta: AugmentMeta) => rules.shiftFor?.(id, meta) ?? null;
    return defineAugmentation(pde, {
      id,
      label,
      kind: 'd4',
      unavailable: (meta) => {
        const c = shiftFor(meta);
        return typeof c === 'string' ? c : null;
      },
      run: (trajectory, meta, _p, shape) => {
        const c = shiftFor(meta);
        let offset: [number, number] = [0, 0];
        if (c !== null && typeof c !== 'string') {
          // x = o + h·p, so u(Gx + c) at index p reads index Gp + (Gō + c − ō)/h.
          const { origin, length, n } = meta.grid;
          const h = length / n;
          const go = times(g, [origin, origin]);
          offset = [(go[0] + c[0] - origin) / h, (go[1] + c[1] - origin) / h];
        }
        const channelMatrix = rules.channelMatrix?.(g);
        return {
          trajectory: mapWith(trajectory, meta, shape, {
            gather: g,
            offset: () => offset,
            ...(channelMatrix ? { channelMatrix } : {}),
          }),
          coefficients: rules.coefficients?.(g, meta.coefficients) ?? { ...meta.coefficients },
          times: [...meta.times],
        };
      },
    });
  });
}

/** e^ε·u on every channel: linear equations only. ε ~ U(−¼, ¼) as MAE-PDE's nodal scale. */
export function amplitudeAugmentation(pde: PdeId): Augmentation {
  return defineAugmentation(pde, {
    id: 'amplitude',
    label: 'Amplitude scaling e^ε·u',
    kind: 'scale',
    params: ['eps'],
    sample: (rng) => ({ eps: rng.uniformIn(-0.25, 0.25) }),
    run: (trajectory, meta, p) => {
      const factor = Math.exp(p.eps!);
      return {
        trajectory: trajectory.map((v) => v * factor),
        coefficients: { ...meta.coefficients },
        times: [...meta.times],
      };
    },
  });
}

/** u + ε on channel 0 only (a constant solves every linear equation here; u_t stays). */
export function offsetAugmentation(pde: PdeId): Augmentation {
  return defineAugmentation(pde, {
    id: 'offset',
    label: 'Constant offset u + ε',
    kind: 'scale',
    params: ['eps'],
    sample: (rng) => ({ eps: rng.uniformIn(-0.125, 0.125) }),
    run: (trajectory, meta, p, shape) => {
      const offset = new Array<number>(shape.channels).fill(0);
      offset[0] = p.eps!;
      return {
        trajectory: mapWith(trajectory, meta, shape, { channelOffset: offset }),
        coefficients: { ...meta.coefficients },
        times: [...meta.times],
      };
    },
  });
}

function throwIf(reason: string | null | undefined, id: string): void {
  if (reason) throw new Error(`"${id}" is not a symmetry here: ${reason}`);
}
