/**
 * DPOT's data in Node (methods §2g): heat, advection and Burgers from random sines, and
 * Navier–Stokes at two viscosities, each as the Data panel builds it from its defaults with only
 * the sizes (and NS's viscosity and record interval) changed. NS lives on [0, 1]², the others on
 * [−1, 1]², so they cannot share one Data-panel mix: here every equation is its own set, and
 * a list of them is a weighted mixture of window sources (methods §2c.1).
 */
import { dataPanelRequest } from '../../../cli/dataPanelRequest';
import { generateDataset, type GenerateRequest } from '../../../data/generate';
import { generateMix, type GeneratedMix } from '../../../data/generateMix';
import type { TrajectoryArray } from '../../../data/trajectories';
import { PDE_CATALOG } from '../../../pde/catalog';
import type { InitialConditionId } from '../../../pde/initial/registry';
import { seedFor } from '../../../pde/random';
import type { PdeId } from '../../../pde/types';
import { buildParamsFrom } from '../../../state/buildParams';
import { defaultDatasetSettings } from '../../../state/defaultDataset';
import type { Settings } from '../../../state/settingsSchema';
import { defaultSettings } from '../../../state/settingsStore';
import { dpotInfo } from '../info';
import type { DpotWindowSource } from '../windows';

export type DpotEquationId = 'heat' | 'advection' | 'burgers' | 'ns-1e-3' | 'ns-1e-4';

export const DPOT_EQUATIONS: Record<
  DpotEquationId,
  { label: string; pde: PdeId; viscosity?: number }
> = {
  heat: { label: 'Heat', pde: 'heat' },
  advection: { label: 'Advection', pde: 'advection' },
  burgers: { label: 'Burgers', pde: 'burgers' },
  'ns-1e-3': { label: 'Navier–Stokes ν = 1e-3', pde: 'ns', viscosity: 1e-3 },
  'ns-1e-4': { label: 'Navier–Stokes ν = 1e-4', pde: 'ns', viscosity: 1e-4 },
};

export const DPOT_EQUATION_IDS = Object.keys(DPOT_EQUATIONS) as DpotEquationId[];

export interface DpotDataSizes {
  count: number;
  grid: number;
  frames: number;
  seed: number;
}

/**
 * NS frames 0.5 time units apart. DPOT's FNO-ν data record every 1 time unit (methods §0.3 G2),
 * but after a 30-unit burn-in and at 64²; the Data panel has no burn-in, and at 32² a frame
 * every 1 time unit changes by up to 0.5–0.65 of its norm at ν = 1e-4 (measured, seed 0, 8
 * trajectories of 30 frames), more than any other equation here. Every 0.5 time units the change
 * is 0.03–0.27 at both viscosities: visible, and in the range of advection (0.31) and Burgers
 * (0.04–0.10) at their panel defaults, so one model can learn all of them; and it costs half the
 * solver steps. The panel's own default (0.1) changes NS too little to teach a rollout.
 */
export const DPOT_NS_RECORD_INTERVAL = 0.5;

/** Heat, advection and Burgers record at the model's default dataset's interval (heat's). */
const SINES_RECORD_INTERVAL =
  PDE_CATALOG[dpotInfo.defaultDataset.recordFrom ?? 'heat'].defaultRecordInterval;

/** Each equation of a list of sources draws its seed from this stream, apart from the others. */
const SOURCE_SEED_STREAM = 3000;

/** The Data panel's request for `count` trajectories of one equation, seeded. */
export function dpotEquationRequest(id: DpotEquationId, sizes: DpotDataSizes): GenerateRequest {
  const equation = DPOT_EQUATIONS[id];
  if (!equation) {
    throw new RangeError(
      `No DPOT equation "${id}"; expected one of ${DPOT_EQUATION_IDS.join(', ')}.`,
    );
  }
  const initial = (
    equation.pde === 'ns' ? PDE_CATALOG.ns.defaultInitialCondition : dpotInfo.defaultDataset.initial
  ) as InitialConditionId;
  const request = dataPanelRequest(
    { equation: equation.pde, initial },
    { count: sizes.count, seed: sizes.seed, n: sizes.grid, frames: sizes.frames },
  );
  return {
    ...request,
    recordInterval: equation.pde === 'ns' ? DPOT_NS_RECORD_INTERVAL : SINES_RECORD_INTERVAL,
    coefficients: {
      ...request.coefficients,
      ...(equation.viscosity !== undefined ? { nu: equation.viscosity } : {}),
    },
  };
}

