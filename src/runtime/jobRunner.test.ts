import { describe, expect, it } from 'vitest';
import { EtaEstimator, JobCancelledError, JobRunner, type JobContext } from './jobRunner';
import { JOB_CANCELLED, type JobEvent } from './protocol';

async function countSteps(params: { steps: number }, ctx: JobContext): Promise<number> {
  let done = 0;
  for (let i = 0; i < params.steps; i++) {
    await ctx.step();
    done++;
    ctx.progress(done / params.steps, 'counting');
    ctx.metric('done', i, done);
  }
  return done;
}

describe('JobRunner', () => {
  it('runs a job to completion, reporting progress that ends at 1 and every metric', async () => {
    const runner = new JobRunner();
    const events: JobEvent[] = [];
    const result = await runner.run('a', countSteps, { steps: 20 }, (e) => events.push(e));
    expect(result).toBe(20);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ progress: { fraction: 1, etaSeconds: 0 } });
    expect(events.filter((e) => e.type === 'metric')).toHaveLength(20);
    expect(runner.runningJobIds).toEqual([]);
  });

  it('stops a job at its next step when cancelled', async () => {
    const runner = new JobRunner();
    let stepsTaken = 0;
    const job = runner.run(
      'b',
      async (_: null, ctx: JobContext) => {
        for (;;) {
          await ctx.step();
          stepsTaken++;
        }
      },
      null,
      () => {},
    );
    await new Promise((r) => setTimeout(r, 20));
    const before = stepsTaken;
    runner.cancel('b');
    await expect(job).rejects.toBeInstanceOf(JobCancelledError);
    await expect(job).rejects.toMatchObject({ name: JOB_CANCELLED });
    expect(stepsTaken - before).toBeLessThanOrEqual(1);
    expect(runner.runningJobIds).toEqual([]);
  });

  it('passes a job error through and forgets the job', async () => {
    const runner = new JobRunner();
    const failing = async (): Promise<never> => {
      throw new Error('solver diverged at step 3');
    };
    await expect(runner.run('c', failing, null, () => {})).rejects.toThrow(/diverged at step 3/);
    expect(runner.runningJobIds).toEqual([]);
  });

  it('refuses a second job with the same id', async () => {
    const runner = new JobRunner();
    const first = runner.run('d', countSteps, { steps: 5 }, () => {});
    await expect(runner.run('d', countSteps, { steps: 5 }, () => {})).rejects.toThrow(/already/);
    await first;
  });

  it('throttles progress events but always delivers the final one', async () => {
    let t = 0;
    const runner = new JobRunner(() => t);
    const events: JobEvent[] = [];
    await runner.run(
      'e',
      async (_: null, ctx: JobContext) => {
        for (let i = 1; i <= 100; i++) {
          t += 1; // 1 ms per step: far faster than the throttle interval
          ctx.progress(i / 100, 'same message');
        }
      },
      null,
      (e) => events.push(e),
    );
    const fractions = events.flatMap((e) => (e.type === 'progress' ? [e.progress.fraction] : []));
    expect(fractions.length).toBeLessThan(5);
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('EtaEstimator', () => {
  it('extrapolates the recent rate once enough work is done', () => {
    let t = 0;
    const eta = new EtaEstimator(() => t);
    expect(eta.update(0)).toBeNull();
    t = 100;
    expect(eta.update(0.01)).toBeNull(); // two reports: too few to guess
    t = 2000;
    // From the report at 0.1 s: 1.9 s for 24% → 5.94 s for the remaining 75%.
    expect(eta.update(0.25)).toBeCloseTo(5.9375, 6);
    t = 4000;
    expect(eta.update(0.5)).toBeCloseTo(4, 1); // 2 s per 25% lately → 4 s

    expect(eta.update(1)).toBe(0);
  });

  it('estimates from the third report when they span 0.3 s, even at 1% done', () => {
    let t = 0;
    const eta = new EtaEstimator(() => t);
    const estimates: (number | null)[] = [];
    // A 1000-step job at 150 ms a step, reporting every step.
    for (let step = 0; step <= 4; step++) {
      t = 150 * step;
      estimates.push(eta.update(step / 1000));
    }
    expect(estimates.slice(0, 2)).toEqual([null, null]);
    expect(estimates[2]).toBeCloseTo(0.15 * 998, 6);
    expect(estimates[3]).toBeCloseTo(0.15 * 997, 6);
    expect(estimates[4]).toBeCloseTo(0.15 * 996, 6);
  });

  it('does not flicker with noisy steps and follows a real change of rate', () => {
    let t = 0;
    const eta = new EtaEstimator(() => t);
    const shown: number[] = [];
    // 400 steps of 100 ms ± 50 ms, then 100 steps of 400 ms.
    for (let step = 0; step <= 500; step++) {
      const e = eta.update(step / 500);
      if (e !== null && step < 500) shown.push(e);
      t += step < 400 ? (step % 2 ? 150 : 50) : 400;
    }
    // Between two reports 0.05–0.15 s apart the estimate moves by at most 3% (of ~40 s)…
    const jumps = shown.slice(1).map((e, i) => Math.abs(e - shown[i]!) / shown[i]!);
    expect(Math.max(...jumps.slice(0, 390))).toBeLessThan(0.03);
    // …and once the slow tail has run a while the estimate is near the truth (the average since
    // the start would still say 3 s of the 8 s left at step 480).
    const truthAt480 = 20 * 0.4;
    expect(shown[480 - 3]!).toBeGreaterThan(0.6 * truthAt480);
    expect(shown[480 - 3]!).toBeLessThan(1.2 * truthAt480);
  });

  it('counts down through a stall instead of jumping', () => {
    let t = 0;
    const eta = new EtaEstimator(() => t);
    eta.update(0);
    t = 200;
    eta.update(0.1);
    t = 400;
    expect(eta.update(0.2)).toBeCloseTo(1.6, 6);
    t = 900; // no progress in the latest half of the run: no new rate, the estimate counts down
    expect(eta.update(0.2)).toBeCloseTo(1.1, 6);
    t = 1100; // progress again, slowly (10.5 s left at it): the estimate rises part of the way
    const after = eta.update(0.25)!;
    expect(after).toBeGreaterThan(0.9);
    expect(after).toBeLessThan(5);
  });
});
