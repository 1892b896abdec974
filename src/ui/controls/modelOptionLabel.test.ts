import { describe, expect, it } from 'vitest';
import { MAE_PRESETS, maeParameterCount } from '../../models/mae/config';
import type { MaskModelOption } from '../../state/maskSources';
import { formatParameterCount } from '../formatCount';
import { modelOptionLabel } from './modelOptionLabel';

const option = (change: Partial<MaskModelOption> = {}): MaskModelOption => ({
  checkpointId: 'r:latest',
  savedAt: 1,
  runId: 'r',
  runName: 'MAE tiny on waves',
  step: 10,
  finalLoss: 0.01234,
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
});
