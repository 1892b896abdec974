/**
 * The time-stepping driver shared by the live simulator, the dataset builder and the CLI:
 * records frames at fixed intervals, sub-steps explicit schemes that would be unstable, stops on
 * non-finite values with a message naming where, and yields so a Stop can arrive.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Solver } from './types';

/** Explicit steps stay this far below the stability limit. */
export const STABILITY_SAFETY = 0.9;
/** A running simulation yields to the event loop at least this often. */
const YIELD_INTERVAL_MS = 50;

export interface StepPlan {
  substeps: number;
  dt: number;
  /** True when the requested Δt was beyond the scheme's stability limit. */
  limitedByStability: boolean;
}

/** How to cover one record interval: whole substeps no longer than Δt and within the limit. */
export function planSubsteps(
  recordInterval: number,
  requestedDt: number,
  stableDt: number,
): StepPlan {
  if (!(recordInterval > 0))
    throw new Error(`The record interval must be positive (got ${recordInterval}).`);
  if (!(requestedDt > 0)) throw new Error(`The time step must be positive (got ${requestedDt}).`);
  const safeDt = stableDt * STABILITY_SAFETY;
  const limitedByStability = requestedDt > safeDt;
  const maxDt = Math.min(requestedDt, safeDt);
  // The tolerance keeps 0.02 / 0.001 from becoming 21 steps through rounding.
  const substeps = Math.max(1, Math.ceil(recordInterval / maxDt - 1e-9));
  return { substeps, dt: recordInterval / substeps, limitedByStability };
}

export class SimulationDivergedError extends Error {
  override name = 'SimulationDiverged';
}

export class UnstableTimeStepError extends Error {
  override name = 'UnstableTimeStep';
}

export interface SimulationHooks {
  /** Called once per recorded frame (frame 0 is the initial state) with its data [B, N, N, C]. */
  onFrame?(index: number, time: number, data: Float32Array): void;
  /** Called when Δt had to be reduced for stability (once per change of the step). */
  onSubstep?(plan: StepPlan, stableDt: number): void;
  /** Fraction done (0…1). */
  progress?(fraction: number): void;
  /** Awaited regularly; may throw to stop (a job's ctx.step). */
  yield?(): Promise<void>;
  /** Words describing trajectory b's parameters, for error messages. */
  describeTrajectory?(b: number): string;
}

export interface SimulationRequest {
  solver: Solver;
  /** [B, N, N, C]; not disposed by the driver. */
  initial: tf.Tensor4D;
  /** Frames to record, including the initial one. */
  frames: number;
  recordInterval: number;
  dt: number;
  /** 'substep' reduces Δt to the stability limit (and reports it); 'refuse' throws instead. */
  onUnstable?: 'substep' | 'refuse';
}

export interface SimulationResult {
  /** [B, T, N, N, C], trajectory-major. */
  data: Float32Array;
  times: number[];
  /** The step actually used per record interval, and whether stability forced it. */
  steps: StepPlan[];
}

export async function simulate(
  request: SimulationRequest,
  hooks: SimulationHooks = {},
): Promise<SimulationResult> {
  const { initial, frames, recordInterval } = request;
  const [batch, nx, ny, channels] = initial.shape;
  const frameSize = nx * ny * channels;
  const data = new Float32Array(batch * frames * frameSize);
  const times: number[] = [];
  const steps: StepPlan[] = [];

  const record = async (state: tf.Tensor4D, index: number, time: number, step: number) => {
    const values = (await state.data()) as Float32Array;
    const bad = firstNonFinite(values, frameSize);
    if (bad !== null) {
      const who = hooks.describeTrajectory?.(bad) ?? `trajectory ${bad + 1}`;
      throw new SimulationDivergedError(
        `The simulation blew up: non-finite values at t = ${formatTime(time)} (frame ${index}, step ${step}) for ${who}. ` +
          'Try a smaller time step, a larger viscosity or diffusivity, or another scheme.',
      );
    }
    for (let b = 0; b < batch; b++) {
      data.set(
        values.subarray(b * frameSize, (b + 1) * frameSize),
        (b * frames + index) * frameSize,
      );
    }
    times.push(time);
    hooks.onFrame?.(index, time, values);
  };

  let state = initial.clone();
  let step = 0;
  let previousPlan: StepPlan | undefined;
  try {
    await record(state, 0, 0, 0);
    for (let frame = 1; frame < frames; frame++) {
      const advanced = await advanceInterval(state, request, {
        ...hooks,
        progress: (f) => hooks.progress?.((frame - 1 + f) / (frames - 1)),
        onSubstep: (plan, stableDt) => {
          if (plan.dt !== previousPlan?.dt) hooks.onSubstep?.(plan, stableDt);
        },
      });
      state.dispose();
      state = advanced.state;
      previousPlan = advanced.plan;
      steps.push(advanced.plan);
      step += advanced.plan.substeps;
      await record(state, frame, frame * recordInterval, step);
      hooks.progress?.(frame / (frames - 1));
      await hooks.yield?.();
    }
  } finally {
    state.dispose();
  }
  return { data, times, steps };
}

/**
 * Advances `state` by one record interval, sub-stepping an explicit scheme below its stability
 * limit (or refusing, when asked to). Returns a new state; the input is not disposed.
 */
export async function advanceInterval(
  state: tf.Tensor4D,
  request: Pick<SimulationRequest, 'solver' | 'recordInterval' | 'dt' | 'onUnstable'>,
  hooks: Pick<SimulationHooks, 'onSubstep' | 'progress' | 'yield'> = {},
): Promise<{ state: tf.Tensor4D; plan: StepPlan }> {
  const { solver, recordInterval, dt, onUnstable = 'substep' } = request;
  let plan: StepPlan = { substeps: 1, dt: recordInterval, limitedByStability: false };
  if (!solver.exact) {
    const stableDt = await solver.stableDt(state);
    plan = planSubsteps(recordInterval, dt, stableDt);
    if (plan.limitedByStability) {
      if (onUnstable === 'refuse') {
        throw new UnstableTimeStepError(
          `Δt = ${dt} is beyond this scheme's stability limit of ${stableDt.toPrecision(3)} ` +
            `(the lab keeps ${STABILITY_SAFETY}× below it) at these parameters. ` +
            `Use Δt ≤ ${(stableDt * STABILITY_SAFETY).toPrecision(2)} or let the lab sub-step.`,
        );
      }
      hooks.onSubstep?.(plan, stableDt);
    }
  }
  let current = state;
  let lastYield = performance.now();
  try {
    for (let s = 0; s < plan.substeps; s++) {
      const next = solver.advance(current, plan.dt);
      if (current !== state) current.dispose();
      current = next;
      if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
        hooks.progress?.((s + 1) / plan.substeps);
        await hooks.yield?.();
        lastYield = performance.now();
      }
    }
  } catch (error) {
    if (current !== state) current.dispose();
    throw error;
  }
  return { state: current === state ? state.clone() : current, plan };
}

/** Index of the first trajectory with a NaN or ±Infinity, or null. */
function firstNonFinite(values: Float32Array, frameSize: number): number | null {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) return Math.floor(i / frameSize);
  }
  return null;
}

function formatTime(t: number): string {
  return Number(t.toPrecision(6)).toString();
}
