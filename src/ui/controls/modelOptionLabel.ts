/**
 * A saved model as the pickers of several panels name it (Mask's "Reconstruct with", Results'
 * and Downstream's model help): its model, preset, size, step and loss, enough to tell runs apart.
 */
import { matchingPreset, modelEntry } from '../../models/catalog';
import { isPretrainedRun } from '../../models/pretrained';
import type { SavedModel } from '../../state/savedModels';
import { formatValue } from '../format';
import { formatParameterCount } from '../formatCount';

/** "MAE tiny · 6.14 k params · step 10 · loss 0.0123": enough to tell runs apart. */
export function modelOptionLabel(option: SavedModel): string {
  const entry = modelEntry(option.modelId);
  const preset = matchingPreset(entry, option.config);
  const presetLabel = preset ? entry.presets[preset]?.label : undefined;
  const pretrained = isPretrainedRun(option) ? 'Pretrained ' : '';
  const parts = [`${pretrained}${entry.runLabel} ${presetLabel?.toLowerCase() ?? 'custom'}`];
  try {
    parts.push(
      `${formatParameterCount(entry.parameterCount(option.config as never, option.channels))} params`,
    );
  } catch {
    // A config this version cannot count is still listed, without its size.
  }
  parts.push(`step ${option.step}`);
  if (option.finalLoss !== undefined) parts.push(`loss ${formatValue(option.finalLoss)}`);
  return parts.join(' · ');
}
