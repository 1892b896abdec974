import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAE_PRESETS } from '../models/mae/config';
import { pretrainedRunId } from '../models/pretrained';
import type { MaskPreviewRequest, MaskPreviewResult } from '../runtime/mask/config';
import { buildParamsFrom } from './buildParams';
import {
  applyDefaultDatasetSettings,
  paintedFor,
  paintingKey,
  reconstructionSource,
  shownDataset,
  useMask,
} from './maskStore';
import { BASELINE_CHOICE, chosenModel } from './savedModels';
import { defaultSettings, useSettings } from './settingsStore';

const PRETRAINED_RUN_ID = pretrainedRunId('mae');

const worker = vi.hoisted(() => ({
  calls: [] as { request: unknown; settle: (outcome: { error?: Error }) => void }[],
}));

/** The checkpoints lab storage lists: [run id, saved at]. */
const saved = vi.hoisted(() => ({ checkpoints: [] as [string, number][] }));

vi.mock('./storageStore', () => ({
  labStorage: () =>
    Promise.resolve({
      runs: { list: () => Promise.resolve({ records: [] }) },
      checkpoints: {
        list: () =>
          Promise.resolve({
            records: saved.checkpoints.map(([runId, createdAt]) => ({
              id: `${runId}:latest`,
              name: `Run ${runId} · step 10`,
              createdAt,
              sizeBytes: 1,
              schemaVersion: 2,
              meta: {
                modelId: 'mae',
                modelVersion: 1,
                config: { model: { ...MAE_PRESETS.tiny.config }, channels: 1 },
                step: 10,
                runId,
                datasetId: 'd',
                createdAt,
              },
            })),
          }),
      },
    }),
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
  useMask.setState({
    result: undefined,
    problem: undefined,
    busy: false,
    chosenId: undefined,
    painting: undefined,
    attention: { on: false, layer: 0, head: 'mean' },
  });
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

describe('painting', () => {
  const grid = { frames: 4, side: 8, pt: 2, px: 4, py: 4 };
  const settings = { strategy: 'random' as const, ratio: 0.5, seed: 3 };
  const key = paintingKey(grid, settings);
  const base = Uint8Array.from([1, 0, 0, 1, 0, 0, 1, 0]);

  it('starts from the mask on screen and carries on over strokes', () => {
    const { paint } = useMask.getState();
    paint(key, base, [1, 2], true);
    expect(paintedFor(useMask.getState().painting, key)).toEqual([1, 1, 1, 1, 0, 0, 1, 0]);
    // A later stroke edits the painting, not the strategy's mask.
    paint(key, base, [0, 1], false);
    expect(paintedFor(useMask.getState().painting, key)).toEqual([0, 0, 1, 1, 0, 0, 1, 0]);
    // Nothing changes: the same painting object stays.
    const before = useMask.getState().painting;
    paint(key, base, [0, 99, -1], false);
    expect(useMask.getState().painting).toBe(before);
    useMask.getState().clearPainting();
    expect(paintedFor(useMask.getState().painting, key)).toBeUndefined();
  });

  it('belongs to one grid and one strategy, ratio and seed', () => {
    useMask.getState().paint(key, base, [1], true);
    const other = [
      paintingKey({ ...grid, side: 16 }, settings),
      paintingKey(grid, { ...settings, ratio: 0.75 }),
      paintingKey(grid, { ...settings, seed: 4 }),
      paintingKey(grid, { ...settings, strategy: 'tube' }),
    ];
    expect(new Set([key, ...other]).size).toBe(5);
    for (const k of other) expect(paintedFor(useMask.getState().painting, k)).toBeUndefined();
    // Painting under another key starts again from that window's mask.
    useMask.getState().paint(other[0]!, base, [2], true);
    expect(paintedFor(useMask.getState().painting, other[0]!)).toEqual([1, 0, 1, 1, 0, 0, 1, 0]);
  });
});

describe('the attention view', () => {
  it('turns on when a patch is chosen and keeps the other choices', () => {
    const { setAttention } = useMask.getState();
    setAttention({ head: 1 });
    expect(useMask.getState().attention).toEqual({ on: false, layer: 0, head: 1 });
    setAttention({ query: 5 });
    expect(useMask.getState().attention).toEqual({ on: true, query: 5, layer: 0, head: 1 });
    setAttention({ on: false });
    expect(useMask.getState().attention).toEqual({ on: false, query: 5, layer: 0, head: 1 });
  });
});

describe('the model that reconstructs', () => {
  const shown = () => chosenModel(useMask.getState().models, useMask.getState().sourceChoice);
  beforeEach(() => {
    useMask.setState({ models: [], modelsListed: false, sourceChoice: undefined });
  });

  it('stays the pretrained model after a student trains a few steps', async () => {
    saved.checkpoints = [[PRETRAINED_RUN_ID, 1]];
    await useMask.getState().refreshModels();
    expect(shown()?.runId).toBe(PRETRAINED_RUN_ID);
    saved.checkpoints = [
      [PRETRAINED_RUN_ID, 1],
      ['noisy', 2],
    ];
    await useMask.getState().refreshModels();
    expect(useMask.getState().models.map((m) => m.runId)).toEqual(['noisy', PRETRAINED_RUN_ID]);
    expect(shown()?.runId).toBe(PRETRAINED_RUN_ID);
  });

  it("stays the user's pick, or the baseline, until another is picked", async () => {
    saved.checkpoints = [['mine', 1]];
    await useMask.getState().refreshModels();
    expect(shown()?.runId).toBe('mine');
    saved.checkpoints = [
      ['mine', 1],
      ['noisy', 2],
    ];
    await useMask.getState().refreshModels();
    expect(shown()?.runId).toBe('mine');
    useMask.getState().chooseSource(BASELINE_CHOICE);
    saved.checkpoints.push(['newer', 3]);
    await useMask.getState().refreshModels();
    expect(shown()).toBeUndefined();
    useMask.getState().chooseSource('noisy:latest');
    await useMask.getState().refreshModels();
    expect(shown()?.runId).toBe('noisy');
  });

  it('falls back to the default when the chosen model is deleted', async () => {
    saved.checkpoints = [
      [PRETRAINED_RUN_ID, 1],
      ['mine', 2],
    ];
    useMask.getState().chooseSource('mine:latest');
    await useMask.getState().refreshModels();
    expect(shown()?.runId).toBe('mine');
    saved.checkpoints = [[PRETRAINED_RUN_ID, 1]];
    await useMask.getState().refreshModels();
    expect(useMask.getState().sourceChoice).toBe(`${PRETRAINED_RUN_ID}:latest`);
  });
});

describe('reconstructionSource', () => {
  it('names the checkpoint and save, compared with the set baseline', async () => {
    saved.checkpoints = [['old', 1]];
    await useMask.getState().refreshModels();
    const values = defaultSettings();
    values.mask = { ...values.mask, baseline: 'nearest' };
    expect(reconstructionSource(values, useMask.getState().models[0])).toEqual({
      kind: 'model',
      checkpointId: 'old:latest',
      savedAt: 1,
      baseline: 'nearest',
    });
    expect(reconstructionSource(values, undefined)).toEqual({
      kind: 'baseline',
      method: 'nearest',
    });
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
