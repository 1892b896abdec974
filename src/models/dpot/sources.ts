/**
 * A saved dataset as DPOT reads it. A mixed dataset is several datasets in one (methods §2c.1):
 * it is split back into one source per equation with that equation's own channels, because the
 * Data panel pads an equation's missing channels with zeros and the relative L2 loss of an
 * all-zero channel is unbounded. DPOT pads missing channels with ones instead (`pad_data`,
 * utils/griddataset.py:98): windows.ts does when it gathers a batch, padOnes here for rollouts.
 */
import type { DatasetMix } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import type { DpotWindowSource } from './windows';

/** One source per equation of a mix (its trajectories, its channels); the set itself otherwise. */
export function dpotSources(set: TrajectoryArray, mix?: DatasetMix): DpotWindowSource[] {
  if (!mix) return [{ set }];
  const [N, T, X, Y, C] = set.shape;
  const index = mix.index.slice(0, N);
  return mix.components.flatMap((component, k) => {
    const members = index.flatMap((c, i) => (c === k ? [i] : []));
    if (members.length === 0) return [];
    const channels = Math.min(component.channels.length, C);
    const points = T * X * Y;
    const data = new Float32Array(members.length * points * channels);
    members.forEach((trajectory, m) => {
      for (let p = 0; p < points; p++) {
        for (let c = 0; c < channels; c++) {
          data[(m * points + p) * channels + c] = set.data[(trajectory * points + p) * C + c]!;
        }
      }
    });
    return [{ set: { data, shape: [members.length, T, X, Y, channels] } }];
  });
}

/** The set with `channels` channels, the missing ones filled with ones (DPOT's pad_data). */
export function padOnes(set: TrajectoryArray, channels: number): TrajectoryArray {
  const [N, T, X, Y, C] = set.shape;
  if (C === channels) return set;
  if (C > channels) {
    throw new RangeError(`The set has ${C} channels; the model reads ${channels}.`);
  }
  const points = N * T * X * Y;
  const data = new Float32Array(points * channels).fill(1);
  for (let p = 0; p < points; p++) {
    for (let c = 0; c < C; c++) data[p * channels + c] = set.data[p * C + c]!;
  }
  return { data, shape: [N, T, X, Y, channels] };
}

/** The most channels any source has: the model's channels. */
export function sourceChannels(sources: readonly DpotWindowSource[]): number {
  return Math.max(...sources.map(({ set }) => set.shape[4]));
}
