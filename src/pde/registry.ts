/** Every equation the lab simulates. Adding one is a folder and a line here. */
import { advectionSpec } from './advection/spec';
import { burgersSpec } from './burgers/spec';
import { heatSpec } from './heat/spec';
import { navierStokesSpec } from './ns/spec';
import { swirlSpec } from './swirl/spec';
import type { PdeId, PdeSpec } from './types';
import { waveSpec } from './wave/spec';

export const PDE_SPECS: Record<PdeId, PdeSpec> = {
  heat: heatSpec,
  wave: waveSpec,
  ns: navierStokesSpec,
  advection: advectionSpec,
  swirl: swirlSpec,
  burgers: burgersSpec,
};

export function pdeSpec(id: string): PdeSpec {
  const spec = (PDE_SPECS as Record<string, PdeSpec | undefined>)[id];
  if (!spec)
    throw new Error(
      `Unknown equation "${id}"; expected one of: ${Object.keys(PDE_SPECS).join(', ')}.`,
    );
  return spec;
}
