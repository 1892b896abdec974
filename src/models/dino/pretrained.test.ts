import { describe, expect, it } from 'vitest';
import { DINO_PRESETS } from './config';
import { parseDinoManifest } from './pretrained';

const manifest = () => ({
  format: 'pde-lab-pretrained',
  modelId: 'dino',
  preset: 'classroom',
  config: { ...DINO_PRESETS.classroom.config },
  parameters: 51_796,
  channels: 2,
  checkpoint: 'dino-classroom.ckpt',
  bytes: 1,
  command: 'npm run pretrain -- dino',
  training: {
    steps: 10,
    batchSize: 8,
    peakLr: 0.01,
    seed: 1,
    seconds: 3,
    backend: 'wasm',
    data: 'waves',
  },
  heldOut: '16 waves',
  table: { inT_inS: 0.1, inT_outS: 0.2, outT_inS: 0.3, outT_outS: 0.4, all: 0.25 },
  validations: [{ step: 10, relL2: 0.3 }],
  createdAt: '2026-12-04T00:00:00Z',
});

describe('the shipped DINo manifest', () => {
  it('reads what npm run pretrain -- dino writes', () => {
    expect(parseDinoManifest(manifest()).table.outT_outS).toBe(0.4);
  });

  it('refuses, in words, another model, a path as file name, bad settings or a missing table', () => {
    expect(() => parseDinoManifest({ ...manifest(), modelId: 'mae' })).toThrow(/not a DINo/);
    expect(() => parseDinoManifest({ ...manifest(), checkpoint: '../x.ckpt' })).toThrow(
      /plain file/,
    );
    expect(() =>
      parseDinoManifest({ ...manifest(), config: { ...manifest().config, codeDim: -1 } }),
    ).toThrow(/codeDim/);
    expect(() => parseDinoManifest({ ...manifest(), table: { all: 1 } })).toThrow(/table\.inT_inS/);
  });
});
