/** Viscous Burgers in MAE-PDE's anisotropic form (Zhou & Barati Farimani 2024). */
import { defineSchema } from '../../schema/params';
import type { PdeInfo } from '../types';

export const burgersParams = defineSchema({
  nu: {
    kind: 'number',
    key: 'nu',
    label: 'Viscosity ν',
    min: 1e-3,
    max: 0.05,
    default: 0.01,
    datasetRange: [7.5e-3, 1.5e-2],
    log: true,
    help: 'MAE-PDE samples ν uniformly in [7.5e-3, 1.5e-2].',
  },
  cx: {
    kind: 'number',
    key: 'cx',
    label: 'Advection weight cx',
    min: 0,
    max: 2,
    default: 0.75,
    datasetRange: [0.5, 1],
    help: 'Scales u·∂x in both equations. MAE-PDE samples cx uniformly in [0.5, 1].',
  },
  cy: {
    kind: 'number',
    key: 'cy',
    label: 'Advection weight cy',
    min: 0,
    max: 2,
    default: 0.75,
    datasetRange: [0.5, 1],
    help: 'Scales v·∂y in both equations. MAE-PDE samples cy uniformly in [0.5, 1].',
  },
});

export const burgersInfo: PdeInfo<typeof burgersParams> = {
  id: 'burgers',
  title: 'Burgers (2-D, viscous)',
  equation: 'u_t + cx u u_x + cy v u_y = ν Δu,  v_t + cx u v_x + cy v v_y = ν Δv',
  explanation:
    'A velocity field (u, v) that carries itself along: each component is transported by the ' +
    'flow (weighted by cx along x and cy along y) and smoothed by viscosity ν. Where faster fluid ' +
    'catches up with slower fluid the profile steepens into fronts, like shock waves, and only ' +
    'viscosity keeps them from becoming discontinuous, so smaller ν gives sharper fronts that ' +
    'need finer grids. Unlike Navier–Stokes there is no pressure: the flow is not ' +
    'incompressible. This anisotropic form, with u and v starting from the same random ' +
    'field, is the Burgers set of the MAE-PDE paper, on the square [−1, 1]².',
  params: burgersParams,
  channels: ['u', 'v'],
  domain: { length: 2, origin: -1 },
  schemes: [
    {
      id: 'spectral',
      stepCost: 14,
      label: 'Pseudo-spectral (IF-RK4)',
      explanation:
        'Fourier derivatives with 2/3 dealiasing, diffusion solved exactly and advection by ' +
        'fourth-order Runge–Kutta: the accurate choice while the fronts are resolved by the grid.',
    },
    {
      id: 'upwind',
      stepCost: 1,
      label: 'Upwind finite differences',
      explanation:
        'MAE-PDE’s scheme: first-order upwind advection, 5-point diffusion and explicit Euler, ' +
        'robust but diffusive; MAE ran it at 512² with Δt = 5e-5 and kept every 8th point.',
    },
  ],
  defaultInitialCondition: 'random-sines',
  measures: [{ id: 'energy', label: 'kinetic energy ½⟨u² + v²⟩' }],
  defaultScheme: 'spectral',
  // MAE-PDE used Δt = 5e-5 on its 512² grid (upwind); 1e-3 is well inside both schemes' limits
  // at 64², and the driver sub-steps when a state needs less.
  defaultDt: 1e-3,
  // MAE-PDE records 100 frames over T = 2.
  defaultRecordInterval: 0.02,
  // MAE-PDE starts Burgers with v = u.
  initialFill: 'repeat',
};
