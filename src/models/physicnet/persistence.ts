/**
 * The persistence baseline: every forecast frame is the last input frame. On slowly moving blobs
 * it is hard to beat, so a forecaster that does not beat it has learnt nothing of the motion.
 * Scored as evaluatePhysicNet scores a model (MSE and SSIM per step, SSIM's data range each
 * channel's max − min over the set), on the same windows. Plain numbers, no tfjs.
 */
import type { TrajectoryArray } from '../../data/trajectories';
import { ssim } from './ssim';
import { gatherWindows, type WindowSpec, type WindowStart } from './windows';

export interface PersistenceScore {
  /** MSE of each forecast step, in the data's units. */
  mse: number[];
  ssim: number[];
  testMse: number;
  testSsim: number;
}

/** Each of the first `channels` channels' max − min over the whole set (as evaluatePhysicNet). */
export function channelRanges(set: TrajectoryArray, channels: number): number[] {
  const C = set.shape[4];
  const low = new Array<number>(channels).fill(Infinity);
  const high = new Array<number>(channels).fill(-Infinity);
  for (let i = 0; i < set.data.length; i++) {
    const c = i % C;
    if (c >= channels) continue;
    const v = set.data[i]!;
    if (v < low[c]!) low[c] = v;
    if (v > high[c]!) high[c] = v;
  }
  return low.map((l, c) => high[c]! - l || 1);
}

export function persistenceScore(
  set: TrajectoryArray,
  spec: WindowSpec,
  windows: readonly WindowStart[],
  channels = set.shape[4],
): PersistenceScore {
  const [, , X, Y, C] = set.shape;
  const { inputFrames: tIn, outputFrames: tOut } = spec;
  const ranges = channelRanges(set, channels);
  const squared = new Float64Array(tOut);
  const similarity = new Float64Array(tOut);
  const frame = X * Y * C;
  const a = new Float64Array(X * Y);
  const b = new Float64Array(X * Y);
  for (const window of windows) {
    const { input, target } = gatherWindows(set, spec, [window]);
    const last = (tIn - 1) * frame;
    for (let t = 0; t < tOut; t++) {
      for (let c = 0; c < channels; c++) {
        for (let p = 0; p < X * Y; p++) {
          a[p] = input[last + p * C + c]!;
          b[p] = target[t * frame + p * C + c]!;
          squared[t]! += (a[p]! - b[p]!) ** 2;
        }
        similarity[t]! += ssim(a, b, X, Y, ranges[c]!);
      }
    }
  }
  const mse = Array.from(squared, (s) => s / (windows.length * X * Y * channels));
  const ssimPerStep = Array.from(similarity, (s) => s / (windows.length * channels));
  const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
  return { mse, ssim: ssimPerStep, testMse: mean(mse), testSsim: mean(ssimPerStep) };
}
