/**
 * The latent-space job: loads a saved MAE checkpoint and a saved dataset, embeds each
 * trajectory's first window with the encoder (CLS token or mean of the patch tokens), projects the
 * embeddings to 2-D (PCA or seeded UMAP) and returns them with what the panel colours and hovers
 * by: equations, coefficients and each trajectory's first frame.
 */
import type { ModelJobContext } from '../../runtime';
import { coefficientTargets } from '../downstream/coefficients';
import {
  embedFirstWindows,
  LATENT_POOLINGS,
  LATENT_PROJECTIONS,
  MIN_LATENT_POINTS,
  pcaProject,
  umapProject,
} from '../downstream/latent';
import { createWindowSource, type TrajectoryArray, type WindowSource } from '../windows';
import {
  MAX_LATENT_TRAJECTORIES,
  type EmbedDatasetParams,
  type EmbedDatasetResult,
} from './embedDatasetConfig';
import { loadEncoder } from './loadEncoder';

/** Progress shares: embedding, then projecting. */
const EMBED_SHARE = 0.6;

function checkParams(params: EmbedDatasetParams): void {
  if (!LATENT_PROJECTIONS.includes(params.projection)) {
    throw new RangeError(`Unknown projection "${String(params.projection)}".`);
  }
  if (!LATENT_POOLINGS.includes(params.pooling)) {
    throw new RangeError(`Unknown token choice "${String(params.pooling)}".`);
  }
  if (params.seed !== undefined && !Number.isInteger(params.seed)) {
    throw new RangeError(`The seed must be a whole number (got ${params.seed}).`);
  }
}

/** The first `count` trajectories' first `frames` frames: all the job reads. */
function firstWindows(dataset: TrajectoryArray, count: number, frames: number): TrajectoryArray {
  const [, T, X, Y, C] = dataset.shape;
  if (frames > T) return dataset; // createWindowSource says why it cannot fit
  const frame = X * Y * C;
  const data = new Float32Array(count * frames * frame);
  for (let n = 0; n < count; n++) {
    data.set(dataset.data.subarray(n * T * frame, (n * T + frames) * frame), n * frames * frame);
  }
  return { data, shape: [count, frames, X, Y, C] };
}

/** Frame 0, channel 0 of every trajectory on the model's grid: [trajectories, size, size]. */
function firstFrames(source: WindowSource): Float32Array {
  const { trajectories, frames, size, channels } = source;
  const points = size * size;
  const out = new Float32Array(trajectories * points);
  for (let n = 0; n < trajectories; n++) {
    const at = n * frames * points * channels;
    for (let p = 0; p < points; p++) out[n * points + p] = source.data[at + p * channels]!;
  }
  return out;
}

function rawCoefficients(
  coefficients: Record<string, number[]>,
  slots: readonly string[],
  count: number,
): Float32Array {
  const out = new Float32Array(count * slots.length).fill(NaN);
  slots.forEach((name, slot) => {
    const values = coefficients[name] ?? [];
    for (let n = 0; n < count; n++) {
      const value = values[n];
      if (value !== undefined && value !== null && Number.isFinite(value)) {
        out[n * slots.length + slot] = value;
      }
    }
  });
  return out;
}

export async function embedDataset(
  params: EmbedDatasetParams,
  ctx: ModelJobContext,
): Promise<EmbedDatasetResult> {
  checkParams(params);
  const seed = params.seed ?? 0;

  ctx.progress(0, 'Reading the dataset');
  const dataset = await ctx.readDataset(params.datasetId);
  const { meta } = dataset;
  if (dataset.payload.shape.length !== 5) {
    throw new RangeError('The dataset is not a [N, T, X, Y, C] array of trajectories.');
  }
  const shape = dataset.payload.shape as unknown as TrajectoryArray['shape'];
  const total = shape[0];
  const count = Math.min(total, MAX_LATENT_TRAJECTORIES);
  if (count < MIN_LATENT_POINTS) {
    throw new RangeError(
      `A latent picture needs at least ${MIN_LATENT_POINTS} trajectories; this dataset has ${total}. Choose a larger dataset.`,
    );
  }
  let targets;
  try {
    targets = coefficientTargets(meta, count);
  } catch {
    throw new RangeError(
      'This dataset records no coefficients, so its points cannot be coloured by them: choose a dataset simulated in the lab.',
    );
  }

  ctx.progress(0, 'Loading the model');
  const loaded = await loadEncoder(ctx, params.checkpointId, 'choose another model');
  try {
    const { model } = loaded;
    const source = createWindowSource(
      firstWindows({ data: dataset.payload.data, shape }, count, model.config.frames),
      model.config,
      model.channels,
    );
    const vectors = await embedFirstWindows(model, source, {
      pooling: params.pooling,
      onBatch: async (done, all) => {
        ctx.progress((EMBED_SHARE * done) / all, `Encoded ${done} of ${all} trajectories`);
        await ctx.step();
      },
    });

    const projectMessage = params.projection === 'pca' ? 'Projecting by PCA' : 'Running UMAP';
    ctx.progress(EMBED_SHARE, projectMessage);
    await ctx.step();
    let points: Float32Array;
    let explained: [number, number] | undefined;
    if (params.projection === 'pca') {
      ({ points, explained } = pcaProject(vectors));
    } else {
      points = await umapProject(vectors, {
        seed,
        onProgress: async (fraction) => {
          ctx.progress(EMBED_SHARE + (1 - EMBED_SHARE) * fraction, projectMessage);
          await ctx.step();
        },
      });
    }
    ctx.progress(1, `Placed ${count} trajectories`);
    return {
      projection: params.projection,
      pooling: params.pooling,
      seed,
      count,
      total,
      width: vectors.dim,
      points,
      ...(explained && { explained }),
      equations: targets.equations,
      slots: targets.slots,
      columns: targets.columns,
      coefficients: rawCoefficients(meta.coefficients, targets.slots, count),
      frames: firstFrames(source),
      size: source.size,
      channel: meta.channels[0] ?? 'u',
      runName: loaded.runName,
      step: loaded.step,
    };
  } finally {
    loaded.model.dispose();
  }
}
