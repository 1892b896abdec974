/** Wraps each augmentation's math with the input checks every one of them needs. */
import { PDE_CATALOG } from '../../pde/catalog';
import type { Rng } from '../../pde/random';
import type { PdeId } from '../../pde/types';
import { mapTrajectory, type GridMap, type TrajectoryShape } from './gridMap';
import type { AugmentKind, AugmentMeta, AugmentParams, AugmentResult, Augmentation } from './types';

export interface AugmentationDef {
  id: string;
  label: string;
  kind: AugmentKind;
  params?: readonly string[];
  unavailable?(meta: AugmentMeta): string | null;
  sample?(rng: Rng, meta: AugmentMeta): AugmentParams;
  run(
    trajectory: Float32Array,
    meta: AugmentMeta,
    params: AugmentParams,
    shape: TrajectoryShape,
  ): AugmentResult;
}

export function defineAugmentation(pde: PdeId, def: AugmentationDef): Augmentation {
  const params = def.params ?? [];
  const unavailable = (meta: AugmentMeta) => def.unavailable?.(meta) ?? null;
  return {
    id: def.id,
    label: def.label,
    kind: def.kind,
    params,
    unavailable,
    sample: def.sample ?? (() => ({})),
    apply(trajectory, meta, given = {}) {
      const shape = checkInput(pde, trajectory, meta);
      const reason = unavailable(meta);
      if (reason !== null) {
        throw new Error(
          `"${def.id}" is not a symmetry of the ${PDE_CATALOG[pde].title} here: ${reason}`,
        );
      }
      for (const name of Object.keys(given)) {
        if (!params.includes(name)) {
          throw new Error(
            `"${def.id}" takes ${params.length ? params.join(', ') : 'no parameters'}; got "${name}".`,
          );
        }
      }
      for (const name of params) {
        if (!Number.isFinite(given[name])) {
          throw new Error(`"${def.id}" needs a finite parameter "${name}" (got ${given[name]}).`);
        }
      }
      return def.run(trajectory, meta, given, shape);
    },
  };
}

export function checkInput(
  pde: PdeId,
  trajectory: Float32Array,
  meta: AugmentMeta,
): TrajectoryShape {
  const info = PDE_CATALOG[pde];
  const { grid, times, coefficients } = meta;
  if (!Number.isInteger(grid.n) || grid.n < 2) {
    throw new Error(`Grid size must be an integer ≥ 2 (got ${grid.n}).`);
  }
  if (!(grid.length > 0) || !Number.isFinite(grid.length) || !Number.isFinite(grid.origin)) {
    throw new Error(
      `Grid length must be positive and origin finite (got ${grid.length}, ${grid.origin}).`,
    );
  }
  if (times.length < 1) throw new Error('A trajectory needs at least one frame time.');
  for (let t = 0; t < times.length; t++) {
    if (!Number.isFinite(times[t]) || (t > 0 && !(times[t]! > times[t - 1]!))) {
      throw new Error(`Frame times must be finite and strictly increasing (frame ${t}).`);
    }
  }
  for (const [name, param] of Object.entries(info.params)) {
    if (param.kind === 'number' && !Number.isFinite(coefficients[name])) {
      throw new Error(`The ${info.title} needs a finite coefficient "${name}".`);
    }
  }
  const shape = { frames: times.length, n: grid.n, channels: info.channels.length };
  const expected = shape.frames * shape.n * shape.n * shape.channels;
  if (trajectory.length !== expected) {
    throw new Error(
      `Trajectory has ${trajectory.length} values; [T, N, N, C] = [${shape.frames}, ${shape.n}, ${shape.n}, ${shape.channels}] needs ${expected}.`,
    );
  }
  return shape;
}

/** mapTrajectory with the meta's Nyquist mode and default channel map (identity, no offset). */
export function mapWith(
  trajectory: Float32Array,
  meta: AugmentMeta,
  shape: TrajectoryShape,
  map: Partial<GridMap>,
): Float32Array {
  const c = shape.channels;
  const identity = Array.from({ length: c * c }, (_, i) => (i % (c + 1) === 0 ? 1 : 0));
  return mapTrajectory(trajectory, shape, {
    gather: map.gather ?? [1, 0, 0, 1],
    offset: map.offset ?? (() => [0, 0]),
    channelMatrix: map.channelMatrix ?? identity,
    channelOffset: map.channelOffset ?? new Array<number>(c).fill(0),
    nyquist: meta.nyquist ?? 'keep',
  });
}
