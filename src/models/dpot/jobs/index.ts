/**
 * DPOT's own worker jobs, for dpotRuntime.jobs, run by the worker's generic `modelJob`; their
 * names, params and results are in ./forecastConfig and ./reproduceConfig (plain types the UI
 * imports).
 *
 * - forecast    saved models' rollouts of a saved dataset, scored beside persistence (Results)
 * - reproduce   methods §2g's claims on saved datasets (the lab's "Reproduce the paper" card)
 */
import { modelJob, type ModelJob, type ModelJobContext } from '../../runtime';
import { dpotForecast } from './forecast';
import type { DpotJobTypes as DpotJobs } from './forecastConfig';
import { dpotReproduce } from './reproduce';

type DpotJob<J extends keyof DpotJobs> = (
  params: DpotJobs[J]['params'],
  ctx: ModelJobContext,
) => Promise<DpotJobs[J]['result']>;

/** Each job checked against its params and result. */
const TYPED: { readonly [J in keyof DpotJobs]: DpotJob<J> } = {
  forecast: dpotForecast,
  reproduce: dpotReproduce,
};

export const dpotJobs: { readonly [J in keyof DpotJobs]: ModelJob } = {
  forecast: modelJob(TYPED.forecast),
  reproduce: modelJob(TYPED.reproduce),
};
