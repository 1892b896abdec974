import { describe, expect, it } from 'vitest';
import { MAE_PRESETS, maeParameterCount } from '../../models/mae/config';
import { pretrainedRunId } from '../../models/pretrained';
import type { SavedModel } from '../../state/savedModels';
import { formatParameterCount } from '../formatCount';
import { modelOptionLabel } from './modelOptionLabel';

const option = (change: Partial<SavedModel> = {}): SavedModel => ({
  checkpointId: 'r:latest',
  savedAt: 1,
  runId: 'r',
  runName: 'MAE tiny on waves',
  step: 10,
  finalLoss: 0.01234,
  modelId: 'mae',
  config: MAE_PRESETS.tiny.config,
  channels: 1,
  ...change,
});

describe('modelOptionLabel', () => {
  it('names the model, preset, size, step and loss', () => {
    const count = formatParameterCount(maeParameterCount(MAE_PRESETS.tiny.config, 1));
    expect(modelOptionLabel(option())).toBe(`MAE tiny · ${count} params · step 10 · loss 0.0123`);
    const custom = option({
      config: { ...MAE_PRESETS.small.config, depth: 3 },
      finalLoss: undefined,
      step: 4,
    });
    expect(modelOptionLabel(custom)).toMatch(/^MAE custom · [\d.]+ [kM] params · step 4$/);
  });

  it('counts the parameters of the channels the model reads', () => {
    const two = formatParameterCount(maeParameterCount(MAE_PRESETS.tiny.config, 2));
    expect(modelOptionLabel(option({ channels: 2 }))).toContain(`· ${two} params ·`);
    expect(maeParameterCount(MAE_PRESETS.tiny.config, 2)).not.toBe(
      maeParameterCount(MAE_PRESETS.tiny.config, 1),
    );
  });

  it('says which model ships with the lab', () => {
    const shipped = option({ runId: pretrainedRunId('mae'), config: MAE_PRESETS.classroom.config });
    expect(modelOptionLabel(shipped)).toMatch(/^Pretrained MAE classroom · /);
  });
});
