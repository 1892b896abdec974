import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  planSubsteps,
  simulate,
  SimulationDivergedError,
  STABILITY_SAFETY,
  UnstableTimeStepError,
} from './simulate';
import type { Solver } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** du/dt = −λu by explicit Euler: stable for Δt < 2/λ, blows up beyond. */
function eulerDecay(lambda: number): Solver {
  return {
    exact: false,
    stableDt: async () => 2 / lambda,
    advance: (u, dt) => tf.tidy(() => u.mul(1 - lambda * dt)),
    dispose: () => {},
  };
}

/** The same ODE solved exactly. */
function exactDecay(lambda: number): Solver {
  return {
    exact: true,
    stableDt: async () => Infinity,
    advance: (u, dt) => tf.tidy(() => u.mul(Math.exp(-lambda * dt))),
    dispose: () => {},
  };
}

describe('planSubsteps', () => {
  it('covers the record interval with whole steps no longer than asked', () => {
    expect(planSubsteps(0.02, 1e-3, Infinity)).toEqual({
      substeps: 20,
      dt: 0.001,
      limitedByStability: false,
    });
    expect(planSubsteps(1, 0.3, Infinity)).toMatchObject({ substeps: 4, dt: 0.25 });
  });
  it('sub-steps below the stability limit when the requested step is too large', () => {
    const plan = planSubsteps(1, 0.5, 0.1);
    expect(plan.limitedByStability).toBe(true);
    expect(plan.dt).toBeLessThanOrEqual(0.1 * STABILITY_SAFETY);
    expect(plan.substeps * plan.dt).toBeCloseTo(1, 12);
  });
  it('rejects non-positive intervals and steps', () => {
    expect(() => planSubsteps(0, 1e-3, 1)).toThrow(/record interval must be positive/);
    expect(() => planSubsteps(1, -1, 1)).toThrow(/time step must be positive/);
  });
});

describe('simulate', () => {
  const initial = () => tf.tensor4d([1, 2, 3, 4], [2, 1, 2, 1]);

  it('records frame 0 and every interval, trajectory-major, matching the exact solution', async () => {
    const u0 = initial();
    const before = tf.memory().numTensors;
    const frames: number[] = [];
    const result = await simulate(
      { solver: exactDecay(0.5), initial: u0, frames: 4, recordInterval: 0.5, dt: 1 },
      { onFrame: (i) => frames.push(i) },
    );
    expect(frames).toEqual([0, 1, 2, 3]);
    expect(result.times).toEqual([0, 0.5, 1, 1.5]);
    // trajectory 1 (values 3, 4) at frame 2 (t = 1)
    const offset = (1 * 4 + 2) * 2;
    expect(result.data[offset]).toBeCloseTo(3 * Math.exp(-0.5), 6);
    expect(result.data[offset + 1]).toBeCloseTo(4 * Math.exp(-0.5), 6);
    expect(tf.memory().numTensors).toBe(before);
    u0.dispose();
  });

  it('sub-steps an explicit scheme at an unstable Δt, says so, and stays close to exact', async () => {
    const u0 = initial();
    const notes: number[] = [];
    const result = await simulate(
      { solver: eulerDecay(10), initial: u0, frames: 3, recordInterval: 1, dt: 0.5 },
      { onSubstep: (plan) => notes.push(plan.dt) },
    );
    expect(notes.length).toBe(1);
    expect(notes[0]).toBeLessThanOrEqual(0.2 * STABILITY_SAFETY);
    expect(result.steps.every((s) => s.limitedByStability)).toBe(true);
    expect(Math.abs(result.data[2]!)).toBeLessThan(1); // decays instead of exploding (1·(1−10·0.5)^2 = 16)
    u0.dispose();
  });

  it('refuses an unstable Δt with the limit in the message when asked to', async () => {
    const u0 = initial();
    await expect(
      simulate({
        solver: eulerDecay(10),
        initial: u0,
        frames: 2,
        recordInterval: 1,
        dt: 0.5,
        onUnstable: 'refuse',
      }),
    ).rejects.toThrow(UnstableTimeStepError);
    await expect(
      simulate({
        solver: eulerDecay(10),
        initial: u0,
        frames: 2,
        recordInterval: 1,
        dt: 0.5,
        onUnstable: 'refuse',
      }),
    ).rejects.toThrow(/stability limit of 0\.200/);
    u0.dispose();
  });

  it('stops on non-finite values, naming the time, the step and the trajectory', async () => {
    const u0 = initial();
    const before = tf.memory().numTensors;
    const blowUp: Solver = { ...exactDecay(0), advance: (u) => tf.tidy(() => u.mul(1e30)) };
    await expect(
      simulate(
        { solver: blowUp, initial: u0, frames: 5, recordInterval: 0.1, dt: 0.1 },
        { describeTrajectory: (b) => `trajectory ${b + 1} (ν = 0.01)` },
      ),
    ).rejects.toThrow(SimulationDivergedError);
    await expect(
      simulate({ solver: blowUp, initial: u0, frames: 5, recordInterval: 0.1, dt: 0.1 }),
    ).rejects.toThrow(/t = 0\.2 \(frame 2, step 2\) for trajectory 1/);
    expect(tf.memory().numTensors).toBe(before);
    u0.dispose();
  });

  it('lets a hook stop the run between steps without leaking', async () => {
    const u0 = initial();
    const before = tf.memory().numTensors;
    let calls = 0;
    const stop = async () => {
      if (++calls === 2) throw new Error('stopped');
    };
    await expect(
      simulate(
        { solver: exactDecay(1), initial: u0, frames: 10, recordInterval: 1, dt: 1 },
        { yield: stop },
      ),
    ).rejects.toThrow('stopped');
    expect(tf.memory().numTensors).toBe(before);
    u0.dispose();
  });
});
