/**
 * Words the Model panel shows instead of a config schema's own, where the schema's could be
 * confused with another panel's control: the MAE's mask ratio is the share hidden while it
 * trains, not the Mask panel's "Hidden share (this view)".
 */
import type { Param } from '../../../schema/params';

const WORDING: Record<string, Record<string, Pick<Param, 'label' | 'help'>>> = {
  mae: {
    maskRatio: {
      label: 'Training mask ratio',
      help: 'The share of patches hidden from the model at every training step. It is part of the model once trained; to hide more or less of one view, use “Hidden share (this view)” in the Mask panel.',
    },
  },
};

/** The parameter as the Model panel labels it. */
export function panelParam(modelId: string, name: string, param: Param): Param {
  const wording = WORDING[modelId]?.[name];
  return wording ? { ...param, ...wording } : param;
}
