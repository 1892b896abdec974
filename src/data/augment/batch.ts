/** Per-trajectory random augmentation of the simulator's batched layout [B, T, N, N, C]. */
import type { Grid } from '../../pde/grid';
import type { Rng } from '../../pde/random';
import type { BatchCoefficients } from '../../pde/types';
import type { NyquistMode } from './gridMap';
import { randomAugmentation, type RandomAugmentationOptions } from './registry';
import type { AugmentParams } from './types';

export interface BatchInput {
  /** [B, T, N, N, C]. */
  data: Float32Array;
  batch: number;
  grid: Grid;
  times: readonly number[];
  coefficients: BatchCoefficients;
  options?: Readonly<Record<string, string | boolean>>;
  nyquist?: NyquistMode;
}

export interface BatchOutput {
  data: Float32Array;
  coefficients: BatchCoefficients;
  /** Frame times per trajectory (only time relabellings make them differ). */
  times: number[][];
  applied: { id: string; params: AugmentParams }[];
}

export function augmentBatch(
  pde: string,
  rng: Rng,
  input: BatchInput,
  options: RandomAugmentationOptions = {},
): BatchOutput {
  const { data, batch, grid, times } = input;
  if (!Number.isInteger(batch) || batch < 1 || data.length % batch !== 0) {
    throw new Error(`Batch of ${batch} does not divide ${data.length} values.`);
  }
  const size = data.length / batch;
  const out = new Float32Array(data.length);
  const coefficients: BatchCoefficients = {};
  for (const [name, values] of Object.entries(input.coefficients)) {
    if (values.length !== batch) {
      throw new Error(`Coefficient "${name}" has ${values.length} values for a batch of ${batch}.`);
    }
    coefficients[name] = new Float32Array(batch);
  }
  const allTimes: number[][] = [];
  const applied: BatchOutput['applied'] = [];
  for (let b = 0; b < batch; b++) {
    const own = Object.fromEntries(
      Object.entries(input.coefficients).map(([name, values]) => [name, values[b]!]),
    );
    const result = randomAugmentation(
      pde,
      rng,
      data.subarray(b * size, (b + 1) * size),
      { grid, times, coefficients: own, options: input.options, nyquist: input.nyquist },
      options,
    );
    out.set(result.trajectory, b * size);
    for (const name of Object.keys(coefficients))
      coefficients[name]![b] = result.coefficients[name]!;
    allTimes.push(result.times);
    applied.push({ id: result.id, params: result.params });
  }
  return { data: out, coefficients, times: allTimes, applied };
}
