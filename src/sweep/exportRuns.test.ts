import { describe, expect, it } from 'vitest';
import { defaults } from '../schema/params';
import { trainSchema } from '../models/trainOptions';
import type { RunRecordMeta } from '../storage/runRecords';
import { csvField, runTable, toCsv, toJson, type ExportableRun } from './exportRuns';
import { bestRun, metricIds, paramValue, recordedSweeps } from './sweepRuns';

function run(id: string, name: string, patch: Partial<RunRecordMeta>): ExportableRun {
  return {
    id,
    name,
    meta: {
      modelId: 'mae',
      config: { maskRatio: 0.75 },
      options: defaults(trainSchema),
      datasetId: 'd1',
      datasetName: 'Heat, “small”',
      status: 'done',
      step: 10,
      startedAt: Date.UTC(2026, 0, 1),
      updatedAt: Date.UTC(2026, 0, 1),
      ...patch,
    },
  };
}

const tag = { id: 's1', name: 'lr sweep', params: ['options.peakLr'] };
const runs = [
  run('a', 'MAE, lr=1e-3', {
    options: { ...defaults(trainSchema), peakLr: 1e-3 },
    finalLoss: 0.5,
    finalMetrics: { relL2: 0.3 },
    sweep: tag,
    startedAt: 2,
  }),
  run('b', 'line\nbreak', {
    options: { ...defaults(trainSchema), peakLr: 1e-2 },
    finalLoss: 0.2,
    finalMetrics: { relL2: 0.4 },
    sweep: tag,
    startedAt: 3,
  }),
  run('c', 'plain', { config: { maskRatio: 0.5, depth: 2 }, startedAt: 1 }),
];

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0.001)).toBe('0.001');
  });

  it('has a header and one line per run, with every option and config column', () => {
    const table = runTable(runs);
    expect(table.columns).toContain('options.peakLr');
    expect(table.columns).toContain('config.depth');
    expect(table.columns).toContain('metric.relL2');
    const csv = toCsv(table);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.startsWith('id,name,model,dataset,status')).toBe(true);
    expect(lines[1]).toContain('"Heat, “small”"');
    expect(lines[2]).toContain('"line\nbreak"');
    const lrColumn = table.columns.indexOf('options.peakLr');
    expect(table.rows.map((r) => r[lrColumn])).toEqual([1e-3, 1e-2, 1e-2]);
    const depth = table.columns.indexOf('config.depth');
    expect(table.rows.map((r) => r[depth])).toEqual([undefined, undefined, 2]);
  });

  it('exports JSON that reads back as the runs', () => {
    expect(JSON.parse(toJson(runs))).toEqual(runs.map((r) => JSON.parse(JSON.stringify(r))));
  });
});

describe('sweep results', () => {
  it('groups runs by their sweep tag and reads swept values', () => {
    const sweeps = recordedSweeps(runs);
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]!.runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(paramValue(runs[0]!, 'options.peakLr')).toBe(1e-3);
    expect(paramValue(runs[2]!, 'config.maskRatio')).toBe(0.5);
    expect(paramValue(runs[2]!, 'nothing')).toBeUndefined();
  });

  it('lists the metrics and picks the lowest as best', () => {
    expect(metricIds(runs)).toEqual(['finalLoss', 'relL2']);
    expect(bestRun(runs, 'finalLoss')?.run.id).toBe('b');
    expect(bestRun(runs, 'relL2')).toEqual({ run: runs[0], value: 0.3 });
    expect(bestRun([runs[2]!], 'relL2')).toBeUndefined();
  });
});

describe('parallel coordinates', () => {
  it('draws one axis per parameter plus the metric, log axes in log10, runs without the metric left out', async () => {
    const { parcoordsTrace } = await import('./parcoords');
    const { trainSchema: schema } = await import('../models/trainOptions');
    const trace = parcoordsTrace(
      runs,
      [{ id: 'options.peakLr', label: 'Peak learning rate', param: schema.peakLr }],
      'relL2',
      'relative L2',
    );
    expect(trace?.dimensions).toEqual([
      {
        label: 'Peak learning rate (log)',
        values: [-3, -2],
        tickvals: [-3, -2],
        ticktext: ['0.001', '0.01'],
      },
      { label: 'relative L2', values: [0.3, 0.4] },
    ]);
    expect(trace?.line.color).toEqual([0.3, 0.4]);
    const schedules = parcoordsTrace(
      runs,
      [{ id: 'options.schedule', label: 'Schedule', param: schema.schedule }],
      'finalLoss',
      'final loss',
    );
    expect(schedules?.dimensions[0]).toMatchObject({
      values: [0, 0],
      ticktext: ['One-cycle (as MAE-PDE)'],
    });
    expect(parcoordsTrace(runs, [], 'nothing', 'x')).toBeUndefined();
  });
});