/**
 * `count` trajectories of one equation as the Data panel builds them (its defaults; random sines
 * for heat, advection and Burgers, the NS panel's default initial condition, NS's viscosity
 * set), seeded: [count, frames, grid, grid, channels].
 */
export async function dpotEquationSet(
  id: DpotEquationId,
  sizes: DpotDataSizes,
): Promise<TrajectoryArray> {
  const dataset = await generateDataset(dpotEquationRequest(id, sizes));
  return { data: dataset.data, shape: dataset.shape };
}

/**
 * Several equations as weighted window sources (methods §2c.1 / §2g), in the order given. Each
 * equation's trajectories come from its own seed, drawn from `sizes.seed` and the equation, so
 * that heat and advection (or the two NS viscosities) do not start from the same fields.
 */
export async function dpotEquationSources(
  ids: readonly DpotEquationId[],
  sizes: DpotDataSizes,
  weights: Partial<Record<DpotEquationId, number>> = {},
): Promise<DpotWindowSource[]> {
  if (new Set(ids).size !== ids.length) {
    throw new RangeError(`Each equation may appear once (got ${ids.join(', ')}).`);
  }
  const sources: DpotWindowSource[] = [];
  for (const id of ids) {
    const seed = dpotEquationSeed(id, sizes.seed);
    const set = await dpotEquationSet(id, { ...sizes, seed });
    const weight = weights[id];
    sources.push(weight === undefined ? { set } : { set, weight });
  }
  return sources;
}

/** The seed an equation's trajectories get in dpotEquationSources for the list's seed. */
export function dpotEquationSeed(id: DpotEquationId, seed: number): number {
  return seedFor(seed, DPOT_EQUATION_IDS.indexOf(id), SOURCE_SEED_STREAM);
}

/**
 * DPOT's default dataset (dpotInfo.defaultDataset: heat, advection and Burgers in equal shares)
 * as a student builds it in the Data panel with this seed (0 is the panel's), on the recipe's
 * grid unless another is given, with its mix description, which dpotSources splits back into one
 * source per equation.
 */
export function dpotDefaultDataset(
  options: { seed?: number; count?: number; grid?: number } = {},
): Promise<GeneratedMix> {
  const { seed = 0, count, grid } = options;
  const settings = defaultSettings();
  const changes = defaultDatasetSettings(
    settings,
    { seed, ...(count !== undefined ? { count } : {}) },
    dpotInfo.defaultDataset,
  );
  if (grid !== undefined) changes.sim = { ...changes.sim, n: String(grid) };
  const values = Object.fromEntries(
    Object.entries(settings).map(([section, current]) => [
      section,
      { ...current, ...changes[section] },
    ]),
  ) as Settings;
  const { request } = buildParamsFrom(values);
  if (request.kind !== 'mix') throw new Error('DPOT’s default dataset is not a mix.');
  return generateMix(request.mix);
}

/** Trajectories `first`…`first + count − 1` of a set, without copying. */
export function trajectoryRange(
  set: TrajectoryArray,
  first: number,
  count: number,
): TrajectoryArray {
  const [N, T, X, Y, C] = set.shape;
  if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 0)) {
    throw new RangeError(`Trajectories ${first}… (${count} of them) are not whole counts.`);
  }
  if (first + count > N) {
    throw new RangeError(
      `Trajectories ${first}…${first + count - 1} do not exist: the set holds ${N}.`,
    );
  }
  const size = T * X * Y * C;
  return {
    data: set.data.subarray(first * size, (first + count) * size),
    shape: [count, T, X, Y, C],
  };
}
