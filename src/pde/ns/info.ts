/** 2-D incompressible Navier–Stokes in vorticity form on the unit torus (FNO's benchmark). */
import { defineSchema } from '../../schema/params';
import type { PdeInfo } from '../types';

export const navierStokesParams = defineSchema({
  nu: {
    kind: 'number',
    key: 'nu',
    label: 'Viscosity ν',
    min: 1e-5,
    max: 1e-2,
    default: 1e-3,
    log: true,
    help:
      'How sticky the fluid is: large values give a calm, smooth flow, small values a swirling, ' +
      'turbulent one that needs a finer grid (128 × 128 or more below 0.0001).\n\n' +
      'FNO’s datasets use ν = 1e-3, 1e-4 and 1e-5.',
  },
  forcing: {
    kind: 'choice',
    key: 'f',
    label: 'Forcing',
    options: [
      { value: 'fno', label: 'FNO: 0.1(sin 2π(x+y) + cos 2π(x+y))' },
      { value: 'kolmogorov', label: 'Kolmogorov: body force (sin 8πy, 0)' },
      { value: 'none', label: 'None (decaying turbulence)' },
    ],
    default: 'fno',
  },
});

export const navierStokesInfo: PdeInfo<typeof navierStokesParams> = {
  id: 'ns',
  title: 'Navier–Stokes (2-D, vorticity form)',
  equation: '∂t ω + u·∇ω = ν Δω + f,  u = (ψ_y, −ψ_x),  −Δψ = ω',
  explanation:
    'A fluid that cannot be squeezed, like water, in a periodic square, described by its ' +
    'vorticity ω: how fast each small parcel of fluid spins. The flow carries the spin along, ' +
    'viscosity ν smooths it out, and a steady stirring f keeps putting energy in. With large ν ' +
    'the flow settles down to a smooth steady pattern; with small ν it becomes turbulent: ' +
    'vortices merge into larger ones while thin filaments of vorticity are stretched out and ' +
    'fade away. This is the benchmark of the Fourier Neural Operator (FNO) paper.\n\n' +
    'u·∇ω carries the vorticity with the flow and νΔω diffuses it. The velocity u = (ψ_y, −ψ_x) ' +
    'comes from the streamfunction ψ, which solves −Δψ = ω, so the flow is exactly ' +
    'incompressible (divergence-free).',
  params: navierStokesParams,
  channels: ['omega'],
  domain: { length: 1, origin: 0 },
  schemes: [
    {
      id: 'fno',
      stepCost: 4.5,
      label: 'FNO (Crank–Nicolson + Euler)',
      explanation:
        'The very step the FNO paper made its data with: pick it to reproduce FNO and DINo data. ' +
        'It is less accurate per step, so it needs small time steps.\n\n' +
        'Pseudo-spectral, Crank–Nicolson (implicit) diffusion, explicit Euler advection and ' +
        'forcing, 2/3 dealiasing; first order in time.',
    },
    {
      id: 'ifrk4',
      stepCost: 12,
      label: 'Integrating-factor RK4',
      explanation:
        'Very accurate: it handles the smoothing by viscosity exactly and takes four careful ' +
        'sub-steps for the rest of each step. The better choice for turbulent flow (small ν).' +
        '\n\n' +
        'Integrating-factor RK4: pseudo-spectral, diffusion integrated exactly (the integrating ' +
        'factor), advection and forcing by classical fourth-order Runge–Kutta, 2/3 dealiasing.',
    },
  ],
  defaultInitialCondition: 'gaussian-random-field',
  measures: [
    { id: 'energy', label: 'energy ½⟨|u|²⟩' },
    { id: 'enstrophy', label: 'enstrophy ½⟨ω²⟩' },
  ],
  // Live-friendly defaults: IF-RK4 is accurate at Δt = 0.01 and 10 steps draw one frame.
  // FNO's data: --scheme fno --dt 1e-4 (256²) or 1e-3 (64², DINo) --record 1.
  defaultScheme: 'ifrk4',
  defaultDt: 0.01,
  defaultRecordInterval: 0.1,
};
