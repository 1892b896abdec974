/**
 * Every initial condition the lab offers, for the UI to list and the worker to run. Plain data
 * and CPU code only: safe to import on the main thread (the tensor wrapper is in ./tensor).
 */
import { checkValues, defaults, type Schema, type SchemaValues } from '../../schema/params';
import type { Grid } from '../grid';
import { gaussianBlobs, gaussianBlobsParams } from './gaussianBlobs';
import { gaussianBump, gaussianBumpParams } from './gaussianBump';
import { gaussianRandomField, gaussianRandomFieldParams } from './gaussianRandomField';
import { fitChannels } from './layout';
import {
  hotSquare,
  hotSquareParams,
  ring,
  ringParams,
  taylorGreen,
  taylorGreenParams,
  vortexPair,
  vortexPairParams,
} from './presets';
import { randomSines, randomSinesParams } from './randomSines';
import { defineInitialCondition, type InitialConditionSpec } from './types';

export const INITIAL_CONDITIONS = {
  'gaussian-random-field': defineInitialCondition({
    id: 'gaussian-random-field',
    label: 'Gaussian random field',
    explanation:
      'Smooth random blobs of many sizes, as in FNO and DINo Navier–Stokes data.\n\n' +
      'A Gaussian random field with a power-law spectrum.',
    params: gaussianRandomFieldParams,
    channels: 1,
    usesSeed: true,
    suggestedFor: ['ns', 'heat'],
    generate: gaussianRandomField,
  }),
  'random-sines': defineInitialCondition({
    id: 'random-sines',
    label: 'Random sine waves',
    explanation:
      'A sum of five random plane waves, as in the MAE-PDE heat, advection and Burgers data.',
    params: randomSinesParams,
    channels: 1,
    usesSeed: true,
    suggestedFor: ['heat', 'advection', 'burgers'],
    generate: randomSines,
  }),
  'gaussian-bump': defineInitialCondition({
    id: 'gaussian-bump',
    label: 'Gaussian bump',
    explanation:
      'One round bump of random height, size and position at rest, as in DINo wave data.',
    params: gaussianBumpParams,
    channels: 2,
    usesSeed: true,
    suggestedFor: ['wave'],
    generate: gaussianBump,
  }),
  'gaussian-blobs': defineInitialCondition({
    id: 'gaussian-blobs',
    label: 'Gaussian blobs',
    explanation:
      'A few round blobs of dye of random sizes at random places, for a flow to carry around.',
    params: gaussianBlobsParams,
    channels: 1,
    usesSeed: true,
    suggestedFor: ['swirl'],
    generate: gaussianBlobs,
  }),
  'hot-square': defineInitialCondition({
    id: 'hot-square',
    label: 'Hot square',
    explanation: 'A warm square with a hotter spot inside it: watch the corners round off first.',
    params: hotSquareParams,
    channels: 1,
    usesSeed: false,
    suggestedFor: ['heat'],
    generate: hotSquare,
  }),
  ring: defineInitialCondition({
    id: 'ring',
    label: 'Ring',
    explanation: 'A thin circular ring around the centre of the box.',
    params: ringParams,
    channels: 1,
    usesSeed: false,
    suggestedFor: ['heat', 'wave', 'advection'],
    generate: ring,
  }),
  'vortex-pair': defineInitialCondition({
    id: 'vortex-pair',
    label: 'Vortex pair',
    explanation: 'Two counter-rotating vortices that push each other across the box.',
    params: vortexPairParams,
    channels: 1,
    usesSeed: false,
    suggestedFor: ['ns'],
    generate: vortexPair,
  }),
  'taylor-green': defineInitialCondition({
    id: 'taylor-green',
    label: 'Taylor–Green',
    explanation:
      'A checkerboard of cos·cos cells: a steady flow that simply decays with viscosity.',
    params: taylorGreenParams,
    channels: 1,
    usesSeed: false,
    suggestedFor: ['ns', 'heat'],
    generate: taylorGreen,
  }),
} as const;

export type InitialConditionId = keyof typeof INITIAL_CONDITIONS;

export const INITIAL_CONDITION_IDS = Object.keys(INITIAL_CONDITIONS) as InitialConditionId[];

export function isInitialConditionId(id: string): id is InitialConditionId {
  return Object.hasOwn(INITIAL_CONDITIONS, id);
}

export interface InitialConditionRequest {
  grid: Grid;
  /** One seed per trajectory (e.g. trajectorySeeds(datasetSeed, start, count)). */
  seeds: readonly number[];
  /** Values for some of the spec's params, of unknown origin; the rest take their defaults. */
  params?: Readonly<Record<string, unknown>>;
  /** The equation's channel count; defaults to the spec's. */
  channels?: number;
  /** How channels beyond the spec's are filled (see fitChannels). */
  fill?: 'zeros' | 'repeat';
}

/**
 * Validates the request and returns the initial states, a Float32Array [B, N, N, C] with
 * B = seeds.length. Throws on an unknown id, a bad grid or seed, or a rejected param.
 */
export function generateInitialCondition(
  id: string,
  request: InitialConditionRequest,
): Float32Array {
  if (!isInitialConditionId(id)) throw new Error(`unknown initial condition "${id}"`);
  const spec: InitialConditionSpec = INITIAL_CONDITIONS[id];
  const { grid, seeds } = request;
  if (!Number.isInteger(grid.n) || grid.n < 2 || !(grid.length > 0)) {
    throw new RangeError('the grid needs n ≥ 2 points and a positive length');
  }
  if (!seeds.every((s) => Number.isSafeInteger(s))) {
    throw new RangeError('seeds must be safe integers');
  }
  const { accepted, rejected } = checkValues(spec.params, request.params ?? {});
  if (rejected.length > 0) {
    throw new RangeError(rejected.map((r) => `${r.name}: ${r.reason}`).join('; '));
  }
  // Every accepted value passed its param's check, so the merge is a full set of values.
  const params = { ...defaults(spec.params), ...accepted } as SchemaValues<Schema>;
  const data = spec.generate(grid, seeds, params);
  const channels = request.channels ?? spec.channels;
  return fitChannels(data, grid, spec.channels, channels, request.fill);
}

/**
 * The initial condition a dataset of `pde` starts from unless told otherwise: the first suggested
 * one that draws from the seed, so trajectories differ (classroom presets would all be equal).
 */
export function datasetInitialCondition(pde: string): InitialConditionId {
  const match = Object.values(INITIAL_CONDITIONS).find(
    (ic) => ic.usesSeed && (ic.suggestedFor as readonly string[]).includes(pde),
  );
  return (match?.id ?? 'gaussian-random-field') as InitialConditionId;
}
