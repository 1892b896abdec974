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
    help:
      'How sticky the flow is: smaller values give sharper fronts. MAE-PDE draws it between ' +
      '0.0075 and 0.015.',
  },
  cx: {
    kind: 'number',
    key: 'cx',
    label: 'Advection weight cx',
    min: 0,
    max: 2,
    default: 0.75,
    datasetRange: [0.5, 1],
    help:
      'How strongly the flow carries itself along x. MAE-PDE draws it between 0.5 and 1.\n\n' +
      'Scales the u·∂x terms in both equations.',
  },
  cy: {
    kind: 'number',
    key: 'cy',
    label: 'Advection weight cy',
    min: 0,
    max: 2,
    default: 0.75,
    datasetRange: [0.5, 1],
    help:
      'How strongly the flow carries itself along y. MAE-PDE draws it between 0.5 and 1.\n\n' +
      'Scales the v·∂y terms in both equations.',
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
    'need finer grids. Unlike Navier–Stokes there is no pressure, so the fluid can bunch up ' +
    'and spread out. This form, with u and v starting from the same random field, is the ' +
    'Burgers data of the MAE-PDE paper.\n\n' +
    'Anisotropic form (different weights cx, cy along x and y) on the periodic square ' +
    '[−1, 1]²; the flow is not incompressible.',
  params: burgersParams,
  channels: ['u', 'v'],
  domain: { length: 2, origin: -1 },
  schemes: [
    {
      id: 'spectral',
      stepCost: 14,
      label: 'Pseudo-spectral (IF-RK4)',
      explanation:
        'Accurate: it handles the smoothing by viscosity exactly and takes four careful ' +
        'sub-steps for the rest of each step. The right choice while the grid is fine enough ' +
        'for the fronts.\n\n' +
        'IF-RK4 (integrating-factor fourth-order Runge–Kutta): Fourier derivatives with 2/3 ' +
        'dealiasing, diffusion integrated exactly, advection by classical RK4.',
    },
    {
      id: 'upwind',
      stepCost: 1,
      label: 'Upwind finite differences',
      explanation:
        'MAE-PDE’s own method: simple and robust, but it smears sharp fronts a little. The paper ' +
        'ran it on a very fine grid (512 × 512) with tiny time steps and kept every 8th point.' +
        '\n\n' +
        'First-order upwind advection, 5-point diffusion and explicit Euler steps; MAE-PDE used ' +
        'Δt = 5e-5 at 512².',
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
