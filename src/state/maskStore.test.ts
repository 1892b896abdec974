import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MaskPreviewRequest, MaskPreviewResult } from '../runtime/mask/config';
import { buildParamsFrom } from './buildParams';
import { applyDefaultDatasetSettings, shownDataset, useMask } from './maskStore';
import { defaultSettings, useSettings } from './settingsStore';

const worker = vi.hoisted(() => ({
  calls: [] as { request: unknown; settle: (outcome: { error?: Error }) => void }[],
}));

vi.mock('./runtimeStore', () => ({
  computeClient: () => ({
    maskPreview: (request: MaskPreviewRequest) =>
      new Promise<MaskPreviewResult>((resolve, reject) => {
        worker.calls.push({
          request,
          settle: ({ error }) =>
            error ? reject(error) : resolve({ request } as unknown as MaskPreviewResult),
        });
      }),
  }),
}));

const request = (seed: number) => ({ datasetId: 'd', seed }) as unknown as MaskPreviewRequest;
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  worker.calls = [];
  useSettings.getState().replaceAll(defaultSettings());
  useMask.setState({ result: undefined, problem: undefined, busy: false, chosenId: undefined });
});
afterEach(async () => {
  // Leave no preview running into the next test.
  while (worker.calls.length > 0) {
    worker.calls.shift()!.settle({});
    await flush();
  }
});

describe('mask previews', () => {
  it('ask the worker once at a time, skipping requests overtaken while one computes', async () => {
    useMask.getState().request(request(1));
    useMask.getState().request(request(2));
    useMask.getState().request(request(3));
    expect(worker.calls.map((c) => c.request)).toEqual([request(1)]);
    expect(useMask.getState().busy).toBe(true);
    worker.calls.shift()!.settle({});
    await flush();
    expect(useMask.getState().result?.request).toEqual(request(1));
    expect(worker.calls.map((c) => c.request)).toEqual([request(3)]);
    worker.calls.shift()!.settle({});
    await flush();
    expect(useMask.getState().result?.request).toEqual(request(3));
    expect(useMask.getState().busy).toBe(false);
  });

  it('keep the last preview on a failure and say why', async () => {
    useMask.getState().request(request(1));
    worker.calls.shift()!.settle({});
    await flush();
    useMask.getState().request(request(2));
    worker.calls.shift()!.settle({ error: new Error('The chosen dataset is no longer saved.') });
    await flush();
    expect(useMask.getState().problem).toBe('The chosen dataset is no longer saved.');
    expect(useMask.getState().result?.request).toEqual(request(1));
    useMask.getState().request(request(3));
    worker.calls.shift()!.settle({});
    await flush();
    expect(useMask.getState().problem).toBeUndefined();
  });

  it('"New mask" moves to the next seed', () => {
    useSettings.getState().update('mask', { seed: 41 });
    useMask.getState().newMask();
    expect(useSettings.getState().values.mask.seed).toBe(42);
  });
});

describe('shownDataset', () => {
  it('is the chosen dataset while it is saved, else the newest', () => {
    const records = [{ id: 'new' }, { id: 'old' }] as unknown as Parameters<typeof shownDataset>[0];
    expect(shownDataset(records, 'old')?.id).toBe('old');
    expect(shownDataset(records, 'deleted')?.id).toBe('new');
    expect(shownDataset(records, undefined)?.id).toBe('new');
    expect(shownDataset([], 'old')).toBeUndefined();
  });
});

describe('the default dataset', () => {
  it("is MAE-PDE's heat/advection/Burgers mix from random sines, whatever was set before", () => {
    const update = useSettings.getState().update;
    update('build', { mode: 'single', count: 3 });
    update('mix', { ns: 2, heat: 0 });
    update('pde.heat', { record: 0.05, initial: 'hot-square' });
    expect(applyDefaultDatasetSettings()).toEqual([]);
    const params = buildParamsFrom(useSettings.getState().values);
    expect(params.request.kind).toBe('mix');
    if (params.request.kind !== 'mix') return;
    const { mix } = params.request;
    expect([mix.count, mix.frames, mix.n]).toEqual([48, 24, 32]);
    expect(mix.components.map((c) => [c.pde, c.weight, c.initialCondition])).toEqual([
      ['heat', 1, 'random-sines'],
      ['advection', 1, 'random-sines'],
      ['burgers', 1, 'random-sines'],
    ]);
    expect(new Set(mix.components.map((c) => c.recordInterval)).size).toBe(1);
  });
});
