/**
 * The MAE encoder's latent space: one embedding per trajectory (its first window through the
 * unmasked encoder, read at the CLS token or as the mean of the patch tokens), projected to 2-D
 * by PCA (ml-pca) or seeded UMAP (umap-js).
 */
import * as tf from '@tensorflow/tfjs';
import { PCA } from 'ml-pca';
import { UMAP } from 'umap-js';
import { createRng } from '../../../pde/random';
import { maeEncode, type MaeModel } from '../model';
import { windowAt, windowSize, type WindowSource } from '../windows';
import { MIN_LATENT_POINTS, type LatentPooling } from './latentChoices';

export * from './latentChoices';
export * from './neighbourAgreement';

/** Row-major vectors [count, dim]. */
export interface Vectors {
  data: Float32Array;
  count: number;
  dim: number;
}

export interface EmbedOptions {
  pooling: LatentPooling;
  /** Windows per encoder call (default 16). */
  batchSize?: number;
  /** Called after each batch, e.g. to report progress or yield to a Stop request. */
  onBatch?: (done: number, total: number) => Promise<void> | void;
}

/** Each trajectory's first window (start 0) through the encoder, no mask: [trajectories, width]. */
export async function embedFirstWindows(
  model: MaeModel,
  source: WindowSource,
  options: EmbedOptions,
): Promise<Vectors> {
  const count = source.trajectories;
  const width = model.config.width;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
  const size = windowSize(source);
  const { window, size: n, channels } = source;
  const out = new Float32Array(count * width);
  for (let first = 0; first < count; first += batchSize) {
    const rows = Math.min(batchSize, count - first);
    const windows = new Float32Array(rows * size);
    for (let r = 0; r < rows; r++) windows.set(windowAt(source, first + r, 0), r * size);
    const pooled = tf.tidy(() => {
      const x = tf.tensor5d(windows, [rows, window, n, n, channels]);
      const { cls, tokens } = maeEncode(model, x);
      return options.pooling === 'cls' ? cls : tokens.mean(1);
    });
    try {
      out.set(await pooled.data<'float32'>(), first * width);
    } finally {
      pooled.dispose();
    }
    await options.onBatch?.(first + rows, count);
  }
  return { data: out, count, dim: width };
}

function checkPoints(vectors: Vectors): void {
  if (vectors.count < MIN_LATENT_POINTS) {
    throw new RangeError(
      `A latent picture needs at least ${MIN_LATENT_POINTS} trajectories; this dataset has ${vectors.count}.`,
    );
  }
  if (vectors.data.length !== vectors.count * vectors.dim) {
    throw new RangeError(
      `${vectors.data.length} values are not ${vectors.count} × ${vectors.dim}.`,
    );
  }
}

function rowsOf(vectors: Vectors): number[][] {
  return Array.from({ length: vectors.count }, (_, i) =>
    Array.from(vectors.data.subarray(i * vectors.dim, (i + 1) * vectors.dim)),
  );
}

export interface PcaProjection {
  /** [count, 2] */
  points: Float32Array;
  /** Share of the total variance along PC1 and PC2 (each in [0, 1], sum ≤ 1). */
  explained: [number, number];
}

/** The first two principal components of centred (unscaled) vectors. */
export function pcaProject(vectors: Vectors): PcaProjection {
  checkPoints(vectors);
  const rows = rowsOf(vectors);
  const pca = new PCA(rows, { method: 'SVD', center: true, scale: false });
  const projected = pca.predict(rows, { nComponents: 2 }).to2DArray();
  const eigenvalues = pca.getEigenvalues();
  const total = eigenvalues.reduce((sum, v) => sum + v, 0);
  const ratio = (k: number) => (total > 0 ? (eigenvalues[k] ?? 0) / total : 0);
  const points = new Float32Array(vectors.count * 2);
  projected.forEach((row, i) => {
    // With a single non-zero direction ml-pca may return one column.
    points[2 * i] = row[0] ?? 0;
    points[2 * i + 1] = row[1] ?? 0;
  });
  return { points, explained: [ratio(0), ratio(1)] };
}

export interface UmapOptions {
  seed: number;
  /** Default min(15, count − 1). */
  nNeighbors?: number;
  minDist?: number;
  /** Default umap-js's (500 below 10,000 points). */
  nEpochs?: number;
  /** Called every few epochs with the share done, e.g. to yield to a Stop request. */
  onProgress?: (fraction: number) => Promise<void> | void;
}

/** Epochs between two progress calls. */
const UMAP_REPORT_EVERY = 25;

/** UMAP to 2-D with a seeded random source: the same seed and vectors give the same points. */
export async function umapProject(vectors: Vectors, options: UmapOptions): Promise<Float32Array> {
  checkPoints(vectors);
  const nNeighbors = Math.min(options.nNeighbors ?? 15, vectors.count - 1);
  if (nNeighbors < 2) throw new RangeError('UMAP needs at least 2 neighbours per point.');
  const rng = createRng(options.seed);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    random: () => rng.uniform(),
    ...(options.minDist !== undefined && { minDist: options.minDist }),
    ...(options.nEpochs !== undefined && { nEpochs: options.nEpochs }),
  });
  const epochs = umap.initializeFit(rowsOf(vectors));
  for (let epoch = 0; epoch < epochs;) {
    epoch = umap.step();
    if (epoch % UMAP_REPORT_EVERY === 0 || epoch >= epochs) {
      await options.onProgress?.(Math.min(1, epoch / epochs));
    }
  }
  const embedding = umap.getEmbedding();
  const points = new Float32Array(vectors.count * 2);
  embedding.forEach((row, i) => {
    points[2 * i] = row[0]!;
    points[2 * i + 1] = row[1]!;
  });
  return points;
}
