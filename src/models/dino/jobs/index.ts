/**
 * DINo's own worker jobs, for dinoRuntime.jobs, run by the worker's generic `modelJob`; their
 * names, params and results are in ./forecastConfig (plain types the UI imports).
 *
 * - forecast    one trajectory forecast from its sensors (the Results panel's forecast lab)
 * - firstFrame  a trajectory's first frame, to place the sensors on
 * - reproduce   the claim's protocol on a saved dataset (the lab's "Reproduce the paper" card)
 */
import { modelJob, type ModelJob, type ModelJobContext } from '../../runtime';
import { dinoFirstFrame } from './firstFrame';
import { dinoForecast } from './forecast';
import { dinoReproduce } from './reproduce';
import type { DinoJobName, DinoJobTypes } from './forecastConfig';

type DinoJob<J extends DinoJobName> = (
  params: DinoJobTypes[J]['params'],
  ctx: ModelJobContext,
) => Promise<DinoJobTypes[J]['result']>;

/** Each job checked against its params and result. */
const TYPED: { readonly [J in DinoJobName]: DinoJob<J> } = {
  forecast: dinoForecast,
  firstFrame: dinoFirstFrame,
  reproduce: dinoReproduce,
};

export const dinoJobs: { readonly [J in DinoJobName]: ModelJob } = {
  forecast: modelJob(TYPED.forecast),
  firstFrame: modelJob(TYPED.firstFrame),
  reproduce: modelJob(TYPED.reproduce),
};
