import { describe, expect, it } from 'vitest';
import { CHECKPOINT_FORMAT, type Checkpoint } from '../nn/checkpoint';
import { PRETRAINED_MANIFEST_FORMAT } from '../pretrained';
import { DPOT_PRESETS, dpotParameterCount } from './config';
import {
  parseDpotManifest,
  type DpotPretrainedManifest,
  type DpotRolloutScores,
} from './pretrained';
import { dpotPretrained } from './pretrainedRun';

const STEPS = 3;
const LOSSES = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.38, 0.37];

function scores(error: number): DpotRolloutScores {
  return {
    oneStepL2re: error,
    rolloutL2re: 2 * error,
    finalStepL2re: 3 * error,
    horizon: STEPS,
    perStep: [error, 2 * error, 3 * error],
  };
}

function held(label: string) {
  return { label, count: 16, model: scores(0.05), persistence: scores(0.1) };
}

function manifest(): DpotPretrainedManifest {
  const config = DPOT_PRESETS.classroom.config;
  return {
    format: PRETRAINED_MANIFEST_FORMAT,
    modelId: 'dpot',
    preset: 'classroom',
    config,
    parameters: dpotParameterCount(config, 2),
    channels: 2,
    checkpoint: 'dpot-classroom.ckpt',
    bytes: 1000,
    command: 'npm run pretrain -- dpot',
    training: {
      steps: 10,
      batchSize: 8,
      peakLr: 1e-3,
      seed: 1,
      seconds: 10,
      backend: 'wasm',
      data: 'heat, advection, Burgers and NS',
      maxGradNorm: 12,
    },
    heldOut: 'the default dataset and NS',
    table: {
      steps: STEPS,
      defaultDataset: held('Default dataset'),
      equations: { heat: held('Heat'), 'ns-1e-3': held('Navier–Stokes ν = 1e-3') },
    },
    validations: [{ step: 2, oneStepL2re: 0.5, rolloutL2re: 0.7, finalStepL2re: 0.9, horizon: 2 }],
    createdAt: '2026-12-05T00:00:00.000Z',
  };
}

/** A JSON copy of the manifest with the value at a dotted path replaced (undefined: removed). */
function changed(path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(manifest())) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((at, key) => at[key] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('the shipped DPOT manifest', () => {
  it('reads a manifest as the pretrain command writes it', () => {
    const parsed = parseDpotManifest(JSON.parse(JSON.stringify(manifest())));
    expect(parsed.table.equations['ns-1e-3']!.persistence.perStep).toHaveLength(STEPS);
    expect(parsed.config).toEqual(DPOT_PRESETS.classroom.config);
  });

  it('refuses a broken manifest, saying what is wrong', () => {
    const cases: [string, unknown, RegExp][] = [
      ['modelId', 'mae', /not a DPOT/],
      ['checkpoint', '../x.ckpt', /plain file name/],
      ['config.width', 'wide', /width/],
      ['training.maxGradNorm', undefined, /training.maxGradNorm/],
      ['table.defaultDataset.model.rolloutL2re', null, /table.defaultDataset.model.rolloutL2re/],
      [
        'table.equations.heat.persistence.perStep',
        [0.1, 0.2],
        /table.equations.heat.persistence.perStep should list 3/,
      ],
      ['validations', undefined, /validations/],
    ];
    expect(() => parseDpotManifest([])).toThrow(/not a JSON object/);
    for (const [path, value, why] of cases) {
      expect(() => parseDpotManifest(changed(path, value))).toThrow(why);
    }
  });

  it('lists the checkpoint as a finished run with its loss, OneCycle rate and scores', () => {
    const checkpoint: Checkpoint = {
      format: CHECKPOINT_FORMAT,
      version: 1,
      modelId: 'dpot',
      modelVersion: 1,
      config: {},
      step: 10,
      weights: [],
      history: { loss: LOSSES, validation: [] },
    };
    const run = dpotPretrained.run(manifest(), checkpoint);
    expect(run.history.step).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(run.history.loss).toEqual(LOSSES);
    // OneCycle over 10 steps: from the peak / 1e4 up to the peak in 2, then down.
    expect(run.history.lr[0]).toBeCloseTo(1e-7, 12);
    expect(Math.max(...run.history.lr)).toBeCloseTo(1e-3, 9);
    expect(run.history.validations).toEqual([
      { step: 2, metrics: { oneStepL2re: 0.5, rolloutL2re: 0.7, finalStepL2re: 0.9, horizon: 2 } },
    ]);
    expect(run.finalMetrics).toEqual({
      oneStepL2re: 0.05,
      rolloutL2re: 0.1,
      finalStepL2re: 0.15000000000000002,
      horizon: STEPS,
    });
    expect(run.options).toMatchObject({ schedule: 'one-cycle', steps: 10, peakLr: 1e-3 });
  });
});
