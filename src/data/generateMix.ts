/**
 * A dataset that mixes equations, as MAE-PDE pretrains on heat + advection + Burgers: each
 * equation gets a share of the trajectories by weight, the trajectories are interleaved in a
 * seeded order (so every split holds every equation), and channels are zero-padded to the
 * widest equation's. All equations must share the domain and the record times.
 */
import { pdeSpec } from '../pde/registry';
import { createRng, seedFor } from '../pde/random';
import type { SimulationHooks } from '../pde/simulate';
import type { PdeId } from '../pde/types';
import { generateDataset, type GeneratedDataset, type GenerateRequest } from './generate';
import type { DatasetMix } from './io/meta';
import { mixProblem } from './mixCompatibility';
import { addObservationNoise, type ObservationNoise } from './noise';
import { trajectoryWork } from './workModel';

/** One equation of the mix: its own numerics, ranges and initial condition, and its weight. */
export type MixComponentRequest = Omit<
  GenerateRequest,
  'count' | 'n' | 'frames' | 'seed' | 'batchSize' | 'initialStates' | 'onUnstable' | 'noise'
> & { weight: number };

export interface MixRequest {
  components: MixComponentRequest[];
  count: number;
  n: number;
  frames: number;
  seed: number;
  batchSize: number;
  onUnstable?: 'substep' | 'refuse';
  /** Noise on the mixed frames, relative to each channel's std over the equations that have it. */
  noise?: ObservationNoise;
}

export interface GeneratedMix extends GeneratedDataset {
  mix: DatasetMix;
}

/** Random streams of the mix itself, apart from those generateDataset uses per trajectory. */
const ORDER_STREAM = 2000;
const COMPONENT_SEED_STREAM = 2001;

export async function generateMix(
  request: MixRequest,
  hooks: Pick<SimulationHooks, 'progress' | 'yield' | 'onSubstep'> = {},
): Promise<GeneratedMix> {
  const components = request.components.filter((c) => c.weight > 0);
  checkCompatible(components);
  const counts = apportion(
    request.count,
    components.map((c) => c.weight),
  );
  const index = interleave(counts, request.seed);
  const channelCounts = components.map((c) => pdeSpec(c.pde).channels.length);
  const width = Math.max(...channelCounts);
  const { n, frames } = request;
  const frameSize = n * n;
  const data = new Float32Array(request.count * frames * frameSize * width);
  const coefficientNames = [
    ...new Set(components.flatMap((c) => Object.keys(numberParams(c.pde)))),
  ];
  const coefficients = Object.fromEntries(
    coefficientNames.map((name) => [name, new Array<number>(request.count).fill(NaN)]),
  );
  let first: GeneratedDataset | undefined;
  let substepped = false;
  // Progress counts solver work, not trajectories: a Burgers trajectory can cost hundreds of
  // heat ones, and the cheap equations may well run first.
  const work = components.map((c, k) => counts[k]! * trajectoryWork({ ...c, n, frames }));
  const totalWork = work.reduce((a, b) => a + b, 0);
  let workDone = 0;

  for (const [k, component] of components.entries()) {
    const count = counts[k]!;
    if (count === 0) continue;
    const { weight: _weight, ...rest } = component;
    const part = await generateDataset(
      {
        ...rest,
        count,
        n,
        frames,
        seed: seedFor(request.seed, k, COMPONENT_SEED_STREAM),
        batchSize: request.batchSize,
        onUnstable: request.onUnstable,
        // The mix adds its noise once, over all equations.
        noise: undefined,
      },
      {
        ...hooks,
        progress: (f) =>
          hooks.progress?.(totalWork > 0 ? (workDone + f * work[k]!) / totalWork : 1),
      },
    );
    first ??= part;
    substepped ||= part.substepped;
    const channels = channelCounts[k]!;
    const slots = index.flatMap((c, i) => (c === k ? [i] : []));
    slots.forEach((slot, j) => {
      padChannels(part.data, j, data, slot, frames * frameSize, channels, width);
      for (const [name, values] of Object.entries(part.coefficients)) {
        coefficients[name]![slot] = values[j]!;
      }
    });
    workDone += work[k]!;
  }
  const grid = first!.grid;
  const shape: GeneratedMix['shape'] = [request.count, frames, n, n, width];
  // Zero-padded channels of an equation with fewer channels stay clean.
  const noise = request.noise
    ? addObservationNoise(
        { data, shape, observed: (i, c) => c < channelCounts[index[i]!]! },
        request.noise,
      )
    : undefined;
  return {
    data,
    shape,
    grid,
    times: first!.times,
    channels: slotNames(
      components.map((c) => pdeSpec(c.pde).channels),
      width,
    ),
    coefficients,
    substepped,
    mix: {
      components: components.map((c) => ({
        equation: c.pde,
        scheme: c.scheme,
        initial: c.initialCondition,
        channels: [...pdeSpec(c.pde).channels],
        weight: c.weight,
      })),
      index,
    },
    ...(noise ? { noise } : {}),
  };
}

/** Splits `total` trajectories by weight, rounding by largest remainder (ties to the first). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((x, k) => ({ k, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.k - b.k);
  for (let left = total - counts.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i++) {
    counts[order[i]!.k]!++;
  }
  return counts;
}

/** Each trajectory's component, in a seeded random order (Fisher–Yates). */
export function interleave(counts: readonly number[], seed: number): number[] {
  const index = counts.flatMap((count, k) => new Array<number>(count).fill(k));
  const rng = createRng(seedFor(seed, 0, ORDER_STREAM));
  for (let i = index.length - 1; i > 0; i--) {
    const j = rng.integer(0, i);
    [index[i], index[j]] = [index[j]!, index[i]!];
  }
  return index;
}

function checkCompatible(components: readonly MixComponentRequest[]): void {
  const problem = mixProblem(components);
  if (problem) throw new RangeError(problem);
}

/** Copies trajectory `from` of a [·, T, X, Y, C] array into slot `to` of one with `width` channels. */
function padChannels(
  source: Float32Array,
  from: number,
  target: Float32Array,
  to: number,
  points: number,
  channels: number,
  width: number,
): void {
  const src = from * points * channels;
  const dst = to * points * width;
  if (channels === width) {
    target.set(source.subarray(src, src + points * channels), dst);
    return;
  }
  for (let p = 0; p < points; p++) {
    for (let c = 0; c < channels; c++) {
      target[dst + p * width + c] = source[src + p * channels + c]!;
    }
  }
}

/** A name per channel slot: the distinct names the equations give it, e.g. "u_t|v". */
function slotNames(channelLists: readonly (readonly string[])[], width: number): string[] {
  return Array.from({ length: width }, (_, slot) =>
    [...new Set(channelLists.flatMap((list) => list[slot] ?? []))].join('|'),
  );
}

function numberParams(pde: PdeId) {
  return Object.fromEntries(
    Object.entries(pdeSpec(pde).params).filter(([, param]) => param.kind === 'number'),
  );
}
