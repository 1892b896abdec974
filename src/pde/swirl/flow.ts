/**
 * The swirl equation's velocity: a smooth, seeded, random, divergence-free and time-independent
 * flow on the periodic box, a = ∇⊥ψ = (∂ψ/∂y, −∂ψ/∂x), with the stream function ψ a sum of the
 * few Fourier modes 1 ≤ |m| ≤ K (m = whole periods across the box):
 *
 *   ψ(x, y) = Σ_m c_m·L/(2π)·cos θ_m,   θ_m = 2π(m_x s_x + m_y s_y) + φ_m,   s = (x − origin)/L,
 *   a_x = −Σ c_m m_y sin θ_m,   a_y = Σ c_m m_x sin θ_m.
 *
 * c_m ∝ N(0, 1)/|m|² and φ_m ~ U(0, 2π) are drawn from the flow seed alone, in a fixed mode order,
 * then scaled so that the peak speed |a| on a fixed PEAK_SAMPLING² sampling of the box is exactly
 * `speed`. The field is written in fractions of the box, so it is the same on every grid: a grid
 * of n points samples it at s = i/n. Velocities are in the grid's length units per time unit
 * (box sides per time unit on the swirl's unit square); cellsPerFrame converts them to grid cells
 * per recorded frame, the units of an optical flow. Component 0 (a_x) runs along the arrays' axis
 * 1 (x, the first spatial index), component 1 (a_y) along axis 2 (y), as everywhere in pde/.
 *
 * Everything here is plain float64 CPU code (no tfjs): the true flow of a dataset can be rebuilt
 * anywhere from its coefficients (speed, modes, flowSeed) with swirlVelocityField.
 */
import { gridPoints, type Grid } from '../grid';
import { createRng } from '../random';

/** The numbers that fix one flow: the swirl equation's coefficients. */
export interface SwirlFlowParams {
  /** Peak speed |a|, in length units per time unit. */
  speed: number;
  /** K: the largest |m| of ψ's modes, in whole periods across the box (an integer ≥ 1). */
  modes: number;
  /** The flow's own seed (a whole number); the same seed gives the same flow. */
  flowSeed: number;
}

/** One term of ψ: the velocity it adds is c·(−m_y, m_x)·sin θ. */
export interface StreamMode {
  mx: number;
  my: number;
  /** c, already scaled to the peak speed (velocity units). */
  amplitude: number;
  phase: number;
}

export interface SwirlFlow {
  modes: readonly StreamMode[];
}

/** A velocity field on a grid: N·N values per component, x-major (index ix·N + iy). */
export interface VelocityField<A extends ArrayLike<number> = Float32Array> {
  u: A;
  v: A;
}

/** The peak speed is measured on this many points per side (grid-independent, within 1% for K ≤ 4). */
export const PEAK_SAMPLING = 128;
/** Seeds up to 2²⁴ − 1 survive the float32 coefficient arrays the solvers receive. */
export const MAX_FLOW_SEED = 2 ** 24 - 1;
export const MAX_FLOW_MODES = 4;

/** The flow of these params: ψ's modes drawn from the seed and scaled to the peak speed. */
export function swirlFlow({ speed, modes, flowSeed }: SwirlFlowParams): SwirlFlow {
  if (!Number.isInteger(modes) || modes < 1 || modes > MAX_FLOW_MODES) {
    throw new RangeError(
      `The largest wavenumber must be a whole number from 1 to ${MAX_FLOW_MODES} (got ${modes}).`,
    );
  }
  if (!Number.isInteger(flowSeed) || flowSeed < 0 || flowSeed > MAX_FLOW_SEED) {
    throw new RangeError(
      `The flow seed must be a whole number from 0 to ${MAX_FLOW_SEED} (got ${flowSeed}).`,
    );
  }
  if (!(speed >= 0 && Number.isFinite(speed))) {
    throw new RangeError(`The peak speed must be a number ≥ 0 (got ${speed}).`);
  }
  const rng = createRng(flowSeed);
  const raw: StreamMode[] = [];
  // One of each ±m pair (the upper half-plane), in a fixed order: mx ascending, then my.
  for (let mx = 0; mx <= modes; mx++) {
    for (let my = -modes; my <= modes; my++) {
      const m2 = mx * mx + my * my;
      if ((mx === 0 && my <= 0) || m2 > modes * modes) continue;
      const amplitude = rng.normal() / m2;
      const phase = rng.uniformIn(0, 2 * Math.PI);
      raw.push({ mx, my, amplitude, phase });
    }
  }
  const peak = peakSpeed({ modes: raw });
  const scale = peak > 0 ? speed / peak : 0;
  return { modes: raw.map((m) => ({ ...m, amplitude: m.amplitude * scale })) };
}

/** a at fractional position s = (x − origin)/L (periodic with period 1 in each coordinate). */
export function velocityAtFraction(flow: SwirlFlow, sx: number, sy: number): [number, number] {
  let u = 0;
  let v = 0;
  for (const { mx, my, amplitude, phase } of flow.modes) {
    const s = amplitude * Math.sin(2 * Math.PI * (mx * sx + my * sy) + phase);
    u -= my * s;
    v += mx * s;
  }
  return [u, v];
}

