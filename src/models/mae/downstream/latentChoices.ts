/** The latent-space picture's choices as plain data (no tfjs), so the UI may import them. */

/** Which encoder output stands for a trajectory: the CLS token, or the mean of the patch tokens. */
export type LatentPooling = 'cls' | 'mean';
export type LatentProjection = 'pca' | 'umap';

export const LATENT_POOLINGS: readonly LatentPooling[] = ['cls', 'mean'];
export const LATENT_PROJECTIONS: readonly LatentProjection[] = ['pca', 'umap'];

/** Fewer points than this have no 2-D picture worth drawing (and UMAP needs 2 neighbours). */
export const MIN_LATENT_POINTS = 3;
