import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../../data/io/meta';
import { MAE_PRESETS } from '../../../models/mae/config';
import { maeInfo } from '../../../models/mae/info';
import { pretrainedRunId } from '../../../models/pretrained';
import type { MaskPreviewResult } from '../../../runtime/mask/config';
import type { ReconstructingModel } from '../../../state/savedModels';
import {
  lossReasons,
  modelBackground,
  previewLossReasons,
  shownTrajectory,
  trainedOnDataset,
  type LossFacts,
} from './lossReasons';
import { comparisonSentence } from './sourceText';

function meta(change: Partial<DatasetMeta> = {}): DatasetMeta {
  return {
    equation: 'heat',
    scheme: 'spectral',
    seed: 0,
    grid: { n: 32, length: 2, origin: -1 },
    times: [0, 1, 2, 3],
    channels: ['u'],
    coefficients: { nu: [0.01, 0.02] },
    split: { train: 2, val: 0, test: 0 },
    ...change,
  };
}

const mix = meta({
  equation: 'mix',
  channels: ['u', 'v'],
  mix: {
    components: [
      { equation: 'heat', scheme: 'spectral', initial: 'random-sines', channels: ['u'], weight: 1 },
      {
        equation: 'wave',
        scheme: 'spectral',
        initial: 'gaussian-bump',
        channels: ['u', 'u_t'],
        weight: 1,
      },
    ],
    index: [1, 0],
  },
});

/** Facts under which nothing explains a loss: the model saw all of it, long enough. */
const fine: LossFacts = {
  shown: { equation: 'heat', initial: 'random-sines' },
  trained: { equations: ['heat', 'advection'], initials: ['random-sines'], grid: 32 },
  grid: { dataset: 32, model: 16 },
  ratio: { shown: 0.75, training: 0.75 },
  mask: 'random',
  steps: 3000,
  pretrained: false,
};

describe('what a model trained on', () => {
  it('reads a dataset: its equations, initial conditions (only when all are known) and grid', () => {
    expect(trainedOnDataset(meta({ initial: 'hot-square' }))).toEqual({
      equations: ['heat'],
      initials: ['hot-square'],
      grid: 32,
    });
    expect(trainedOnDataset(meta())).toEqual({ equations: ['heat'], grid: 32 });
    expect(trainedOnDataset(mix)).toEqual({
      equations: ['heat', 'wave'],
      initials: ['random-sines', 'gaussian-bump'],
      grid: 32,
    });
    const partly = meta({
      ...mix,
      mix: {
        ...mix.mix!,
        components: [mix.mix!.components[0]!, { ...mix.mix!.components[1]!, initial: undefined }],
      },
    });
    expect(trainedOnDataset(partly).initials).toBeUndefined();
  });

  it('reads the shown trajectory, in a mix from its component', () => {
    expect(shownTrajectory(meta({ initial: 'ring' }), 1)).toEqual({
      equation: 'heat',
      initial: 'ring',
    });
    expect(shownTrajectory(meta(), 0)).toEqual({ equation: 'heat' });
    expect(shownTrajectory(mix, 0)).toEqual({ equation: 'wave', initial: 'gaussian-bump' });
    expect(shownTrajectory(mix, 1)).toEqual({ equation: 'heat', initial: 'random-sines' });
    expect(shownTrajectory(mix, 9)).toEqual({});
  });
});

