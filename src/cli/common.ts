/** What the Node commands share: flag parsing, durations, and the lab's default mix as data. */
import { generateMix } from '../data/generateMix';
import type { TrajectoryArray } from '../data/trajectories';
import { buildParamsFrom } from '../state/buildParams';
import { withDefaultDataset } from '../state/defaultDataset';
import { defaultSettings } from '../state/settingsStore';

export function integer(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new RangeError(`--${name} must be an integer ≥ ${min}.`);
  return n;
}

export function seconds(ms: number): string {
  return ms < 120_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 60_000).toFixed(1)} min`;
}

/** The lab's default dataset settings, with the count and seed given. */
export function defaultMixRequest(count: number, seed: number, frames?: number) {
  const { request } = buildParamsFrom(withDefaultDataset(defaultSettings()));
  if (request.kind !== 'mix') throw new Error('The default dataset is not a mix.');
  return { ...request.mix, count, seed, ...(frames ? { frames } : {}) };
}

export type MixRequest = ReturnType<typeof defaultMixRequest>;

/** Generates a mix, printing its progress on one line. */
export async function generateWithProgress(what: string, request: MixRequest) {
  let last = 0;
  const mix = await generateMix(request, {
    progress: (fraction: number) => {
      if (fraction - last >= 0.1 || fraction === 1) {
        last = fraction;
        process.stdout.write(`\r${what}: ${(100 * fraction).toFixed(0)}%   `);
      }
    },
  });
  process.stdout.write('\n');
  return mix;
}

export function asTrajectoryArray(d: {
  data: Float32Array;
  shape: TrajectoryArray['shape'];
}): TrajectoryArray {
  return { data: d.data, shape: d.shape };
}
