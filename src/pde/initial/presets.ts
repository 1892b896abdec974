/**
 * Deterministic classroom initial conditions, scaled to the box: sizes are fractions of the
 * side L, so a preset looks the same on any domain. Seeds are ignored; every trajectory is the
 * same field.
 */
import { defineSchema, type SchemaValues } from '../../schema/params';
import { gridPoints, type Grid } from '../grid';
import { assembleBatch, centreIndex, fieldAround } from './layout';

function repeatField(grid: Grid, seeds: readonly number[], field: Float64Array): Float32Array {
  return assembleBatch(grid, seeds.length, 1, () => [field]);
}

/** 1 inside |s| < halfWidth, 0 outside, with a tanh edge one grid cell wide (no Gibbs ringing). */
function softBox(offset: number, halfWidth: number, cell: number): number {
  return 0.5 * (1 - Math.tanh((Math.abs(offset) - halfWidth) / cell));
}

export const hotSquareParams = defineSchema({
  temperature: {
    kind: 'number',
    key: 'hot.t',
    label: 'Square temperature',
    min: 0,
    max: 100,
    default: 1,
    help: 'Temperature of the warm square (the surroundings are at 0).',
  },
  spot: {
    kind: 'number',
    key: 'hot.s',
    label: 'Extra in the hot spot',
    min: 0,
    max: 100,
    default: 1,
    help: 'How much hotter the small spot inside the square is.',
  },
});

/**
 * A warm square of side L/2 centred in the box, and inside it a hotter square of side L/10
 * centred at (+L/10, +L/10) from the box centre.
 */
export function hotSquare(
  grid: Grid,
  seeds: readonly number[],
  params: SchemaValues<typeof hotSquareParams>,
): Float32Array {
  const cell = grid.length / grid.n;
  const c = centreIndex(grid);
  const spotOffset = grid.n / 10;
  const square = fieldAround(grid, c, c, (dx, dy) => {
    return softBox(dx, grid.length / 4, cell) * softBox(dy, grid.length / 4, cell);
  });
  const spot = fieldAround(grid, c + spotOffset, c + spotOffset, (dx, dy) => {
    return softBox(dx, grid.length / 20, cell) * softBox(dy, grid.length / 20, cell);
  });
  const field = square.map((s, p) => params.temperature * s + params.spot * spot[p]!);
  return repeatField(grid, seeds, field);
}

export const ringParams = defineSchema({
  amplitude: {
    kind: 'number',
    key: 'ring.a',
    label: 'Amplitude',
    min: -100,
    max: 100,
    default: 1,
    help: 'Height of the ring.',
  },
  radius: {
    kind: 'number',
    key: 'ring.r',
    label: 'Radius',
    unit: '× L',
    min: 0.02,
    max: 0.45,
    default: 0.25,
    help: 'Ring radius as a fraction of the box side.',
  },
  width: {
    kind: 'number',
    key: 'ring.w',
    label: 'Thickness',
    unit: '× L',
    min: 0.005,
    max: 0.2,
    default: 0.03,
    help: 'Gaussian half-thickness of the ring as a fraction of the box side.',
  },
});

/** An annulus a·exp(−(ρ − R)²/(2w²)) around the box centre. */
export function ring(
  grid: Grid,
  seeds: readonly number[],
  params: SchemaValues<typeof ringParams>,
): Float32Array {
  const radius = params.radius * grid.length;
  const width = params.width * grid.length;
  const c = centreIndex(grid);
  const field = fieldAround(grid, c, c, (dx, dy) => {
    const rho = Math.hypot(dx, dy);
    return params.amplitude * Math.exp(-((rho - radius) ** 2) / (2 * width * width));
  });
  return repeatField(grid, seeds, field);
}

export const vortexPairParams = defineSchema({
  amplitude: {
    kind: 'number',
    key: 'vort.a',
    label: 'Peak vorticity',
    min: 0.01,
    max: 1000,
    default: 5,
    log: true,
    help: 'Vorticity at the centre of each vortex (before the mean is removed).',
  },
  radius: {
    kind: 'number',
    key: 'vort.r',
    label: 'Vortex radius',
    unit: '× L',
    min: 0.01,
    max: 0.2,
    default: 0.06,
    help: 'Gaussian radius of each vortex as a fraction of the box side.',
  },
  separation: {
    kind: 'number',
    key: 'vort.d',
    label: 'Separation',
    unit: '× L',
    min: 0.02,
    max: 0.5,
    default: 0.2,
    help: 'Distance between the two vortex centres as a fraction of the box side.',
  },
});

/**
 * Two Gaussian vortices of opposite sign side by side along x (positive on the left): the pair
 * propagates itself along +y. The mean is subtracted, so the vorticity has zero mean as a
 * periodic stream function requires.
 */
export function vortexPair(
  grid: Grid,
  seeds: readonly number[],
  params: SchemaValues<typeof vortexPairParams>,
): Float32Array {
  const { amplitude } = params;
  const twoR2 = 2 * (params.radius * grid.length) ** 2;
  const c = centreIndex(grid);
  const halfSeparation = (params.separation * grid.n) / 2;
  const gaussian = (dx: number, dy: number) => Math.exp(-(dx * dx + dy * dy) / twoR2);
  const left = fieldAround(grid, c - halfSeparation, c, gaussian);
  const right = fieldAround(grid, c + halfSeparation, c, gaussian);
  const field = left.map((l, p) => amplitude * (l - right[p]!));
  const mean = field.reduce((sum, v) => sum + v, 0) / field.length;
  return repeatField(
    grid,
    seeds,
    field.map((v) => v - mean),
  );
}

export const taylorGreenParams = defineSchema({
  amplitude: {
    kind: 'number',
    key: 'tg.a',
    label: 'Amplitude',
    min: -100,
    max: 100,
    default: 1,
  },
  mode: {
    kind: 'number',
    key: 'tg.m',
    label: 'Cells per side',
    min: 1,
    max: 16,
    default: 1,
    integer: true,
    help: 'How many periods fit across the box.',
  },
});

/**
 * a·cos(2πm x/L)·cos(2πm y/L) at the grid's coordinates: as vorticity, the Taylor–Green vortex,
 * a steady solution of the Euler equations that decays as e^{−2ν(2πm/L)²t} under viscosity.
 */
export function taylorGreen(
  grid: Grid,
  seeds: readonly number[],
  params: SchemaValues<typeof taylorGreenParams>,
): Float32Array {
  const { n } = grid;
  const k = (2 * Math.PI * params.mode) / grid.length;
  const cosines = gridPoints(grid).map((x) => Math.cos(k * x));
  const field = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) field[i * n + j] = params.amplitude * cosines[i]! * cosines[j]!;
  }
  return repeatField(grid, seeds, field);
}
