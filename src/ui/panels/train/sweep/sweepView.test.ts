import { describe, expect, it } from 'vitest';
import type { ExportableRun } from '../../../../sweep/exportRuns';
import { metricChoices } from './sweepView';

const maeRuns = [{ meta: { modelId: 'mae' } }] as unknown as ExportableRun[];

describe('metricChoices', () => {
  it('offers the held-out model metrics first, then the training loss, then the baselines', () => {
    const recorded = ['finalLoss', 'mse', 'relL2', 'relL2Linear', 'relL2Nearest'];
    expect(metricChoices(recorded, maeRuns)).toEqual([
      'relL2',
      'mse',
      'finalLoss',
      'relL2Linear',
      'relL2Nearest',
    ]);
  });

  it('keeps metrics the registry does not name, after the training loss', () => {
    expect(metricChoices(['other', 'finalLoss', 'relL2'], maeRuns)).toEqual([
      'relL2',
      'finalLoss',
      'other',
    ]);
  });
});
