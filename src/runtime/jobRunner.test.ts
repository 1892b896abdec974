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
  it('extrapolates the average rate once enough work is done', () => {
    let t = 0;
    const eta = new EtaEstimator(() => t);
    expect(eta.update(0)).toBeNull();
    t = 100;
    expect(eta.update(0.01)).toBeNull(); // too little progress to guess
    t = 2000;
    expect(eta.update(0.25)).toBeCloseTo(6, 6); // 2 s for 25% → 6 s for the remaining 75%
    t = 4000;
    expect(eta.update(0.5)).toBeCloseTo(4, 6);
    expect(eta.update(1)).toBe(0);
  });
});
