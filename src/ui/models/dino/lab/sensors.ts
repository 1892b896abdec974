/**
 * Where the forecast lab's sensors go, as flat indices i·Y + j of the dataset's grid ('ij', as
 * DINo's job reads them): a seeded share of the grid drawn by DINo's own rule, an exact number
 * of random points, or points painted by hand. Plain functions, no React.
 */
import { maskIndices, observationMask } from '../../../../models/dino/observation';
import { createRng } from '../../../../pde/random';

/** The shares of the grid offered, as DINo's paper compares them. */
export const SENSOR_RATES = [0.05, 0.25, 0.5, 1] as const;

/**
 * Each grid point observed with probability `rate` (DINo's `torch.rand(H, W) >= 1 − s`, the
 * rule and random stream its training mask uses: the model's own rate and seed give the points it
 * trained on). May be empty on a small grid at a low rate.
 */
export function sensorsAtRate(nx: number, ny: number, rate: number, seed: number): number[] {
  return Array.from(maskIndices(observationMask(nx, ny, rate, seed)));
}

/** `count` distinct random points of `points` (seeded, sorted); all of them when count ≥ points. */
export function randomSensors(points: number, count: number, seed: number): number[] {
  const k = Math.max(0, Math.min(points, Math.floor(count)));
  const order = Array.from({ length: points }, (_, i) => i);
  const rng = createRng(seed);
  // The first k steps of a Fisher–Yates shuffle pick k distinct points uniformly.
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.uniform() * (points - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, k).sort((a, b) => a - b);
}

/** The grid point under a position given as fractions of the picture (x right, y up). */
export function sensorAt(fx: number, fy: number, nx: number, ny: number): number {
  const i = Math.min(nx - 1, Math.max(0, Math.floor(fx * nx)));
  const j = Math.min(ny - 1, Math.max(0, Math.floor(fy * ny)));
  return i * ny + j;
}

/** The sensors with `points` added (`on`) or taken away, sorted. */
export function paintSensors(sensors: readonly number[], points: readonly number[], on: boolean) {
  const set = new Set(sensors);
  for (const p of points) {
    if (on) set.add(p);
    else set.delete(p);
  }
  return [...set].sort((a, b) => a - b);
}

/** "12 sensors: 0.3 % of the 4,096 grid points". */
export function sensorSummary(count: number, points: number): string {
  const share = points > 0 ? (100 * count) / points : 0;
  const percent =
    share === 0 || share === 100
      ? share.toFixed(0)
      : share < 1
        ? share.toFixed(2)
        : share.toFixed(1);
  return `${count.toLocaleString('en')} ${count === 1 ? 'sensor' : 'sensors'}: ${percent} % of the ${points.toLocaleString('en')} grid points`;
}
