import { describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../models/mae/config';
import type { CheckpointRecordMeta } from '../storage/checkpointRecords';
import type { RunRecordMeta } from '../storage/runRecords';
import type { Summary } from '../storage/types';
import { maeInfo } from '../models/mae/info';
import { pretrainedRunId } from '../models/pretrained';
import {
  BASELINE_CHOICE,
  chosenModel,
  defaultModel,
  keptChoice,
  reconstructingModels,
  savedModels,
} from './savedModels';

const PRETRAINED_RUN_ID = pretrainedRunId('mae');

const tiny = MAE_PRESETS.tiny.config;

function checkpoint(
  runId: string,
  createdAt: number,
  step: number,
  config: unknown = { model: { ...tiny }, channels: 1 },
  modelId = 'mae',
): Summary<CheckpointRecordMeta> {
  return {
    id: `${runId}:latest`,
    name: `Run ${runId} · step ${step}`,
    createdAt,
    sizeBytes: 1,
    schemaVersion: 2,
    meta: {
      modelId,
      modelVersion: 1,
      config: config as Record<string, unknown>,
      step,
      runId,
      datasetId: 'd',
      createdAt,
    },
  };
}

function run(id: string, step: number, finalLoss: number): Summary<RunRecordMeta> {
  return {
    id,
    name: `MAE tiny on data ${id}`,
    createdAt: 1,
    sizeBytes: 1,
    schemaVersion: 2,
    meta: { step, finalLoss } as RunRecordMeta,
  };
}

describe('savedModels', () => {
  it('lists each checkpoint with its run, newest save first', () => {
    const options = savedModels(
      [run('a', 10, 0.5), run('b', 30, 0.25)],
      [checkpoint('a', 100, 10), checkpoint('b', 300, 20), checkpoint('orphan', 200, 5)],
    );
    expect(options.map((o) => [o.checkpointId, o.runName, o.step, o.finalLoss])).toEqual([
      // b's checkpoint is older than its last step: that loss is not the checkpoint's.
      ['b:latest', 'MAE tiny on data b', 20, undefined],
      ['orphan:latest', 'Run orphan', 5, undefined],
      ['a:latest', 'MAE tiny on data a', 10, 0.5],
    ]);
    expect(options[0]).toMatchObject({
      savedAt: 300,
      runId: 'b',
      datasetId: 'd',
      modelId: 'mae',
      channels: 1,
      config: tiny,
      maskedWindow: maeInfo.maskedWindow!(tiny),
    });
  });

  it('skips checkpoints of unknown models or with settings it cannot read', () => {
    const options = savedModels(
      [],
      [
        checkpoint('other', 1, 1, { model: { ...tiny }, channels: 1 }, 'physicnet'),
        checkpoint('no-channels', 2, 1, { model: { ...tiny } }),
        checkpoint('bad-size', 3, 1, { model: { ...tiny, size: 'big' }, channels: 1 }),
        checkpoint('good', 4, 1),
      ],
    );
    expect(options.map((o) => o.checkpointId)).toEqual(['good:latest']);
  });

  it('restores settings added since a checkpoint was written', () => {
    const { augment: _augment, ...older } = tiny as Record<string, unknown>;
    const [model] = savedModels([], [checkpoint('old', 1, 1, { model: older, channels: 1 })]);
    expect(model?.config).toEqual({ ...tiny, augment: maeInfo.settingsAddedLater.augment });
  });

  it('keeps only the models with the capability asked for', () => {
    const saved = [checkpoint('mae', 1, 1)];
    expect(savedModels([], saved, { capability: 'reconstruct' })).toHaveLength(1);
    expect(reconstructingModels([], saved)).toHaveLength(1);
    expect(savedModels([], saved, { capability: 'forecast' })).toEqual([]);
  });
});

describe('chosenModel', () => {
  const options = savedModels([], [checkpoint('old', 1, 1), checkpoint('new', 2, 1)]);

  it('default to the newest model, keep a saved choice, and honour the baseline', () => {
    expect(chosenModel(options, undefined)?.runId).toBe('new');
    expect(chosenModel(options, 'old:latest')?.runId).toBe('old');
    expect(chosenModel(options, 'deleted:latest')?.runId).toBe('new');
    expect(chosenModel(options, BASELINE_CHOICE)).toBeUndefined();
    expect(chosenModel([], undefined)).toBeUndefined();
  });

  it('default to the pretrained model over newer runs', () => {
    const withPretrained = savedModels(
      [],
      [checkpoint(PRETRAINED_RUN_ID, 1, 30000), checkpoint('noisy', 5, 10)],
    );
    expect(withPretrained[0]?.runId).toBe('noisy');
    expect(defaultModel(withPretrained)?.runId).toBe(PRETRAINED_RUN_ID);
    expect(chosenModel(withPretrained, undefined)?.runId).toBe(PRETRAINED_RUN_ID);
    expect(chosenModel(withPretrained, 'noisy:latest')?.runId).toBe('noisy');
    expect(defaultModel([])).toBeUndefined();
  });
});

describe('keptChoice', () => {
  const list = (...runs: [string, number][]) =>
    savedModels(
      [],
      runs.map(([id, at]) => checkpoint(id, at, 1)),
    );

  it('keeps the shown model when a newer run is trained', () => {
    const before = list(['mine', 1]);
    const shown = keptChoice(before, undefined);
    expect(shown).toBe('mine:latest');
    const after = list(['mine', 1], ['noisy', 2]);
    expect(keptChoice(after, shown)).toBe('mine:latest');
    expect(chosenModel(after, keptChoice(after, shown))?.runId).toBe('mine');
  });

  it('keeps the pretrained model shown by default when a run is trained after it', () => {
    const before = list([PRETRAINED_RUN_ID, 1]);
    const shown = keptChoice(before, undefined);
    expect(shown).toBe(`${PRETRAINED_RUN_ID}:latest`);
    expect(keptChoice(list([PRETRAINED_RUN_ID, 1], ['noisy', 2]), shown)).toBe(shown);
  });

  it('chooses the default again only when the choice is gone, and nothing with nothing saved', () => {
    const saved = list([PRETRAINED_RUN_ID, 1], ['other', 2]);
    expect(keptChoice(saved, 'deleted:latest')).toBe(`${PRETRAINED_RUN_ID}:latest`);
    expect(keptChoice(list(['other', 2], ['newest', 3]), 'deleted:latest')).toBe('newest:latest');
    expect(keptChoice([], 'deleted:latest')).toBeUndefined();
    expect(keptChoice([], undefined)).toBeUndefined();
  });

  it('keeps the baseline only where the panel offers it', () => {
    const saved = list(['mine', 1]);
    expect(keptChoice(saved, BASELINE_CHOICE, { baseline: true })).toBe(BASELINE_CHOICE);
    expect(keptChoice([], BASELINE_CHOICE, { baseline: true })).toBe(BASELINE_CHOICE);
    expect(keptChoice(saved, BASELINE_CHOICE)).toBe('mine:latest');
  });
});
