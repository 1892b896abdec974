import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkValue } from '../../schema/params';
import {
  DPOT_PRESETS,
  dpotConfigProblem,
  dpotKeptModes,
  dpotParameterCount,
  dpotSchema,
  relativeNoise,
  type DpotConfig,
} from './config';
import { createDpot } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const presets = Object.entries(DPOT_PRESETS);

describe('DPOT config', () => {
  it('has presets whose every value fits the schema and that can be built', () => {
    for (const [id, { config }] of presets) {
      for (const [name, param] of Object.entries(dpotSchema)) {
        const value = config[name as keyof DpotConfig];
        expect(checkValue(param, value).ok, `${id}.${name} = ${String(value)}`).toBe(true);
      }
      expect(dpotConfigProblem(config), id).toBeUndefined();
    }
  });

  it('counts the parameters of the built model, for every preset and 1 or 2 channels', () => {
    for (const [id, { config }] of presets) {
      for (const channels of [1, 2]) {
        const model = createDpot(config, { channels });
        expect(model.params.count('trainable'), `${id}, ${channels} channel(s)`).toBe(
          dpotParameterCount(config, channels),
        );
        model.dispose();
      }
    }
    const plain = { ...DPOT_PRESETS.tiny.config, timeAggregation: 'mlp' as const, mlpRatio: 2 };
    const model = createDpot(plain, { channels: 1 });
    expect(model.params.count('trainable')).toBe(dpotParameterCount(plain, 1));
    model.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('gives the sizes worked out by hand from the official DPOTNet', () => {
    // methods §2g's browser model: patch 455 + 1024, positions 32 768, time 163 968,
    // 4 blocks × 50 432, head 66 657.
    expect(dpotParameterCount(DPOT_PRESETS.small.config, 1)).toBe(466_600);
    // DPOT-Ti on 4 channels: 7 534 643 in PyTorch, less the 531 468 of the unused
    // dataset-classification head (512 → 512 → 512 → 12).
    expect(dpotParameterCount(DPOT_PRESETS['paper-tiny'].config, 4)).toBe(7_534_643 - 531_468);
  });

  it('keeps DPOT’s noise level: 5e-4 times the norm of a 128² × 10 window is ≈ 0.2 of its RMS', () => {
    expect(DPOT_PRESETS['paper-tiny'].config.noise).toBeCloseTo(0.2024, 4);
    expect(relativeNoise(5e-4, 10, 64)).toBeCloseTo(0.1012, 4);
  });

  it('keeps DPOT’s [:modes, :modes] block of the patch grid’s half spectrum', () => {
    const small = DPOT_PRESETS.small.config;
    expect(dpotKeptModes(small)).toEqual({ rows: 16, columns: 9 });
    expect(dpotKeptModes({ ...small, modes: 6 })).toEqual({ rows: 6, columns: 6 });
  });

  it('explains configs that cannot be built', () => {
    const tiny = DPOT_PRESETS.tiny.config;
    const cases: [Partial<DpotConfig>, RegExp][] = [
      [{ size: 18 }, /whole number of patch sides/],
      [{ size: 12 }, /must be even/],
      [{ size: 4 }, /at least 2/],
      [{ width: 24, blocks: 5 }, /multiple of the weight blocks/],
      [{ width: 12, blocks: 2 }, /multiple of 8/],
    ];
    for (const [change, reason] of cases) {
      const config = { ...tiny, ...change };
      expect(dpotConfigProblem(config), JSON.stringify(change)).toMatch(reason);
      expect(() => createDpot(config, { channels: 1 })).toThrow(reason);
    }
  });
});
