/**
 * Transport by a known swirling flow, u_t + a(x)·∇u = 0 on the periodic unit square, with a
 * seeded random divergence-free velocity a = ∇⊥ψ (see flow.ts): data with a true optical flow.
 */
import { defineSchema } from '../../schema/params';
import type { PdeInfo } from '../types';
import { MAX_FLOW_MODES, MAX_FLOW_SEED } from './flow';

export const swirlParams = defineSchema({
  speed: {
    kind: 'number',
    key: 'U',
    label: 'Peak speed',
    unit: 'box sides per time unit',
    min: 0,
    max: 2,
    default: 0.5,
    help:
      'The speed of the fastest part of the current. At 0.5 and a record interval of 0.02 the ' +
      'fastest dye moves 0.01 of the box, 0.64 grid cells at 64 × 64, from one frame to the next.' +
      '\n\nThe flow is scaled so that max |a| over a 128² sampling of the box is exactly this ' +
      '(within 1% of the true maximum).',
  },
  modes: {
    kind: 'number',
    key: 'K',
    label: 'Largest wavenumber K',
    min: 1,
    max: MAX_FLOW_MODES,
    default: 2,
    integer: true,
    help:
      'How small the eddies of the current can be: 1 gives a few large circulation cells, ' +
      'larger values add smaller eddies that stretch the dye more.\n\n' +
      'ψ sums the modes cos(2π m·x + φ_m) with 1 ≤ |m| ≤ K, amplitudes ∝ |m|⁻², so each adds a ' +
      'similar amount of shear.',
  },
  flowSeed: {
    kind: 'number',
    key: 'fs',
    label: 'Flow seed',
    min: 0,
    max: MAX_FLOW_SEED,
    default: 1,
    integer: true,
    datasetRange: [0, MAX_FLOW_SEED],
    help:
      'Picks the random current: the same seed always gives the same flow. A dataset draws one ' +
      'seed per trajectory from its range (set both ends equal to share one flow), and keeps it ' +
      'with the trajectory, so the true flow of any trajectory can be rebuilt.\n\n' +
      'Seeds stop at 2²⁴ − 1 to stay exact in the solvers’ float32 coefficient arrays. The true ' +
      'velocity is swirlVelocityField({ speed, modes, flowSeed }, grid) in pde/swirl/flow.ts.',
  },
});

export const swirlInfo: PdeInfo<typeof swirlParams> = {
  id: 'swirl',
  title: 'Advection by a swirling flow',
  equation: 'u_t + a(x)·∇u = 0,  a = (ψ_y, −ψ_x)',
  explanation:
    'Dye carried by a steady, swirling current. The current is smooth and random (the flow seed ' +
    'picks it), does not change in time, and never squeezes or spreads the fluid, so the dye is ' +
    'only moved and drawn out, never created or lost: blobs drift, turn and stretch into ' +
    'ribbons along the stream lines. Because the current is known exactly, this is the data for ' +
    'checking whether a model that estimates motion (an optical flow) finds the true one.\n\n' +
    'The velocity a = ∇⊥ψ = (∂ψ/∂y, −∂ψ/∂x) comes from a stream function ψ made of the Fourier ' +
    'modes with 1 ≤ |m| ≤ K, with random amplitudes and phases from the flow seed, scaled to ' +
    'the chosen peak speed. It is divergence-free, so the mean ⟨u⟩ and the energy ½⟨u²⟩ are ' +
    'conserved. The unit square [0, 1)² is periodic; velocities are in box sides per time unit ' +
    '(multiply by record interval × N to get grid cells per frame).',
  params: swirlParams,
  channels: ['u'],
  domain: { length: 1, origin: 0 },
  schemes: [
    {
      id: 'spectral',
      stepCost: 12,
      label: 'Pseudo-spectral (RK4)',
      explanation:
        'Accurate for smooth fields: it computes slopes exactly for every wave the grid holds and ' +
        'takes four careful sub-steps per time step, so the dye neither smears nor fades.\n\n' +
        'Fourier derivatives with the products a·∇u and ∇·(au) formed on the grid, in the ' +
        'skew-symmetric form ½[a·∇u + ∇·(au)], which conserves Σu² exactly in space; classical ' +
        'RK4 in time, Δt ≤ 2√2 / (πN/L · (max|a_x| + max|a_y|)).',
    },
  ],
  defaultInitialCondition: 'gaussian-blobs',
  measures: [
    { id: 'mass', label: 'mean ⟨u⟩' },
    { id: 'energy', label: '½⟨u²⟩' },
  ],
  defaultScheme: 'spectral',
  // Well inside the stability limit at 64² and peak speed 0.5 (about 0.015); the driver
  // sub-steps finer grids and faster flows.
  defaultDt: 0.005,
  defaultRecordInterval: 0.02,
};
