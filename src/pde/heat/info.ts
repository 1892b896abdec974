/** The heat (diffusion) equation u_t = νΔu on the periodic box [−1, 1]². */
import { defineSchema } from '../../schema/params';
import type { PdeInfo } from '../types';

export const heatParams = defineSchema({
  nu: {
    kind: 'number',
    key: 'nu',
    label: 'Diffusivity ν',
    min: 1e-4,
    max: 0.1,
    default: 0.01,
    datasetRange: [2e-3, 2e-2],
    log: true,
    help:
      'How fast heat spreads: a pattern of wavelength λ fades by e after a time λ²/(4π²ν). ' +
      'MAE-PDE draws ν uniformly from [0.002, 0.02].',
  },
});

export const heatInfo: PdeInfo<typeof heatParams> = {
  id: 'heat',
  title: 'Heat equation',
  equation: 'u_t = ν Δu',
  explanation:
    'The heat equation models diffusion: temperature in a metal plate, or dye spreading in still ' +
    'water. Every point moves towards the average of its neighbours, so hot spots cool, cold ' +
    'spots warm and the field becomes smoother and flatter until it is constant. The ' +
    'diffusivity ν sets the speed: fine details (short wavelengths) fade fastest, at a rate ' +
    'proportional to ν/wavelength², so watch the small ripples vanish first while the broad ' +
    'shapes linger. The mean value never changes, because heat is only moved around, never ' +
    'created or destroyed.',
  params: heatParams,
  channels: ['u'],
  domain: { length: 2, origin: -1 },
  schemes: [
    {
      id: 'spectral',
      exact: true,
      stepCost: 1,
      label: 'Spectral (exact)',
      explanation:
        'Damps each Fourier mode by exactly e^{−ν|k|²Δt}, so it is exact and stable for any step: the best choice unless you need to match finite-difference data.',
    },
    {
      id: 'ftcs',
      stepCost: 2,
      label: 'FTCS (5-point, forward Euler)',
      explanation:
        "The 5-point Laplacian with forward Euler steps, as in MAE-PDE's heat data: first order in time, second in space, and unstable when νΔt/Δx² exceeds 1/4.",
    },
  ],
  defaultInitialCondition: 'hot-square',
  measures: [{ id: 'energy', label: 'energy ½⟨u²⟩' }],
  defaultScheme: 'spectral',
  // MAE-PDE's FTCS step; the spectral scheme ignores it and jumps whole record intervals.
  defaultDt: 1e-4,
  // MAE-PDE: 100 frames up to t = 2.
  defaultRecordInterval: 0.02,
};
