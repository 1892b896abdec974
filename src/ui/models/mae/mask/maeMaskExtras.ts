/** The MAE's own parts of the Mask panel: its decoder's attention and its shipped model's note. */
import type { MaskExtras } from '../../registry';
import { AttentionSection } from './AttentionSection';
import { MaePretrainedNote } from './MaePretrainedNote';
import { trainedOnManifest } from './trainedOnManifest';

export const maeMaskExtras: MaskExtras = {
  AttentionView: AttentionSection,
  PretrainedNote: MaePretrainedNote,
  pretrainedTrainedOn: trainedOnManifest,
};
