/** Test fixtures for jobs: a generated mix and a seeded model saved in a test database. */
import { generateMix, type GeneratedMix } from '../../data/generateMix';
import { MIXED_EQUATION, type DatasetSplit } from '../../data/io/meta';
import type { ModelId } from '../../models/catalog';
import { modelRuntime } from '../../models/registry';
import { captureCheckpoint, encodeCheckpoint } from '../../models/nn/checkpoint';
import type { LabStorage } from '../../storage/labStorage';
import { withOpenStorage } from '../../storage/testDb';
import { checkpointIdOf } from '../../storage/checkpointRecords';

type Open = () => Promise<LabStorage>;

const SMOOTH = { dt: 0.025, recordInterval: 0.05, options: {}, initialCondition: 'random-sines' };

/** MAE-PDE's mix (heat, advection, Burgers, or the first `equations` of them) from smooth sines. */
export function generateTestMix(options: {
  count: number;
  n: number;
  frames: number;
  seed: number;
  equations?: number;
}): Promise<GeneratedMix> {
  const components = [
    { ...SMOOTH, pde: 'heat', scheme: 'spectral', coefficients: { nu: [2e-3, 2e-2] }, weight: 1 },
    {
      ...SMOOTH,
      pde: 'advection',
      scheme: 'spectral',
      coefficients: { ax: [0.1, 2.5], ay: [0.1, 2.5] },
      weight: 1,
    },
    {
      ...SMOOTH,
      pde: 'burgers',
      scheme: 'spectral',
      coefficients: { nu: [7.5e-3, 1.5e-2], cx: [0.5, 1], cy: [0.5, 1] },
      weight: 1,
    },
  ] as Parameters<typeof generateMix>[0]['components'];
  const { equations = 3, ...rest } = options;
  return generateMix({
    components: components.slice(0, equations),
    ...rest,
    batchSize: options.count,
  });
}

/** Saves a generated mix as dataset `name`; returns its id. */
export function saveMixDataset(
  open: Open,
  mix: GeneratedMix,
  split: DatasetSplit,
): Promise<string> {
  return withOpenStorage(open, async (storage) => {
    const summary = await storage.datasets.put({
      name: 'mix',
      meta: {
        equation: MIXED_EQUATION,
        scheme: 'mixed',
        seed: 3,
        grid: mix.grid,
        times: mix.times,
        channels: mix.channels,
        coefficients: mix.coefficients,
        split,
        mix: mix.mix,
      },
      payload: { data: mix.data, shape: mix.shape },
    });
    return summary.id;
  });
}

/**
 * A one-channel model of the registry with seeded (untrained) weights, saved as run `run-1`'s
 * checkpoint at step 7; returns the checkpoint's id.
 */
export async function saveSeededModel(
  open: Open,
  modelId: ModelId,
  config: Record<string, unknown>,
  seed = 4,
): Promise<string> {
  const runtime = modelRuntime(modelId);
  const model = runtime.create(config, { channels: 1, seed });
  try {
    const checkpoint = await captureCheckpoint({
      modelId,
      modelVersion: runtime.version,
      config: runtime.checkpointConfig(model),
      step: 7,
      params: model.params,
    });
    return await withOpenStorage(open, async (storage) => {
      const summary = await storage.checkpoints.put({
        id: checkpointIdOf('run-1'),
        name: 'tiny run · step 7',
        meta: {
          modelId,
          modelVersion: runtime.version,
          config: checkpoint.config as Record<string, unknown>,
          step: 7,
          runId: 'run-1',
          datasetId: 'd',
          createdAt: Date.now(),
        },
        payload: { bytes: encodeCheckpoint(checkpoint) },
      });
      return summary.id;
    });
  } finally {
    model.dispose();
  }
}
