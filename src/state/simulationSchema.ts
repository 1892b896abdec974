/**
 * The Data panel's settings as URL-encoded schema sections, generated from the equation catalog
 * and the initial-condition registry: `sim` (which equation, grid, seed, playback speed), one
 * section per equation (scheme, steps, initial condition, coefficients; URL keys prefixed with
 * the equation id, e.g. `heat.nu`) and one per initial condition (its own prefixed keys).
 */
import { defineSchema, type Param, type Schema } from '../schema/params';
import { PDE_CATALOG } from '../pde/catalog';
import { INITIAL_CONDITIONS } from '../pde/initial/registry';
import type { PdeId, PdeInfo } from '../pde/types';

export const simSchema = defineSchema({
  pde: {
    kind: 'choice',
    key: 'eq',
    label: 'Equation',
    options: Object.values(PDE_CATALOG).map((info) => ({ value: info.id, label: info.title })),
    default: 'ns',
  },
  n: {
    kind: 'choice',
    key: 'n',
    label: 'Grid',
    options: [
      { value: '32', label: '32 × 32' },
      { value: '64', label: '64 × 64' },
      { value: '128', label: '128 × 128' },
      { value: '256', label: '256 × 256' },
    ],
    default: '64',
    help: 'Points per side. Larger grids show finer detail and cost more per step.',
  },
  seed: {
    kind: 'number',
    key: 'seed',
    label: 'Seed',
    min: 0,
    max: 2 ** 31 - 1,
    default: 0,
    integer: true,
    help: 'The same seed gives the same random initial condition.',
  },
  speed: {
    kind: 'number',
    key: 'spd',
    label: 'Speed',
    unit: 'frames per draw',
    min: 1,
    max: 50,
    default: 1,
    integer: true,
    help: 'How many record intervals the simulation advances between two drawn frames.',
  },
});

export const pdeSectionId = (id: PdeId) => `pde.${id}`;
export const initialSectionId = (id: string) => `ic.${id}`;

/** scheme, dt, record interval and initial condition for one equation, then its coefficients. */
export function pdeSectionSchema(info: PdeInfo): Schema {
  const prefix = `${info.id}.`;
  const suggested = Object.values(INITIAL_CONDITIONS).filter((ic) =>
    (ic.suggestedFor as readonly string[]).includes(info.id),
  );
  const others = Object.values(INITIAL_CONDITIONS).filter((ic) => !suggested.includes(ic));
  const base: Record<string, Param> = {
    scheme: {
      kind: 'choice',
      key: `${prefix}s`,
      label: 'Scheme',
      options: info.schemes.map((s) => ({ value: s.id, label: s.label })),
      default: info.defaultScheme,
    },
    initial: {
      kind: 'choice',
      key: `${prefix}ic`,
      label: 'Initial condition',
      options: [...suggested, ...others].map((ic) => ({ value: ic.id, label: ic.label })),
      default: info.defaultInitialCondition,
    },
    dt: {
      kind: 'number',
      key: `${prefix}dt`,
      label: 'Time step Δt',
      min: 1e-6,
      max: 1,
      default: info.defaultDt,
      log: true,
      help: 'The solver step for explicit schemes; exact schemes jump whole record intervals.',
    },
    record: {
      kind: 'number',
      key: `${prefix}rec`,
      label: 'Record interval',
      min: 1e-4,
      max: 10,
      default: info.defaultRecordInterval,
      log: true,
      help: 'Simulated time between two frames.',
    },
  };
  const coefficients = Object.fromEntries(
    Object.entries(info.params).map(([name, param]) => [
      name,
      { ...param, key: `${prefix}${param.key}` },
    ]),
  );
  return { ...base, ...coefficients };
}

