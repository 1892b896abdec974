/** The job runner's pause and resume: a paused job takes no step until resumed, and Stop still works. */
import { describe, expect, it } from 'vitest';
import { JobCancelledError, JobRunner, type JobContext } from './jobRunner';
import type { JobEvent } from './protocol';

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

function counter() {
  const state = { steps: 0 };
  const job = async (params: { steps: number }, ctx: JobContext) => {
    for (let i = 0; i < params.steps; i++) {
      await ctx.step();
      state.steps++;
    }
    return state.steps;
  };
  return { state, job };
}

describe('JobRunner pause and resume', () => {
  it('holds a paused job before its next step and continues on resume', async () => {
    const runner = new JobRunner();
    const { state, job } = counter();
    const running = runner.run('p', job, { steps: 1_000_000 }, () => {});
    await tick();
    runner.pause('p');
    await tick();
    const held = state.steps;
    await tick(50);
    expect(state.steps).toBe(held);
    runner.resume('p');
    await tick();
    expect(state.steps).toBeGreaterThan(held);
    runner.cancel('p');
    await expect(running).rejects.toBeInstanceOf(JobCancelledError);
  });

  it('stops a paused job at once, without another step', async () => {
    const runner = new JobRunner();
    const { state, job } = counter();
    const running = runner.run('q', job, { steps: 1_000_000 }, () => {});
    await tick();
    runner.pause('q');
    await tick();
    const held = state.steps;
    runner.cancel('q');
    await expect(running).rejects.toBeInstanceOf(JobCancelledError);
    expect(state.steps).toBe(held);
    expect(runner.runningJobIds).toEqual([]);
  });

  it('reports the pause to the job and passes snapshots through as events', async () => {
    const runner = new JobRunner();
    const events: JobEvent[] = [];
    const seen: boolean[] = [];
    const running = runner.run(
      's',
      async (_: null, ctx: JobContext) => {
        seen.push(ctx.paused);
        await tick();
        seen.push(ctx.paused);
        await ctx.whilePaused();
        seen.push(ctx.paused);
        const data = {
          kind: 'reconstruction' as const,
          shape: [1, 1, 1, 1, 1] as [number, number, number, number, number],
          original: new Float32Array(1),
          pixelMask: new Uint8Array(1),
          reconstruction: new Float32Array(1),
        };
        ctx.snapshot(3, data);
        return 'ok';
      },
      null,
      (e) => events.push(e),
    );
    runner.pause('s');
    await tick(40);
    runner.resume('s');
    await expect(running).resolves.toBe('ok');
    expect(seen).toEqual([false, true, false]);
    expect(events).toEqual([{ type: 'snapshot', step: 3, data: expect.any(Object) }]);
  });
});
