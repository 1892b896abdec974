/** What the shipped pretrained MAE trained on, read from its manifest, for the Mask panel's "likely why". */
import type { PretrainedManifest } from '../../../../models/mae/pretrained';
import type { ShippedManifest } from '../../../../models/pretrained';
import { PDE_CATALOG } from '../../../../pde/catalog';
import type { TrainedOn } from '../../../panels/mask/lossReasons';

/**
 * The scored groups (equation × initial condition) when the manifest lists them, else the
 * equations its training data names; the grid from "… at 32²" in the same text.
 */
export function trainedOnManifest(shipped: ShippedManifest): TrainedOn {
  const manifest = shipped as PretrainedManifest;
  const text = manifest.training.data;
  const named = Object.values(PDE_CATALOG)
    .filter((info) => text.includes(info.title))
    .map((info) => info.id);
  const groups = manifest.groups ?? [];
  const equations = groups.length > 0 ? unique(groups.map((g) => g.equation)) : named;
  const grid = /\bat (\d+)²/.exec(text)?.[1];
  return {
    ...(equations.length > 0 ? { equations } : {}),
    ...(groups.length > 0 ? { initials: unique(groups.map((g) => g.initial)) } : {}),
    ...(grid ? { grid: Number(grid) } : {}),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
