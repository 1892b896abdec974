import { describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../../../models/mae/config';
import type { RunRecordMeta } from '../../../storage/runRecords';
import { MISSING, runLearningRateText, runMaskRatioText, runModelText } from './runText';

const config = (over: Record<string, number | string | boolean> = {}): RunRecordMeta['config'] => ({
  ...(MAE_PRESETS.tiny.config as unknown as RunRecordMeta['config']),
  ...over,
});

describe('the runs table’s words for a run', () => {
  it('names the preset and the parameter count, whatever the mask ratio', () => {
    const tiny = runModelText('mae', config());
    expect(tiny.preset).toBe('Tiny');
    expect(tiny.params).toMatch(/^\d+(\.\d+)? k params$/);
    expect(runModelText('mae', config({ maskRatio: 0.5 }))).toEqual(tiny);
    expect(runModelText('mae', config({ width: 48 })).preset).toBe('Custom');
    expect(runModelText('mae', config({ width: 48 })).params).not.toBe(tiny.params);
  });
  it('leaves the count out when the config cannot be counted', () => {
    expect(runModelText('mae', { maskRatio: 0.75 })).toEqual({ preset: 'Custom' });
  });
  it('shows the mask ratio as set, or a dash without one', () => {
    expect(runMaskRatioText(config())).toBe('0.75');
    expect(runMaskRatioText(config({ maskRatio: 0.9 }))).toBe('0.9');
    expect(runMaskRatioText(config({ maskRatio: 1 / 3 }))).toBe('0.333');
    expect(runMaskRatioText({})).toBe(MISSING);
    expect(runMaskRatioText({ maskRatio: 'high' })).toBe(MISSING);
  });
  it('writes the peak learning rate in the one format', () => {
    const options = { peakLr: 0.003 } as RunRecordMeta['options'];
    expect(runLearningRateText(options)).toBe('3e-3');
  });
});