export const buildSchema = defineSchema({
  mode: {
    kind: 'choice',
    key: 'b.mode',
    label: 'Equations',
    options: [
      { value: 'single', label: 'The equation above' },
      { value: 'mix', label: 'A weighted mix' },
    ],
    default: 'single',
    help: 'A mix shares the trajectories between equations by weight, as MAE-PDE pretrains on heat, advection and Burgers together.',
  },
  count: {
    kind: 'number',
    key: 'b.n',
    label: 'Trajectories',
    min: 1,
    max: 4096,
    default: 16,
    integer: true,
  },
  frames: {
    kind: 'number',
    key: 'b.t',
    label: 'Frames',
    min: 2,
    max: 500,
    default: 20,
    integer: true,
    help: 'Recorded frames per trajectory, the initial state included.',
  },
  seed: {
    kind: 'number',
    key: 'b.seed',
    label: 'Dataset seed',
    min: 0,
    max: 2 ** 31 - 1,
    default: 0,
    integer: true,
    help: 'The same seed and settings give identical data, here and in the command-line tool.',
  },
  valFraction: {
    kind: 'number',
    key: 'b.val',
    label: 'Validation share',
    min: 0,
    max: 0.5,
    default: 0.1,
  },
  testFraction: {
    kind: 'number',
    key: 'b.test',
    label: 'Test share',
    min: 0,
    max: 0.5,
    default: 0.1,
  },
  batch: {
    kind: 'number',
    key: 'b.batch',
    label: 'Batch',
    min: 1,
    max: 256,
    default: 16,
    integer: true,
    help: 'Trajectories simulated at once on the GPU. It does not change the data.',
  },
  noise: {
    kind: 'number',
    key: 'b.noise',
    label: 'Observation noise',
    unit: '× std',
    min: 0,
    max: 2,
    default: 0,
    help:
      'Random noise added to every stored value, like a noisy sensor, as a fraction of the ' +
      'field’s typical size: 0.05 adds noise about 5% as large as the field varies. 0 keeps the ' +
      'data clean.\n\n' +
      'Additive Gaussian noise with standard deviation this many times each channel’s standard ' +
      'deviation over the whole clean dataset; recorded in the dataset’s metadata.',
  },
  noiseSeed: {
    kind: 'number',
    key: 'b.nseed',
    label: 'Noise seed',
    min: 0,
    max: 2 ** 31 - 1,
    default: 0,
    integer: true,
    help: 'The noise’s own seed: the same simulated data can be observed with different noise.',
  },
});

/** MAE-PDE's pretraining mix: heat, advection and Burgers in equal shares. */
const DEFAULT_MIX_WEIGHTS: Partial<Record<PdeId, number>> = { heat: 1, advection: 1, burgers: 1 };

/** Each equation's weight in a mixed dataset (0 leaves it out). */
export const mixSchema: Schema = Object.fromEntries(
  Object.values(PDE_CATALOG).map((info): [string, Param] => [
    info.id,
    {
      kind: 'number',
      key: `mix.${info.id}`,
      label: info.title,
      unit: 'weight',
      min: 0,
      max: 100,
      default: DEFAULT_MIX_WEIGHTS[info.id] ?? 0,
    },
  ]),
);

export const rangeSectionId = (id: PdeId) => `range.${id}`;

/** Lower and upper end of each coefficient's uniform sampling range, for the dataset builder. */
export function rangeSectionSchema(info: PdeInfo): Schema {
  const entries: [string, Param][] = [];
  for (const [name, param] of Object.entries(info.params)) {
    if (param.kind !== 'number') continue;
    const [low, high] = param.datasetRange ?? [param.default, param.default];
    const bound = (end: 'low' | 'high', value: number): Param => ({
      ...param,
      key: `${info.id}.${param.key}.${end === 'low' ? 'lo' : 'hi'}`,
      label: `${param.label} ${end === 'low' ? 'from' : 'to'}`,
      default: value,
      help: undefined,
    });
    entries.push([`${name}.low`, bound('low', low)], [`${name}.high`, bound('high', high)]);
  }
  return Object.fromEntries(entries);
}

export const SIMULATION_SCHEMAS: Record<string, Schema> = {
  sim: simSchema,
  build: buildSchema,
  mix: mixSchema,
  ...Object.fromEntries(
    Object.values(PDE_CATALOG).map((info) => [rangeSectionId(info.id), rangeSectionSchema(info)]),
  ),
  ...Object.fromEntries(
    Object.values(PDE_CATALOG).map((info) => [pdeSectionId(info.id), pdeSectionSchema(info)]),
  ),
  ...Object.fromEntries(
    Object.values(INITIAL_CONDITIONS).map((ic) => [initialSectionId(ic.id), ic.params as Schema]),
  ),
};
