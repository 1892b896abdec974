/** How well a 2-D picture keeps labels apart (no tfjs, so the UI may import it). */

export interface NeighbourAgreement {
  /** Share of points whose nearest other point (Euclidean, 2-D) has the same label. */
  share: number;
  /** The share expected if labels were placed at random: Σ n_k (n_k − 1) / (N (N − 1)). */
  chance: number;
}

/** How well a 2-D picture keeps labels apart: nearest-neighbour label agreement. */
export function neighbourAgreement(
  points: Float32Array,
  labels: readonly string[],
): NeighbourAgreement {
  const count = labels.length;
  if (count < 2 || points.length !== 2 * count) {
    throw new RangeError(`Need ≥ 2 points with one label each (got ${count} labels).`);
  }
  let same = 0;
  for (let i = 0; i < count; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      const dx = points[2 * i]! - points[2 * j]!;
      const dy = points[2 * i + 1]! - points[2 * j + 1]!;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) [best, bestDistance] = [j, distance];
    }
    if (labels[best] === labels[i]) same += 1;
  }
  const sizes = new Map<string, number>();
  for (const label of labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  const pairs = [...sizes.values()].reduce((sum, n) => sum + n * (n - 1), 0);
  return { share: same / count, chance: pairs / (count * (count - 1)) };
}
