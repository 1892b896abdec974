/** The dataset builder job: simulate in batches on the active backend, then save to IndexedDB. */
import { generateDataset, type GeneratedDataset } from '../../data/generate';
import { generateMix } from '../../data/generateMix';
import { MIXED_EQUATION, type DatasetMeta } from '../../data/io/meta';
import { pdeSpec } from '../../pde/registry';
import type { StepPlan } from '../../pde/simulate';
import { openLabStorage } from '../../storage/labStorage';
import type { JobContext } from '../jobRunner';
import {
  splitCounts,
  type BuildDatasetParams,
  type BuildDatasetResult,
} from './buildDatasetConfig';
import { datasetRecipe } from './datasetRecipe';

export async function buildDataset(
  params: BuildDatasetParams,
  ctx: JobContext,
): Promise<BuildDatasetResult> {
  const { name, request, split } = params;
  let note: string | undefined;
  const { count, frames, n } = request.kind === 'single' ? request.single : request.mix;
  const what =
    request.kind === 'single'
      ? pdeSpec(request.single.pde).title
      : request.mix.components
          .filter((c) => c.weight > 0)
          .map((c) => pdeSpec(c.pde).title)
          .join(' + ');
  const message = `Simulating ${count} trajectories (${what}) of ${frames} frames at ${n}²`;
  ctx.progress(0, message);
  const hooks = {
    progress: (f: number) => ctx.progress(0.95 * f, message),
    yield: () => ctx.step(),
    onSubstep: (plan: StepPlan, stableDt: number) => {
      note = `Some trajectories' time step is beyond the stability limit (${stableDt.toPrecision(2)}): they were sub-stepped with Δt = ${plan.dt.toPrecision(2)}.`;
    },
  };
  let dataset: GeneratedDataset;
  let meta: Pick<DatasetMeta, 'equation' | 'scheme' | 'initial' | 'seed' | 'mix'>;
  if (request.kind === 'single') {
    const { pde, scheme, seed, initialCondition } = request.single;
    dataset = await generateDataset(request.single, hooks);
    meta = { equation: pde, scheme, initial: initialCondition, seed };
  } else {
    const mixed = await generateMix(request.mix, hooks);
    dataset = mixed;
    meta = { equation: MIXED_EQUATION, scheme: 'mixed', seed: request.mix.seed, mix: mixed.mix };
  }
  ctx.progress(0.96, 'Saving to browser storage');
  const storage = await openLabStorage();
  try {
    const summary = await storage.datasets.put({
      name,
      meta: {
        ...meta,
        grid: dataset.grid,
        times: dataset.times,
        channels: dataset.channels,
        coefficients: dataset.coefficients,
        split: splitCounts(count, split),
        ...(dataset.noise ? { noise: dataset.noise } : {}),
        recipe: datasetRecipe(params),
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
