/**
 * The generic model job: finds the model in the registry and runs the job of its own that the UI
 * asked for (ModelRuntime.jobs), with lab storage behind its context.
 */
import { modelRuntime } from '../../models/registry';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import type { JobContext } from '../jobRunner';
import type { ModelJobParams } from './modelJobConfig';
import { modelJobContext } from './modelJobContext';

export async function modelJob(
  params: ModelJobParams,
  ctx: JobContext,
  openStorage: () => Promise<LabStorage> = () => openLabStorage(),
): Promise<unknown> {
  const runtime = modelRuntime(params.modelId);
  const jobs = runtime.jobs ?? {};
  const job = Object.hasOwn(jobs, params.job) ? jobs[params.job] : undefined;
  if (!job) {
    const known = Object.keys(jobs);
    const has = known.length ? `it has ${known.map((k) => `"${k}"`).join(', ')}` : 'it has none';
    throw new Error(`${runtime.info.title} has no job "${params.job}" (${has}).`);
  }
  return job(params.params, modelJobContext(ctx, openStorage));
}
