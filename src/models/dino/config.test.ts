import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkValues, defaults } from '../../schema/params';
import {
  decoderParameterCount,
  dinoConfigProblem,
  dinoParameterCount,
  dinoSchema,
  freeRolloutFrom,
  teacherForcingEpsilon,
  DINO_PRESETS,
  type DinoPresetId,
} from './config';
import { dinoInfo } from './info';
import { createDino } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('DINo parameter count', () => {
  for (const id of Object.keys(DINO_PRESETS) as DinoPresetId[]) {
    for (const channels of [1, 2]) {
      it(`${id}, ${channels} channel(s): the analytic count is the built model's`, () => {
        const config = DINO_PRESETS[id].config;
        const model = createDino(config, { channels });
        expect(model.params.count('trainable')).toBe(dinoParameterCount(config, channels));
        expect(model.params.count()).toBe(dinoParameterCount(config, channels));
        model.dispose();
      });
    }
  }

  it('matches DINo’s Navier–Stokes model (methods.md: 38.6 k decoder with its inert B₀, 628 k dynamics)', () => {
    const paper = DINO_PRESETS.paper.config;
    // DINo's layer 0 also holds B₀ (64 × 2), multiplied by x·0: 38,593 with it.
    expect(decoderParameterCount(paper) + 64 * 2).toBe(38_593);
    expect(dinoParameterCount(paper) - decoderParameterCount(paper)).toBe(628_327);
    expect(dinoParameterCount(DINO_PRESETS.small.config)).toBe(193_924);
    expect(dinoParameterCount(DINO_PRESETS.tiny.config)).toBe(3_676);
  });
});

describe('DINo config', () => {
  it('has the small browser configuration as its defaults', () => {
    expect(DINO_PRESETS.small.config).toEqual(defaults(dinoSchema));
    expect(dinoInfo.presets[dinoInfo.defaultPreset].config).toEqual(defaults(dinoSchema));
  });

  it('keeps every preset valid and every URL key under dino.', () => {
    for (const [id, preset] of Object.entries(DINO_PRESETS)) {
      expect(checkValues(dinoSchema, preset.config).rejected, id).toEqual([]);
      expect(dinoConfigProblem(preset.config), id).toBeUndefined();
    }
    const keys = Object.values(dinoSchema).map((p) => p.key);
    expect(keys.every((k) => k.startsWith('dino.'))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses an odd decoder width (half sines, half cosines)', () => {
    expect(dinoConfigProblem({ ...DINO_PRESETS.small.config, decoderWidth: 63 })).toMatch(/even/);
  });

  it('groups every setting once and explains itself', () => {
    const grouped = dinoInfo.groups.flatMap((g) => g.params);
    expect([...grouped].sort()).toEqual(Object.keys(dinoSchema).sort());
    expect(dinoInfo.explanation.split(' ').length).toBeGreaterThan(60);
    expect(dinoInfo.paper.arxiv).toBe('2209.14855');
    const facts = Object.fromEntries(
      dinoInfo.facts(DINO_PRESETS.paper.config).map((f) => [f.id, f.value]),
    );
    expect(facts.frequencies).toContain('±22.6');
    expect(facts['free-rollout']).toBe('68,700 iterations');
  });
});

describe('teacher forcing schedule', () => {
  it('starts at 0.99 and decays by 0.99 after every decayEvery iterations', () => {
    expect(teacherForcingEpsilon(0, 100)).toBe(0.99);
    expect(teacherForcingEpsilon(99, 100)).toBe(0.99);
    expect(teacherForcingEpsilon(100, 100)).toBeCloseTo(0.9801, 12);
    expect(teacherForcingEpsilon(250, 100)).toBeCloseTo(0.99 ** 3, 12);
    expect(teacherForcingEpsilon(25, 10)).toBeCloseTo(0.99 ** 3, 12);
  });

  it('drops to 0 once below 1e-3: after 687 decays', () => {
    expect(teacherForcingEpsilon(686 * 10, 10)).toBeCloseTo(0.99 ** 687, 12);
    expect(teacherForcingEpsilon(686 * 10, 10)).toBeGreaterThan(1e-3);
    expect(teacherForcingEpsilon(687 * 10 - 1, 10)).toBeGreaterThan(1e-3);
    expect(teacherForcingEpsilon(687 * 10, 10)).toBe(0);
    expect(teacherForcingEpsilon(1e6, 10)).toBe(0);
    expect(freeRolloutFrom({ decayEvery: 10 })).toBe(6870);
  });
});
