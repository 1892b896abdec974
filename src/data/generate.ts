/**
 * Generates a dataset of trajectories for one equation, batched on whatever tfjs backend is
 * active. Coefficients are drawn per trajectory from the dataset seed alone, so the same seed
 * and settings give the same data in the browser and in the CLI, whatever the batch size.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Grid } from '../pde/grid';
import { initialConditionTensor, batchTensor } from '../pde/initial/tensor';
import { createRng, seedFor, trajectorySeeds } from '../pde/random';
import { pdeSpec } from '../pde/registry';
import { simulate, type SimulationHooks, type StepPlan } from '../pde/simulate';
import type { PdeId } from '../pde/types';
import { addObservationNoise, type AppliedNoise, type ObservationNoise } from './noise';

/** Random streams per trajectory: its initial condition and its coefficients. */
const INITIAL_STREAM = 0;
/** Coefficient k of a trajectory draws from stream COEFFICIENT_STREAM + k. */
const COEFFICIENT_STREAM = 1000;

/** A fixed value, or a [min, max] range drawn uniformly per trajectory. */
export type CoefficientChoice = number | readonly [number, number];

export interface GenerateRequest {
  pde: PdeId;
  count: number;
  n: number;
  frames: number;
  dt: number;
  recordInterval: number;
  scheme: string;
  coefficients: Record<string, CoefficientChoice>;
  options: Record<string, string | boolean>;
  initialCondition: string;
  initialParams?: Record<string, unknown>;
  /** Given initial states [count, N, N, C] instead of sampled ones. */
  initialStates?: Float32Array;
  seed: number;
  batchSize: number;
  onUnstable?: 'substep' | 'refuse';
  /** Gaussian noise added to the stored frames, from its own seed (see data/noise.ts). */
  noise?: ObservationNoise;
}

export interface GeneratedDataset {
  /** [count, frames, N, N, C] */
  data: Float32Array;
  shape: [number, number, number, number, number];
  grid: Grid;
  times: number[];
  channels: string[];
  coefficients: Record<string, number[]>;
  /** True when some interval had to be sub-stepped below the requested Δt. */
  substepped: boolean;
  /** The observation noise added to `data`, when σ > 0. */
  noise?: AppliedNoise;
}

export async function generateDataset(
  request: GenerateRequest,
  hooks: Pick<SimulationHooks, 'progress' | 'yield' | 'onSubstep'> = {},
): Promise<GeneratedDataset> {
  const spec = pdeSpec(request.pde);
  const { count, n, frames, batchSize } = request;
  const grid: Grid = { n, length: spec.domain.length, origin: spec.domain.origin };
  const channels = spec.channels.length;
  const coefficients = sampleCoefficients(spec.params, request);
  const frameSize = n * n * channels;
  if (request.initialStates && request.initialStates.length !== count * frameSize) {
    throw new Error(
      `The given initial states hold ${request.initialStates.length} values; ${count} trajectories of ${n}×${n}×${channels} need ${count * frameSize}.`,
    );
  }
  const data = new Float32Array(count * frames * frameSize);
  let times: number[] = [];
  let substepped = false;

  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const batchCoefficients = Object.fromEntries(
      Object.entries(coefficients).map(([name, values]) => [
        name,
        Float32Array.from(values.slice(start, start + size)),
      ]),
    );
    const solver = spec.createSolver({
      grid,
      scheme: request.scheme,
      batch: size,
      coefficients: batchCoefficients,
      options: request.options,
    });
    let initial: tf.Tensor4D | undefined;
    try {
      initial = request.initialStates
        ? batchTensor(
            request.initialStates.slice(start * frameSize, (start + size) * frameSize),
            size,
            n,
          )
        : initialConditionTensor(request.initialCondition, {
            grid,
            seeds: trajectorySeeds(request.seed, start, size, INITIAL_STREAM),
            params: request.initialParams,
            channels,
            fill: spec.initialFill ?? 'zeros',
          });
      const result = await simulate(
        {
          solver,
          initial,
          frames,
          recordInterval: request.recordInterval,
          dt: request.dt,
          onUnstable: request.onUnstable,
        },
        {
          ...hooks,
          progress: (f) => hooks.progress?.((start + f * size) / count),
          onSubstep: (plan: StepPlan, stableDt: number) => {
            substepped = true;
            hooks.onSubstep?.(plan, stableDt);
          },
          describeTrajectory: (b) => describeTrajectory(start + b, coefficients),
        },
      );
      data.set(result.data, start * frames * frameSize);
      times = result.times;
    } finally {
      initial?.dispose();
      solver.dispose();
    }
  }
  const shape: GeneratedDataset['shape'] = [count, frames, n, n, channels];
  const noise = request.noise ? addObservationNoise({ data, shape }, request.noise) : undefined;
  return {
    data,
    shape,
    grid,
    times,
    channels: [...spec.channels],
    coefficients,
    substepped,
    ...(noise ? { noise } : {}),
  };
}

function sampleCoefficients(
  params: ReturnType<typeof pdeSpec>['params'],
  request: GenerateRequest,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [k, [name, param]] of Object.entries(params).entries()) {
    if (param.kind !== 'number') continue;
    const choice = request.coefficients[name] ?? param.default;
    const [low, high] = typeof choice === 'number' ? [choice, choice] : choice;
    for (const value of [low, high]) {
      if (!(value >= param.min && value <= param.max)) {
        throw new RangeError(
          `${param.label} = ${value} is outside its range ${param.min}…${param.max}.`,
        );
      }
    }
    if (param.integer && !(Number.isInteger(low) && Number.isInteger(high))) {
      throw new RangeError(`${param.label} takes whole numbers (got ${low}…${high}).`);
    }
    // One stream per trajectory and coefficient: fixing one coefficient leaves the others' draws
    // unchanged. A whole-number coefficient (a flow seed) draws uniformly from low…high inclusive.
    out[name] = Array.from({ length: request.count }, (_, i) => {
      if (low === high) return low;
      const rng = createRng(seedFor(request.seed, i, COEFFICIENT_STREAM + k));
      return param.integer ? rng.integer(low, high) : rng.uniformIn(low, high);
    });
  }
  return out;
}

function describeTrajectory(index: number, coefficients: Record<string, number[]>): string {
  const values = Object.entries(coefficients).map(
    ([name, v]) => `${name} = ${Number(v[index]!.toPrecision(4))}`,
  );
  return `trajectory ${index + 1}${values.length ? ` (${values.join(', ')})` : ''}`;
}
