/** The MAE training recipes compared by bench/recipe.ts (all on the tiny architecture). */
import type { MaeConfig } from '../src/models/mae/config';
import type { MaeScheduleKind } from '../src/models/mae/train';

export interface RecipeCandidate {
  id: string;
  label: string;
  config: Partial<MaeConfig>;
  peakLr: number;
  batchSize: number;
  schedule: MaeScheduleKind;
}

const published = { windowNorm: 'none', decoderNorm: false } as const;
const scaled = { windowNorm: 'visible', decoderNorm: true } as const;

export const RECIPE_CANDIDATES: RecipeCandidate[] = [
  {
    id: 'A',
    label: 'raw windows, lr 3e-3 (the old default)',
    config: published,
    peakLr: 3e-3,
    batchSize: 16,
    schedule: 'one-cycle',
  },
  {
    id: 'B',
    label: 'raw windows, lr 1e-2',
    config: published,
    peakLr: 1e-2,
    batchSize: 16,
    schedule: 'one-cycle',
  },
  {
    id: 'F',
    label: 'raw windows, decoder LayerNorm, lr 1e-2 (the new default)',
    config: { ...published, decoderNorm: true },
    peakLr: 1e-2,
    batchSize: 16,
    schedule: 'one-cycle',
  },
  {
    id: 'C',
    label: 'windows scaled by visible patches, lr 3e-3',
    config: scaled,
    peakLr: 3e-3,
    batchSize: 16,
    schedule: 'one-cycle',
  },
  {
    id: 'D',
    label: 'windows scaled by visible patches, lr 1e-2',
    config: scaled,
    peakLr: 1e-2,
    batchSize: 16,
    schedule: 'one-cycle',
  },
];
