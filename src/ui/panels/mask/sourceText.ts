/**
 * The Mask panel's words for reconstruction sources: the window a model sets, and which of model
 * and baseline fills a mask better. The model's own label is ui/controls/modelOptionLabel.ts.
 */
import type { ReconstructingModel } from '../../../state/savedModels';
import { formatValue } from '../../format';

/** What a model fixes about the window, for the greyed-out controls. */
export function modelWindowNote(model: ReconstructingModel): string {
  const { frames, size, patchT, patchXY } = model.maskedWindow;
  return `Set by the model: windows of ${frames} frames on its ${size} × ${size} grid, in patches of ${patchT} ${patchT === 1 ? 'frame' : 'frames'} × ${patchXY} × ${patchXY} points.`;
}

/**
 * Who fills this mask better, in one sentence; undefined when nothing is hidden. `modelName` is
 * the model's short name ("MAE"). When the baseline wins and there are `reasons`
 * (lossReasons.ts), the sentence ends in "Likely why:" and the panel lists them after it; without
 * reasons it says to train longer.
 */
export function comparisonSentence(
  modelName: string,
  modelError: number,
  baselineError: number,
  baselineName: string,
  reasons: readonly string[] = [],
): string | undefined {
  if (!Number.isFinite(modelError) || !Number.isFinite(baselineError)) return undefined;
  const numbers = `error ${formatValue(modelError)} against ${formatValue(baselineError)}`;
  if (modelError < baselineError) {
    const times = modelError > 0 ? ` (${formatValue(baselineError / modelError)}× lower)` : '';
    return `On this mask the ${modelName} beats the ${baselineName}: ${numbers}${times}.`;
  }
  if (modelError > baselineError) {
    const beaten = `On this mask the ${baselineName} beats the ${modelName}: ${numbers}.`;
    return reasons.length > 0
      ? `${beaten} Likely why:`
      : `${beaten} Train longer or on more data and compare again.`;
  }
  return `On this mask the ${modelName} and the ${baselineName} do equally well: ${numbers}.`;
}
