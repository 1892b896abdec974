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
      'How fast heat spreads: larger values smooth the field out faster, and small ripples fade ' +
      'much sooner than broad shapes. MAE-PDE draws it between 0.002 and 0.02.\n\n' +
      'A pattern of wavelength λ fades by a factor e after a time λ²/(4π²ν). ' +
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
        'Exact: it splits the field into waves and shrinks each one by exactly the right amount, ' +
        'so any time step works. The best choice unless you need to match data made step by ' +
        'step on a grid (FTCS).\n\n' +
        'Each Fourier mode k is multiplied by exp(−ν|k|²Δt): no time-stepping error and no ' +
        'stability limit.',
    },
    {
      id: 'ftcs',
      stepCost: 2,
      label: 'FTCS (5-point, forward Euler)',
      explanation:
        "The simple step-by-step method MAE-PDE's heat data was made with: each point moves a " +
        'little towards the average of its four neighbours at every step. It blows up if the ' +
        'time step is too large for the grid.\n\n' +
        'FTCS (forward in time, centred in space): the 5-point Laplacian with forward Euler ' +
        'steps, first order in time and second in space, stable only while νΔt/Δx² ≤ 1/4.',
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
