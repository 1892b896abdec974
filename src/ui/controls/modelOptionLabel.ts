/**
 * A trained model as the pickers of several panels name it (Mask's "Reconstruct with", Results'
 * and Downstream's model help): preset, size, step and loss, enough to tell runs apart.
 */
import { matchingPreset, modelEntry } from '../../models/catalog';
import { maeParameterCount } from '../../models/mae/config';
import { PRETRAINED_RUN_ID } from '../../runtime/pretrained/config';
import type { MaskModelOption } from '../../state/maskSources';
import { formatValue } from '../format';
import { formatParameterCount } from '../formatCount';

/** "MAE tiny · 6.14 k params · step 10 · loss 0.0123": enough to tell runs apart. */
export function modelOptionLabel(option: MaskModelOption): string {
  const entry = modelEntry('mae');
  const preset = matchingPreset(entry, option.config);
  const presetLabel = preset ? entry.presets[preset]?.label : undefined;
  const pretrained = option.runId === PRETRAINED_RUN_ID ? 'Pretrained ' : '';
  const parts = [`${pretrained}MAE ${presetLabel?.toLowerCase() ?? 'custom'}`];
  try {
    parts.push(`${formatParameterCount(maeParameterCount(option.config, option.channels))} params`);
  } catch {
    // A config this version cannot count is still listed, without its size.
  }
  parts.push(`step ${option.step}`);
  if (option.finalLoss !== undefined) parts.push(`loss ${formatValue(option.finalLoss)}`);
  return parts.join(' · ');
}
