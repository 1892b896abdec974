import { describe, expect, it } from 'vitest';
import type { KeptJobState } from './keptJob';
import type { Outcome } from './outcome';
import { createReproduceStore, type ReproduceParams } from './reproduceStore';

type Result = { verdict: 'holds' | 'partly holds' | 'does not hold'; score: number };

/** A store whose job is started by hand: the test plays the worker. */
function store() {
  const started: {
    params: ReproduceParams<'tiny' | 'quick'>;
    set: (change: KeptJobState) => void;
    finish: (result: Result) => Outcome | undefined;
  }[] = [];
  const useStore = createReproduceStore<'tiny' | 'quick', Result>({
    scale: 'tiny',
    title: 'Reproduce',
    start: (params, _words, set, finish) => {
      set({ activeJobId: `job-${started.length}` });
      started.push({ params, set, finish });
    },
  });
  return { useStore, started };
}

describe('the reproduce store', () => {
  it('runs the chosen scale once at a time and keeps the finished result with its verdict', () => {
    const { useStore, started } = store();
    useStore.getState().choose({ scale: 'quick' });
    useStore.getState().run({ id: 'd1', name: 'blobs' });
    useStore.getState().run({ id: 'd1', name: 'blobs' });
    expect(started).toHaveLength(1);
    expect(started[0]!.params).toEqual({ datasetId: 'd1', scale: 'quick', seed: 1 });
    expect(useStore.getState().activeJobId).toBe('job-0');

    const outcome = started[0]!.finish({ verdict: 'partly holds', score: 2 });
    started[0]!.set({ activeJobId: undefined, outcome });
    const state = useStore.getState();
    expect(state.activeJobId).toBeUndefined();
    expect(state.last).toEqual({
      params: { datasetId: 'd1', scale: 'quick', seed: 1 },
      result: { verdict: 'partly holds', score: 2 },
      datasetName: 'blobs',
    });
    expect(state.outcome).toEqual({
      tone: 'info',
      text: 'On “blobs” at the quick scale the claim holds in part.',
    });
  });
});
