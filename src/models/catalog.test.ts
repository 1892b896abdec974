import { describe, expect, it } from 'vitest';
import { checkValues, defaults } from '../schema/params';
import { matchingPreset, MODEL_CATALOG, MODEL_IDS, modelEntry } from './catalog';

describe('model catalog', () => {
  it('counts the MAE presets’ parameters from their configs', () => {
    const { mae } = MODEL_CATALOG;
    // The lab's presets use fixed sin-cos positions and no per-patch LayerNorm; the paper's has
    // MAE-PDE's learned positions and LayerNorm.
    expect(mae.parameterCount(mae.presets.tiny.config)).toBe(12_896);
    expect(mae.parameterCount(mae.presets.classroom.config)).toBe(80_544);
    expect(mae.parameterCount(mae.presets.small.config)).toBe(643_104);
    expect(mae.parameterCount(mae.presets.paper.config)).toBe(10_990_400);
  });

  for (const id of MODEL_IDS) {
    const entry = modelEntry(id);

    it(`${id}: the default preset is the schema's defaults, so a default link shows it`, () => {
      expect(entry.presets[entry.defaultPreset]?.config).toEqual(defaults(entry.schema));
      expect(entry.id).toBe(id);
    });

    it(`${id}: every preset is valid, buildable and told apart from the others`, () => {
      for (const [presetId, preset] of Object.entries(entry.presets)) {
        expect(checkValues(entry.schema, preset.config).rejected, presetId).toEqual([]);
        expect(entry.configProblem(preset.config), presetId).toBeUndefined();
        expect(matchingPreset(entry, preset.config)).toBe(presetId);
        expect(preset.explanation.length, presetId).toBeGreaterThan(20);
      }
    });

    it(`${id}: the form groups hold every setting exactly once`, () => {
      const grouped = entry.groups.flatMap((g) => g.params);
      expect([...grouped].sort()).toEqual(Object.keys(entry.schema).sort());
    });

    it(`${id}: explains itself and cites its paper`, () => {
      expect(entry.explanation.split(' ').length).toBeGreaterThan(60);
      expect(entry.paper.arxiv).toMatch(/^\d{4}\.\d{4,5}$/);
      expect(entry.title.length).toBeGreaterThan(0);
    });
  }

  it('calls any change of a preset’s config custom', () => {
    const { mae } = MODEL_CATALOG;
    const small = mae.presets.small.config;
    expect(matchingPreset(mae, { ...small, width: 96 })).toBeUndefined();
    expect(matchingPreset(mae, { ...small, positions: 'learned' })).toBeUndefined();
    expect(matchingPreset(mae, { ...small, normalizeTargets: true })).toBeUndefined();
    expect(matchingPreset(mae, { ...mae.presets.paper.config, maskRatio: 0.75 })).toBeUndefined();
  });

  it('describes the shape of the MAE’s input', () => {
    const { mae } = MODEL_CATALOG;
    const facts = Object.fromEntries(
      mae.facts(mae.presets.small.config).map((f) => [f.id, f.value]),
    );
    expect(facts).toEqual({
      tokens: '256 (4 × 8 × 8)',
      patch: '32 (2 × 4 × 4)',
      window: '8 frames of 32²',
    });
    const paper = mae.facts(mae.presets.paper.config).find((f) => f.id === 'tokens');
    expect(paper?.value).toBe('1024 (4 × 16 × 16)');
    // Patches that do not tile the grid make no whole number of tokens.
    const broken = mae.facts({ ...mae.presets.small.config, patchXY: 5 });
    expect(broken.find((f) => f.id === 'tokens')?.value).toBe('–');
  });
});
