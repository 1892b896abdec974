import { describe, expect, it } from 'vitest';
import { defaults } from '../schema/params';
import { trainSchema } from '../models/trainOptions';
import { parseRunRecordMeta } from '../storage/runRecords';

const meta = {
  modelId: 'mae',
  config: { maskRatio: 0.75 },
  options: defaults(trainSchema),
  datasetId: 'd',
  datasetName: 'waves',
  status: 'done',
  step: 4,
  startedAt: 1,
  updatedAt: 2,
};

describe("a run record's sweep tag", () => {
  it('is read back as written, and absent on runs outside a sweep', () => {
    const sweep = { id: 's', name: 'lr sweep', params: ['options.peakLr', 'config.maskRatio'] };
    expect(parseRunRecordMeta({ ...meta, sweep }).sweep).toEqual(sweep);
    expect('sweep' in parseRunRecordMeta(meta)).toBe(false);
  });

  it('is refused when malformed', () => {
    expect(() =>
      parseRunRecordMeta({ ...meta, sweep: { id: 's', name: 'x', params: [1] } }),
    ).toThrow(/sweep.params/);
    expect(() => parseRunRecordMeta({ ...meta, sweep: 'lr' })).toThrow(
      /"sweep" should be an object/,
    );
  });
});
