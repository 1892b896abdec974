/**
 * The MAE's own worker jobs, its downstream experiments, for maeRuntime.jobs: each one typed by
 * ./jobTypes and run by the worker's generic `modelJob`.
 *
 * - regressionExperiment  coefficient regression (MAE-PDE's first downstream task)
 * - stepperExperiment     conditioned neural time-stepping (its second)
 * - embedDataset          the encoder's latent space in 2-D
 */
import { modelJob, type ModelJob, type ModelJobContext } from '../../runtime';
import { embedDataset } from './embedDataset';
import type { MaeJobName, MaeJobTypes } from './jobTypes';
import { regressionExperiment } from './regressionExperiment';
import { stepperExperiment } from './stepperExperiment';

type MaeJob<J extends MaeJobName> = (
  params: MaeJobTypes[J]['params'],
  ctx: ModelJobContext,
) => Promise<MaeJobTypes[J]['result']>;

/** Each job checked against its params and result. */
const TYPED: { readonly [J in MaeJobName]: MaeJob<J> } = {
  regressionExperiment,
  stepperExperiment,
  embedDataset,
};

export const maeJobs: { readonly [J in MaeJobName]: ModelJob } = {
  regressionExperiment: modelJob(TYPED.regressionExperiment),
  stepperExperiment: modelJob(TYPED.stepperExperiment),
  embedDataset: modelJob(TYPED.embedDataset),
};
