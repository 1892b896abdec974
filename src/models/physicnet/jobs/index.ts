/**
 * PhysicNet-style's own worker jobs, for physicnetRuntime.jobs, run by the worker's generic
 * `modelJob`; their names, params and results are in ./forecastConfig and ./reproduceConfig
 * (plain types the UI imports).
 *
 * - forecast    one trajectory forecast by a saved model, scored beside persistence (Results)
 * - reproduce   the claim's protocol on a saved dataset (the lab's "Reproduce the paper" card)
 */
import { modelJob, type ModelJob, type ModelJobContext } from '../../runtime';
import { physicnetForecast } from './forecast';
import type { PhysicNetJobTypes as PhysicNetJobs } from './forecastConfig';
import { physicnetReproduce } from './reproduce';

type PhysicNetJob<J extends keyof PhysicNetJobs> = (
  params: PhysicNetJobs[J]['params'],
  ctx: ModelJobContext,
) => Promise<PhysicNetJobs[J]['result']>;

/** Each job checked against its params and result. */
const TYPED: { readonly [J in keyof PhysicNetJobs]: PhysicNetJob<J> } = {
  forecast: physicnetForecast,
  reproduce: physicnetReproduce,
};

export const physicnetJobs: { readonly [J in keyof PhysicNetJobs]: ModelJob } = {
  forecast: modelJob(TYPED.forecast),
  reproduce: modelJob(TYPED.reproduce),
};
