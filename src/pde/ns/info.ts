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
    help: 'FNO’s datasets use ν = 1e-3, 1e-4 and 1e-5; below 1e-4 use a 128² or finer grid.',
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
    'An incompressible fluid in a periodic square, described by its vorticity ω: how fast each ' +
    'small parcel of fluid spins. The flow carries the vorticity along (u·∇ω), viscosity ν ' +
    'smooths it out (νΔω), and a steady stirring f keeps putting energy in. The velocity u is ' +
    'recovered from ω through the streamfunction ψ, which makes the flow exactly incompressible. ' +
    'With large ν the flow settles down to a smooth steady pattern; with small ν it becomes ' +
    'turbulent: vortices merge into larger ones while thin filaments of vorticity are stretched ' +
    'out and dissipated. This is the benchmark of the Fourier Neural Operator paper.',
  params: navierStokesParams,
  channels: ['omega'],
  domain: { length: 1, origin: 0 },
  schemes: [
    {
      id: 'fno',
      stepCost: 4.5,
      label: 'FNO (Crank–Nicolson + Euler)',
      explanation:
        'The exact step of FNO’s data generator: pseudo-spectral, implicit diffusion and explicit ' +
        'advection, first order in time; pick it to reproduce FNO and DINo data.',
    },
    {
      id: 'ifrk4',
      stepCost: 12,
      label: 'Integrating-factor RK4',
      explanation:
        'Pseudo-spectral with diffusion solved exactly and advection by fourth-order Runge–Kutta: ' +
        'far more accurate per step, and the better choice at small ν.',
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
