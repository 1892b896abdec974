import { describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../../../models/mae/config';
import { maeInfo } from '../../../models/mae/info';
import type { ReconstructingModel } from '../../../state/savedModels';
import { comparisonSentence, modelWindowNote } from './sourceText';

const model: ReconstructingModel = {
  checkpointId: 'r:latest',
  savedAt: 1,
  runId: 'r',
  runName: 'MAE tiny on waves',
  step: 10,
  finalLoss: 0.01234,
  modelId: 'mae',
  config: MAE_PRESETS.tiny.config,
  channels: 1,
  maskedWindow: maeInfo.maskedWindow!(MAE_PRESETS.tiny.config),
};

describe('modelWindowNote', () => {
  it("states the model's window and patches", () => {
    expect(modelWindowNote(model)).toBe(
      'Set by the model: windows of 4 frames on its 16 × 16 grid, in patches of 2 frames × 4 × 4 points.',
    );
  });
});

describe('comparisonSentence', () => {
  it('says who fills the mask better, and by how much', () => {
    const name = 'linear interpolation baseline';
    expect(comparisonSentence('MAE', 0.1, 0.25, name)).toBe(
      'On this mask the MAE beats the linear interpolation baseline: error 0.1 against 0.25 (2.5× lower).',
    );
    expect(comparisonSentence('MAE', 0.3, 0.2, name)).toMatch(
      /^On this mask the linear interpolation baseline beats the MAE: error 0.3 against 0.2\./,
    );
    expect(comparisonSentence('MAE', 0.2, 0.2, name)).toMatch(/do equally well/);
    expect(comparisonSentence('MAE', Number.NaN, Number.NaN, name)).toBeUndefined();
  });
});
