/** DINo's "Reproduce the paper" card's state: the shared reproduce store running DINo's job. */
import {
  DINO_REPRODUCE_JOB,
  type DinoReproduceResult,
  type ReproduceScale,
} from '../../../../models/dino/jobs/reproduceConfig';
import {
  createReproduceStore,
  type ReproduceRun as SharedRun,
} from '../../../../state/reproduceStore';
import { startDinoJob } from './forecastLabStore';

export type ReproduceRun = SharedRun<ReproduceScale, DinoReproduceResult>;

export const useReproduce = createReproduceStore<ReproduceScale, DinoReproduceResult>({
  scale: 'tiny',
  title: 'Reproduce DINo’s claim',
  start: (params, ...rest) => startDinoJob(DINO_REPRODUCE_JOB, params, ...rest),
});
