import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../models/catalog';
import { buildParamsFrom } from './buildParams';
import { defaultDatasetSettings } from './defaultDataset';
import type { Settings } from './settingsSchema';
import { defaultSettings } from './settingsStore';

function applied(changes: Record<string, Record<string, unknown>>): Settings {
  const values = defaultSettings();
  return Object.fromEntries(
    Object.entries(values).map(([section, current]) => [
      section,
      { ...current, ...changes[section] },
    ]),
  ) as Settings;
}

describe('each model’s default dataset', () => {
  it('builds DINo’s wave setting as a single equation: Gaussian bumps, 16 × 20 frames at 64²', () => {
    const recipe = MODEL_CATALOG.dino.defaultDataset;
    const { request } = buildParamsFrom(
      applied(defaultDatasetSettings(defaultSettings(), {}, recipe)),
    );
    expect(request.kind).toBe('single');
    if (request.kind !== 'single') return;
    const { single } = request;
    expect([single.pde, single.n, single.count, single.frames]).toEqual(['wave', 64, 16, 20]);
    expect(single.initialCondition).toBe('gaussian-bump');
  });

  it('builds the MAE’s as an equal mix of its three equations', () => {
    const { request } = buildParamsFrom(applied(defaultDatasetSettings(defaultSettings())));
    expect(request.kind).toBe('mix');
    if (request.kind !== 'mix') return;
    expect(request.mix.components.map((c) => c.pde)).toEqual(['heat', 'advection', 'burgers']);
  });

  it('builds PhysicNet-style’s as its shipped model trained: swirling blobs at 32², peak speed 1', () => {
    const recipe = MODEL_CATALOG.physicnet.defaultDataset;
    const { request } = buildParamsFrom(
      applied(defaultDatasetSettings(defaultSettings(), {}, recipe)),
    );
    expect(request.kind).toBe('single');
    if (request.kind !== 'single') return;
    const { single } = request;
    expect([single.pde, single.n, single.count, single.frames]).toEqual(['swirl', 32, 16, 20]);
    expect(single.initialCondition).toBe('gaussian-blobs');
    expect(single.coefficients).toMatchObject({ speed: [1, 1] });
  });
});