describe('lossReasons', () => {
  it('finds nothing when the model saw this kind of data with this mask, long enough', () => {
    expect(lossReasons(fine)).toEqual([]);
    expect(lossReasons({ ...fine, steps: 10, pretrained: true })).toEqual([]);
  });

  it('names an equation the model never saw, before its initial condition', () => {
    expect(lossReasons({ ...fine, shown: { equation: 'wave', initial: 'gaussian-bump' } })).toEqual(
      [
        'it was trained on Heat equation and Advection equation data only, never on Wave equation data like this',
      ],
    );
    expect(lossReasons({ ...fine, shown: { equation: 'imported' } })).toEqual([
      'it was trained on Heat equation and Advection equation data only, never on imported data like this',
    ]);
  });

  it('names a starting pattern the model never saw', () => {
    expect(lossReasons({ ...fine, shown: { equation: 'heat', initial: 'hot-square' } })).toEqual([
      'its training simulations all started from “Random sine waves”, never from “Hot square” like this one',
    ]);
  });

  it('skips what is not known', () => {
    expect(lossReasons({ ...fine, shown: {} })).toEqual([]);
    expect(
      lossReasons({
        ...fine,
        shown: { equation: 'heat', initial: 'hot-square' },
        trained: { equations: ['heat'] },
      }),
    ).toEqual([
      "these 32 × 32 frames are resampled to the model's 16 × 16 grid, which loses the finest detail",
    ]);
    const { trained: _, ...unknown } = fine;
    expect(
      lossReasons({ ...unknown, shown: { equation: 'wave' }, grid: { dataset: 16, model: 16 } }),
    ).toEqual([]);
  });

  it('compares the grid with the training data’s when known, else with the model’s', () => {
    expect(lossReasons({ ...fine, grid: { dataset: 64, model: 16 } })).toEqual([
      "these 64 × 64 frames are resampled to the model's 16 × 16 grid from a finer grid than the 32 × 32 data it trained on",
    ]);
    const noGrid = { ...fine, trained: { equations: ['heat'] } };
    expect(lossReasons({ ...noGrid, grid: { dataset: 8, model: 16 } })).toEqual([
      "these 8 × 8 frames are resampled to the model's 16 × 16 grid",
    ]);
    expect(lossReasons({ ...noGrid, grid: { dataset: 16, model: 16 } })).toEqual([]);
  });

  it('flags far more hidden than in training, another kind of mask, and a short run', () => {
    expect(lossReasons({ ...fine, ratio: { shown: 0.85, training: 0.75 } })).toEqual([]);
    expect(lossReasons({ ...fine, ratio: { shown: 0.9, training: 0.75 } })).toEqual([
      '90 % of the patches are hidden here, far more than the 75 % it was trained to fill in',
    ]);
    expect(lossReasons({ ...fine, mask: 'frame' })).toEqual([
      'it trained on randomly scattered hidden patches, not whole frames hidden',
    ]);
    expect(lossReasons({ ...fine, mask: 'painted', steps: 1 })).toEqual([
      'it trained on randomly scattered hidden patches, not a mask painted by hand',
      'it has trained for only 1 step, too few to learn much: train longer',
    ]);
  });
});

describe('the verdict', () => {
  it('says why the baseline wins when it can, else to train longer', () => {
    const reasons = lossReasons({ ...fine, steps: 10 });
    expect(comparisonSentence('MAE', 0.3, 0.2, 'linear interpolation baseline', reasons)).toBe(
      'On this mask the linear interpolation baseline beats the MAE: error 0.3 against 0.2. Likely why:',
    );
    expect(comparisonSentence('MAE', 0.3, 0.2, 'linear interpolation baseline', [])).toMatch(
      /Train longer or on more data and compare again\.$/,
    );
    expect(
      comparisonSentence('MAE', 0.1, 0.2, 'linear interpolation baseline', reasons),
    ).not.toMatch(/Likely why/);
  });
});

describe('a preview’s reasons', () => {
  const option = (runId: string, datasetId?: string): ReconstructingModel => ({
    checkpointId: `${runId}:latest`,
    savedAt: 1,
    runId,
    runName: runId,
    ...(datasetId ? { datasetId } : {}),
    step: 10,
    modelId: 'mae',
    config: MAE_PRESETS.tiny.config,
    channels: 1,
    maskedWindow: maeInfo.maskedWindow!(MAE_PRESETS.tiny.config),
  });
  const result = (checkpointId: string, trajectory = 0): MaskPreviewResult =>
    ({
      request: { trajectory, strategy: 'random' },
      metrics: { hiddenTokens: 24, tokens: 32 },
      model: { checkpointId, step: 10, size: 16, datasetSize: 32 },
    }) as unknown as MaskPreviewResult;

  it("use a run's training dataset while it is saved", () => {
    const shown = mix;
    const run = option('run', 'trained');
    const background = modelBackground(run, shown, [{ id: 'trained', meta: meta() }], undefined);
    expect(background.trained).toEqual({ equations: ['heat'], grid: 32 });
    expect(previewLossReasons(background, result(run.checkpointId))).toEqual([
      'it was trained on Heat equation data only, never on Wave equation data like this',
      'it has trained for only 10 steps, too few to learn much: train longer',
    ]);
    // Deleted training data: only what the preview itself shows.
    const unknown = modelBackground(run, shown, [], undefined);
    expect(previewLossReasons(unknown, result(run.checkpointId))).toEqual([
      "these 32 × 32 frames are resampled to the model's 16 × 16 grid, which loses the finest detail",
      'it has trained for only 10 steps, too few to learn much: train longer',
    ]);
    // A preview made by another model than the background's: no reasons.
    expect(previewLossReasons(background, result('other:latest'))).toEqual([]);
  });

  it('use what the shipped model trained on, as its manifest says', () => {
    const pretrained = option(pretrainedRunId('mae'));
    const trained = { equations: ['heat', 'advection', 'burgers'], grid: 32 };
    const background = modelBackground(pretrained, mix, [], trained);
    expect(background.pretrained).toBe(true);
    expect(previewLossReasons(background, result(pretrained.checkpointId, 0))).toEqual([
      'it was trained on Heat equation, Advection equation and Burgers (2-D, viscous) data only, never on Wave equation data like this',
    ]);
    expect(previewLossReasons(background, result(pretrained.checkpointId, 1))).toEqual([]);
  });
});
