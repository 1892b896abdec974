/**
 * MAE-PDE's RandomSin (2D heat, advection, Burgers pretraining data):
 * u0 = Σ_j A_j sin(kx_j x + ky_j y + φ_j), A ∈ U[−a, a], kx, ky ∈ 2π·{1, …, K}/L, φ ∈ U[0, 2π).
 * MAE uses a = 0.5, K = 3, five terms, on [−1, 1]² (L = 2). Its grid includes the endpoint, so
 * its period is really N·dx = 2.0078 and the data have a seam; we use the grid's own L, which
 * keeps every term exactly periodic.
 */
import { defineSchema, type SchemaValues } from '../../schema/params';
import { gridPoints, type Grid } from '../grid';
import { createRng, type Rng } from '../random';
import { assembleBatch } from './layout';

export const randomSinesParams = defineSchema({
  terms: {
    kind: 'number',
    key: 'sin.n',
    label: 'Sine waves',
    min: 1,
    max: 20,
    default: 5,
    integer: true,
    help: 'How many plane waves are added.',
  },
  amplitude: {
    kind: 'number',
    key: 'sin.a',
    label: 'Largest amplitude',
    min: 0.01,
    max: 10,
    default: 0.5,
    help: 'Each wave has an amplitude drawn uniformly from [−a, a].',
  },
  maxMode: {
    kind: 'number',
    key: 'sin.k',
    label: 'Highest mode',
    min: 1,
    max: 16,
    default: 3,
    integer: true,
    help: 'Each wave completes 1 to K periods across the box along x and along y.',
  },
});

export type RandomSinesParams = SchemaValues<typeof randomSinesParams>;

export interface SineTerm {
  amplitude: number;
  /** Angular wavenumbers 2π·m/L. */
  kx: number;
  ky: number;
  phase: number;
}

/** Draws the terms in the order A, mx, my, φ per term. */
export function drawSineTerms(rng: Rng, length: number, params: RandomSinesParams): SineTerm[] {
  const { terms, amplitude, maxMode } = params;
  const unit = (2 * Math.PI) / length;
  return Array.from({ length: terms }, () => ({
    amplitude: rng.uniformIn(-amplitude, amplitude),
    kx: unit * rng.integer(1, maxMode),
    ky: unit * rng.integer(1, maxMode),
    phase: rng.uniformIn(0, 2 * Math.PI),
  }));
}

export function evaluateSines(terms: readonly SineTerm[], x: number, y: number): number {
  return terms.reduce((sum, t) => sum + t.amplitude * Math.sin(t.kx * x + t.ky * y + t.phase), 0);
}

/** One field per seed, [B, N, N, 1], evaluated at the grid's coordinates. */
export function randomSines(
  grid: Grid,
  seeds: readonly number[],
  params: RandomSinesParams,
): Float32Array {
  const { n } = grid;
  const points = gridPoints(grid);
  return assembleBatch(grid, seeds.length, 1, (b) => {
    const terms = drawSineTerms(createRng(seeds[b]!), grid.length, params);
    const field = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) field[i * n + j] = evaluateSines(terms, points[i]!, points[j]!);
    }
    return [field];
  });
}
