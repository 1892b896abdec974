/** Each model's own pictures for the Model panel: its architecture diagram and what to try. */
import type { ComponentType } from 'react';
import type { ModelId } from '../../../models/catalog';
import { MaeDiagram } from './MaeDiagram';
import { MaeTips } from './MaeTips';

/** Each takes its own model's config: the panel passes the chosen model's (hence `never`). */
export interface ModelViews {
  Diagram: ComponentType<{ config: never }>;
  Tips: ComponentType<{ config: never }>;
}

export const MODEL_VIEWS: Record<ModelId, ModelViews> = {
  mae: { Diagram: MaeDiagram, Tips: MaeTips },
};
