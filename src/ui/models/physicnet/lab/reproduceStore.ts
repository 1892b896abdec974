/** PhysicNet-style's "Reproduce the paper" card's state: the shared reproduce store, its job. */
import {
  PHYSICNET_REPRODUCE_JOB,
  type PhysicNetReproduceResult,
  type PhysicNetReproduceScale,
} from '../../../../models/physicnet/jobs/reproduceConfig';
import {
  createReproduceStore,
  type ReproduceRun as SharedRun,
} from '../../../../state/reproduceStore';
import { startPhysicNetJob } from './forecastLabStore';

export type ReproduceRun = SharedRun<PhysicNetReproduceScale, PhysicNetReproduceResult>;

export const useReproduce = createReproduceStore<PhysicNetReproduceScale, PhysicNetReproduceResult>(
  {
    scale: 'tiny',
    title: 'Reproduce PhysicNet-style’s claim',
    start: (params, ...rest) => startPhysicNetJob(PHYSICNET_REPRODUCE_JOB, params, ...rest),
  },
);
