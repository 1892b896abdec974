/** Every equation's description (no solvers, no tfjs): what the UI lists and builds controls from. */
import { advectionInfo } from './advection/info';
import { burgersInfo } from './burgers/info';
import { heatInfo } from './heat/info';
import { navierStokesInfo } from './ns/info';
import { swirlInfo } from './swirl/info';
import type { PdeId, PdeInfo } from './types';
import { waveInfo } from './wave/info';

export const PDE_CATALOG: Record<PdeId, PdeInfo> = {
  ns: navierStokesInfo,
  heat: heatInfo,
  wave: waveInfo,
  advection: advectionInfo,
  swirl: swirlInfo,
  burgers: burgersInfo,
};
