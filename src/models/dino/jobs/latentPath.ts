/**
 * A forecast's code trajectory α_0 … α_{T−1} drawn in 2-D: the codes on their first two principal
 * components (ml-pca, centred, unscaled). Plain arrays, no tfjs.
 */
import { PCA } from 'ml-pca';

export interface LatentPath {
  /** [count, 2]: each code's coordinates on PC1 and PC2. */
  points: Float32Array;
  /** Share of the codes' variance along PC1 and PC2 (each in [0, 1], sum ≤ 1). */
  explained: [number, number];
}

/**
 * `codes` [count, dim] on their first two principal components. With fewer than two codes, or
 * codes that do not move, every point sits at the origin and nothing is explained.
 */
export function latentPath(codes: ArrayLike<number>, count: number, dim: number): LatentPath {
  if (!(Number.isInteger(count) && count >= 0 && Number.isInteger(dim) && dim >= 1)) {
    throw new RangeError(`Expected a whole count and a positive size, got ${count} × ${dim}.`);
  }
  if (codes.length !== count * dim) {
    throw new RangeError(`Expected ${count} × ${dim} numbers, got ${codes.length}.`);
  }
  const points = new Float32Array(count * 2);
  const rows = Array.from({ length: count }, (_, i) =>
    Array.from({ length: dim }, (_, k) => codes[i * dim + k]!),
  );
  if (count < 2 || !rows.flat().every(Number.isFinite) || !moves(rows)) {
    return { points, explained: [0, 0] };
  }
  const pca = new PCA(rows, { method: 'SVD', center: true, scale: false });
  const projected = pca.predict(rows, { nComponents: Math.min(2, dim) }).to2DArray();
  const eigenvalues = pca.getEigenvalues();
  const total = eigenvalues.reduce((sum, v) => sum + v, 0);
  const ratio = (k: number) =>
    total > 0 ? Math.min(1, Math.max(0, (eigenvalues[k] ?? 0) / total)) : 0;
  projected.forEach((row, i) => {
    // With a single non-zero direction ml-pca may return one column.
    points[2 * i] = row[0] ?? 0;
    points[2 * i + 1] = row[1] ?? 0;
  });
  return { points, explained: [ratio(0), ratio(1)] };
}

/** Whether any code differs from the first. */
function moves(rows: number[][]): boolean {
  const first = rows[0]!;
  return rows.some((row) => row.some((v, k) => v !== first[k]));
}
