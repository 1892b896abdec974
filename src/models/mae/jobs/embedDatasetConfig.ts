/** The latent-space job's parameters and result: plain data the UI may import. */
import type { CoefficientColumn } from '../downstream/coefficients';
import type { LatentPooling, LatentProjection } from '../downstream/latentChoices';

/** Trajectories embedded at most (the first ones of the dataset); keeps UMAP and hover light. */
export const MAX_LATENT_TRAJECTORIES = 2000;

export interface EmbedDatasetParams {
  /** The pretrained MAE (lab storage). */
  checkpointId: string;
  /** A saved dataset with coefficients. */
  datasetId: string;
  projection: LatentProjection;
  pooling: LatentPooling;
  /** Seeds UMAP (PCA needs none); default 0. */
  seed?: number;
}

export interface EmbedDatasetResult {
  projection: LatentProjection;
  pooling: LatentPooling;
  seed: number;
  /** Trajectories embedded (the first `count` of `total`). */
  count: number;
  total: number;
  /** The encoder's width: each embedding's length before projection. */
  width: number;
  /** [count, 2]: the 2-D picture. */
  points: Float32Array;
  /** PCA only: share of the embeddings' variance along the two axes. */
  explained?: [number, number];
  /** Each trajectory's equation id. */
  equations: string[];
  /** Coefficient names (one per slot) and the (equation, coefficient) columns one can colour by. */
  slots: string[];
  columns: CoefficientColumn[];
  /** [count, slots]: raw coefficient values, NaN where the equation has none. */
  coefficients: Float32Array;
  /** [count, size, size]: each trajectory's first frame, channel 0, on the model's grid. */
  frames: Float32Array;
  size: number;
  /** The channel the frames show. */
  channel: string;
  /** The encoder's run and training steps. */
  runName: string;
  step: number;
}
