import { beforeEach, describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../models/mae/config';
import {
  chooseModel,
  choosePreset,
  modelSelection,
  previewMasking,
  updateModelConfig,
} from './modelSettings';
import { SETTINGS_SCHEMAS, type Settings } from './settingsSchema';
import { defaultSettings, useSettings } from './settingsStore';
import { decodeQuery, encodeQuery } from './urlCodec';

/** Counts store changes while `run` runs: each one is a history entry in the browser. */
function changesDuring(run: () => void): number {
  let changes = 0;
  const unsubscribe = useSettings.subscribe(() => changes++);
  run();
  unsubscribe();
  return changes;
}

const current = () => useSettings.getState().values;
const linkOf = (values: Settings) => encodeQuery(SETTINGS_SCHEMAS, values);
const openLink = (query: string) => decodeQuery(SETTINGS_SCHEMAS, query).values as Settings;

describe('model settings', () => {
  beforeEach(() => useSettings.getState().replaceAll(defaultSettings()));

  it('starts at the MAE’s classroom preset, trainable, with an empty link', () => {
    const selection = modelSelection(current());
    expect(selection.entry.id).toBe('mae');
    expect(selection.preset).toBe('classroom');
    expect(selection.problem).toBeUndefined();
    expect(linkOf(current())).toBe('');
  });

  it('writes a preset’s config and the preset in one change', () => {
    expect(changesDuring(() => expect(choosePreset('tiny')).toEqual([]))).toBe(1);
    expect(current().mae).toEqual(MAE_PRESETS.tiny.config);
    expect(current().model.preset).toBe('tiny');
    expect(modelSelection(current()).preset).toBe('tiny');
    expect(linkOf(current())).toContain('mp=tiny');
    expect(linkOf(current())).toContain('mae.n=16');
  });

  it('calls an edited preset custom, and its own name again once edited back', () => {
    choosePreset('tiny');
    expect(changesDuring(() => updateModelConfig({ width: 48 }))).toBe(1);
    expect(current().mae.width).toBe(48);
    expect(current().model.preset).toBe('custom');
    expect(modelSelection(current()).preset).toBe('custom');

    updateModelConfig({ width: MAE_PRESETS.tiny.config.width });
    expect(current().model.preset).toBe('tiny');
    expect(modelSelection(current()).preset).toBe('tiny');
  });

  it('keeps the link compact: back at the defaults, nothing is left in it', () => {
    choosePreset('paper');
    updateModelConfig({ depth: 2 });
    choosePreset('classroom');
    expect(linkOf(current())).toBe('');
  });

  it('shows the preset a shared link’s config matches, whatever its preset key says', () => {
    choosePreset('paper');
    const link = linkOf(current());
    expect(modelSelection(openLink(link)).preset).toBe('paper');
    // A link edited by hand: the config decides.
    const stale = link.replace('mp=paper', 'mp=tiny');
    expect(modelSelection(openLink(stale)).preset).toBe('paper');
    expect(modelSelection(openLink(`${link}&mae.d=3`)).preset).toBe('custom');
  });

  it('refuses invalid values with reasons and changes nothing', () => {
    choosePreset('tiny');
    const before = current();
    expect(updateModelConfig({ width: 2, heads: 1.5 })).toEqual([
      'Encoder width is outside 8…512',
      'Encoder heads must be a whole number',
    ]);
    expect(current()).toBe(before);
    expect(choosePreset('huge')).toEqual(['Masked autoencoder (MAE-PDE) has no preset "huge".']);
    expect(chooseModel('gpt')).toEqual(['There is no model "gpt".']);
    expect(current()).toBe(before);
  });

  it('says why a config cannot be trained', () => {
    updateModelConfig({ patchXY: 5 });
    expect(modelSelection(current()).problem).toBe(
      'The grid (32) must be a whole number of patch sides (5).',
    );
    expect(modelSelection(current()).preset).toBe('custom');
  });

  it('re-derives the preset when the model is chosen again', () => {
    updateModelConfig({ ...MAE_PRESETS.paper.config });
    useSettings.getState().update('model', { preset: 'small' });
    chooseModel('mae');
    expect(current().model.preset).toBe('paper');
  });

  it('opens the Mask panel with the model’s masking in one change', () => {
    choosePreset('paper');
    const { maskRatio, patchT, patchXY, frames } = current().mae;
    const changes = changesDuring(() =>
      previewMasking({ ratio: maskRatio, patchTime: patchT, patchSide: patchXY, frames }),
    );
    expect(changes).toBe(1);
    expect(current().app.panel).toBe('mask');
    expect(current().mask).toMatchObject({ ratio: 0.9, patchTime: 4, patchSide: 4, frames: 16 });
  });
});