/** a at the point (x, y) of a box { length, origin }. */
export function velocityAt(
  flow: SwirlFlow,
  box: Pick<Grid, 'length' | 'origin'>,
  x: number,
  y: number,
): [number, number] {
  return velocityAtFraction(flow, (x - box.origin) / box.length, (y - box.origin) / box.length);
}

/** ψ at (x, y), in length²/time units: a = (∂ψ/∂y, −∂ψ/∂x). */
export function streamFunctionAt(
  flow: SwirlFlow,
  box: Pick<Grid, 'length' | 'origin'>,
  x: number,
  y: number,
): number {
  const sx = (x - box.origin) / box.length;
  const sy = (y - box.origin) / box.length;
  let psi = 0;
  for (const { mx, my, amplitude, phase } of flow.modes) {
    psi +=
      ((amplitude * box.length) / (2 * Math.PI)) *
      Math.cos(2 * Math.PI * (mx * sx + my * sy) + phase);
  }
  return psi;
}

/** The flow sampled on the grid's points in float64. */
export function sampleVelocity(flow: SwirlFlow, grid: Grid): VelocityField<Float64Array> {
  const { n } = grid;
  const u = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  // Per-axis tables: sin(αx + βy + φ) = sin(αx + φ)cos βy + cos(αx + φ)sin βy.
  for (const { mx, my, amplitude, phase } of flow.modes) {
    const ax = Array.from({ length: n }, (_, i) => (2 * Math.PI * ((mx * i) % n)) / n + phase);
    const by = Array.from({ length: n }, (_, j) => (2 * Math.PI * ((my * j) % n)) / n);
    const sinA = ax.map(Math.sin);
    const cosA = ax.map(Math.cos);
    const sinB = by.map(Math.sin);
    const cosB = by.map(Math.cos);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const s = amplitude * (sinA[i]! * cosB[j]! + cosA[i]! * sinB[j]!);
        u[i * n + j]! -= my * s;
        v[i * n + j]! += mx * s;
      }
    }
  }
  return { u, v };
}

/**
 * The true velocity of a swirl trajectory on its grid, as float32 (length units per time unit):
 * a pure function of the coefficients, e.g. a dataset's meta.coefficients at one trajectory.
 */
export function swirlVelocityField(params: SwirlFlowParams, grid: Grid): VelocityField {
  const { u, v } = sampleVelocity(swirlFlow(params), grid);
  return { u: Float32Array.from(u), v: Float32Array.from(v) };
}

/**
 * A velocity in length units per time unit as grid cells per recorded frame (the units of an
 * optical flow between consecutive frames): multiplies by recordInterval·n/L. To first order in
 * the interval it is the displacement from one frame to the next; flowDisplacement is exact.
 */
export function cellsPerFrame(
  field: VelocityField<ArrayLike<number>>,
  grid: Grid,
  recordInterval: number,
): VelocityField {
  const factor = (recordInterval * grid.n) / grid.length;
  return {
    u: Float32Array.from(field.u, (x) => x * factor),
    v: Float32Array.from(field.v, (x) => x * factor),
  };
}

/**
 * Follows the flow from (x, y) for a time t (negative: backwards) by `steps` classical RK4 steps
 * in float64: the characteristic through the point. Returns the end point, not wrapped.
 */
export function traceCharacteristic(
  flow: SwirlFlow,
  box: Pick<Grid, 'length' | 'origin'>,
  x: number,
  y: number,
  t: number,
  steps: number,
): [number, number] {
  const h = t / steps;
  let px = x;
  let py = y;
  for (let s = 0; s < steps; s++) {
    const [k1x, k1y] = velocityAt(flow, box, px, py);
    const [k2x, k2y] = velocityAt(flow, box, px + 0.5 * h * k1x, py + 0.5 * h * k1y);
    const [k3x, k3y] = velocityAt(flow, box, px + 0.5 * h * k2x, py + 0.5 * h * k2y);
    const [k4x, k4y] = velocityAt(flow, box, px + h * k3x, py + h * k3y);
    px += (h / 6) * (k1x + 2 * k2x + 2 * k3x + k4x);
    py += (h / 6) * (k1y + 2 * k2y + 2 * k3y + k4y);
  }
  return [px, py];
}

/**
 * Where the fluid at each grid point goes over one interval, in grid cells: the exact optical
 * flow from one frame to the next (forward; a negative interval gives the backward flow, the
 * offsets a backward warp samples from). Traced with `steps` RK4 steps per interval.
 */
export function flowDisplacement(
  params: SwirlFlowParams,
  grid: Grid,
  interval: number,
  steps = 16,
): VelocityField {
  const flow = swirlFlow(params);
  const { n } = grid;
  const xs = gridPoints(grid);
  const perCell = n / grid.length;
  const u = new Float32Array(n * n);
  const v = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [x, y] = traceCharacteristic(flow, grid, xs[i]!, xs[j]!, interval, steps);
      u[i * n + j] = (x - xs[i]!) * perCell;
      v[i * n + j] = (y - xs[j]!) * perCell;
    }
  }
  return { u, v };
}

/** max |a| over the PEAK_SAMPLING² points s = (i, j)/PEAK_SAMPLING. */
function peakSpeed(flow: SwirlFlow): number {
  const { u, v } = sampleVelocity(flow, { n: PEAK_SAMPLING, length: 1, origin: 0 });
  let peak = 0;
  for (let p = 0; p < u.length; p++) peak = Math.max(peak, Math.hypot(u[p]!, v[p]!));
  return peak;
}
