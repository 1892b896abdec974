/** The dataset builder job: simulate in batches on the active backend, then save to IndexedDB. */
import { generateDataset } from '../../data/generate';
import { openLabStorage } from '../../storage/labStorage';
import type { JobContext } from '../jobRunner';
import {
  splitCounts,
  type BuildDatasetParams,
  type BuildDatasetResult,
} from './buildDatasetConfig';

export async function buildDataset(
  { name, request, split }: BuildDatasetParams,
  ctx: JobContext,
): Promise<BuildDatasetResult> {
  let note: string | undefined;
  const message = `Simulating ${request.count} ${request.pde} trajectories of ${request.frames} frames at ${request.n}²`;
  ctx.progress(0, message);
  const dataset = await generateDataset(request, {
    progress: (f) => ctx.progress(0.95 * f, message),
    yield: () => ctx.step(),
    onSubstep: (plan, stableDt) => {
      note = `Δt = ${request.dt} is beyond the stability limit (${stableDt.toPrecision(2)}) for some trajectories: they were sub-stepped with Δt = ${plan.dt.toPrecision(2)}.`;
    },
  });
  ctx.progress(0.96, 'Saving to browser storage');
  const storage = await openLabStorage();
  try {
    const summary = await storage.datasets.put({
      name,
      meta: {
        equation: request.pde,
        scheme: request.scheme,
        seed: request.seed,
        grid: dataset.grid,
        times: dataset.times,
        channels: dataset.channels,
        coefficients: dataset.coefficients,
        split: splitCounts(request.count, split),
      },
      payload: { data: dataset.data, shape: dataset.shape },
    });
    ctx.progress(1, 'Saved');
    return {
      id: summary.id,
      name,
      shape: dataset.shape,
      sizeBytes: summary.sizeBytes,
      ...(note ? { note } : {}),
    };
  } finally {
    storage.close();
  }
}
