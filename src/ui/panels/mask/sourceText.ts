/**
 * The Mask panel's words for reconstruction sources: a trained model as the "Reconstruct with"
 * list names it, the window it sets, and which of model and baseline fills a mask better.
 */
import { matchingPreset, modelEntry } from '../../../models/catalog';
import { maeParameterCount } from '../../../models/mae/config';
import { PRETRAINED_RUN_ID } from '../../../runtime/pretrained/config';
import type { MaskModelOption } from '../../../state/maskSources';
import { formatValue } from '../../format';
import { formatParameterCount } from '../model/formatCount';

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

/** What a model fixes about the window, for the greyed-out controls. */
export function modelWindowNote(option: MaskModelOption): string {
  const { frames, size, patchT, patchXY } = option.config;
  return `Set by the model: windows of ${frames} frames on its ${size} × ${size} grid, in patches of ${patchT} ${patchT === 1 ? 'frame' : 'frames'} × ${patchXY} × ${patchXY} points.`;
}

/**
 * Who fills this mask better, in one sentence; undefined when nothing is hidden. When the
 * baseline wins and there are `reasons` (lossReasons.ts), the sentence ends in "Likely why:" and
 * the panel lists them after it; without reasons it says to train longer.
 */
export function comparisonSentence(
  modelError: number,
  baselineError: number,
  baselineName: string,
  reasons: readonly string[] = [],
): string | undefined {
  if (!Number.isFinite(modelError) || !Number.isFinite(baselineError)) return undefined;
  const numbers = `error ${formatValue(modelError)} against ${formatValue(baselineError)}`;
  if (modelError < baselineError) {
    const times = modelError > 0 ? ` (${formatValue(baselineError / modelError)}× lower)` : '';
    return `On this mask the MAE beats the ${baselineName}: ${numbers}${times}.`;
  }
  if (modelError > baselineError) {
    const beaten = `On this mask the ${baselineName} beats the MAE: ${numbers}.`;
    return reasons.length > 0
      ? `${beaten} Likely why:`
      : `${beaten} Train longer or on more data and compare again.`;
  }
  return `On this mask the MAE and the ${baselineName} do equally well: ${numbers}.`;
}
