import { afterEach, describe, expect, it } from 'vitest';
import type { RunEnding, RunOverrides } from './trainStore';
import { useSettings } from './settingsStore';
import { useSweep } from './sweepStore';
import { useTrain } from './trainStore';

/** Plays the Train store: each run started waits until the test ends it. */
function fakeTrain() {
  const started: { overrides: RunOverrides; end: (ending: RunEnding) => void }[] = [];
  let stops = 0;
  useTrain.setState({
    startWith: (_dataset, overrides) =>
      new Promise<RunEnding>((resolve) => started.push({ overrides, end: resolve })),
    stop: () => {
      stops += 1;
    },
  });
  return { started, stops: () => stops };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const dataset = { id: 'd1', name: 'waves' };

function draftLearningRates(values: string) {
  const sweep = useSweep.getState();
  sweep.setDraft({ name: 'lr', stepsPerRun: '20', strategy: 'grid' });
  sweep.addParam('options.peakLr');
  sweep.updateParam('options.peakLr', { mode: 'values', values });
}

afterEach(() => {
  useSweep.setState({ queue: undefined, outcome: undefined });
  useSweep.getState().removeParam('options.peakLr');
});

describe('the sweep queue', () => {
  it('trains the runs one after another with their overrides, tagged, and leaves the settings be', async () => {
    const before = useSettings.getState().values;
    const train = fakeTrain();
    draftLearningRates('1e-3, 1e-2');
    const done = useSweep.getState().start(dataset);
    await tick();
    expect(train.started).toHaveLength(1);
    expect(useSweep.getState().queue).toMatchObject({ total: 2, done: 0 });
    const first = train.started[0]!.overrides;
    expect(first.options).toEqual({ peakLr: 1e-3, steps: 20 });
    expect(first.sweep).toMatchObject({ name: 'lr', params: ['options.peakLr'] });
    expect(first.runName).toBe('lr 1/2: peak learning rate 0.001');

    // Starting a run leaves the user's settings be; changing them now does not change the sweep.
    expect(useSettings.getState().values).toBe(before);
    expect(first.settings).toBe(before);
    useSettings.getState().update('train', { batchSize: 7 });

    train.started[0]!.end({ status: 'failed', error: 'diverged' });
    await tick();
    expect(train.started).toHaveLength(2);
    expect(train.started[1]!.overrides.options).toEqual({ peakLr: 1e-2, steps: 20 });
    expect(train.started[1]!.overrides.sweep).toEqual(first.sweep);
    expect(train.started[1]!.overrides.settings).toBe(before);
    train.started[1]!.end({
      status: 'done',
      result: { runId: 'r', step: 20, loss: 1, checkpointId: 'c', finalMetrics: {} },
    });
    await done;
    expect(useSweep.getState().queue).toBeUndefined();
    expect(useSweep.getState().outcome).toEqual({
      tone: 'problem',
      text: 'Sweep finished: 2 runs. 1 failed; the first because: diverged',
    });
    useSettings.getState().update('train', { batchSize: before.train.batchSize });
  });

  it('stops the current run and starts no other', async () => {
    const train = fakeTrain();
    draftLearningRates('1e-3, 2e-3, 3e-3');
    const done = useSweep.getState().start(dataset);
    await tick();
    useSweep.getState().stop();
    expect(train.stops()).toBe(1);
    train.started[0]!.end({ status: 'cancelled', error: 'stopped' });
    await done;
    expect(train.started).toHaveLength(1);
    expect(useSweep.getState().outcome?.text).toBe('Sweep stopped after 1 of 3 runs.');
  });

  it('refuses to start with problems, naming them', async () => {
    const train = fakeTrain();
    draftLearningRates('7');
    await useSweep.getState().start(dataset);
    expect(train.started).toHaveLength(0);
    expect(useSweep.getState().outcome?.text).toMatch(/“7” is outside/);
    useSweep.getState().updateParam('options.peakLr', { values: '1e-3' });
    useSweep.getState().setDraft({ stepsPerRun: '4' });
    await useSweep.getState().start(dataset);
    expect(useSweep.getState().outcome?.text).toMatch(/^Run 1 cannot train: .*no room/);
    expect(train.started).toHaveLength(0);
  });
});
