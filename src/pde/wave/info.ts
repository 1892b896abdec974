/** The damped wave equation u_tt = c²Δu − γu_t on the periodic box [−1, 1]², state (u, u_t). */
import { defineSchema } from '../../schema/params';
import type { PdeInfo } from '../types';

export const waveParams = defineSchema({
  c: {
    kind: 'number',
    key: 'c',
    label: 'Wave speed c',
    min: 0.01,
    max: 2,
    default: 0.0625,
    log: true,
    help:
      "The default 1/16 matches DINo's wave data: waves then take 32 time units (128 frames) to " +
      'cross the box. Try 0.5 to see them cross in 16 frames and interfere.',
  },
  gamma: {
    kind: 'number',
    key: 'gamma',
    label: 'Damping γ',
    min: 0,
    max: 2,
    default: 0,
    help:
      'Friction: how quickly the waves fade. DINo has none (0). With strong damping, broad ' +
      'waves stop swinging back and forth and just creep back to rest.\n\n' +
      'Oscillations fade like exp(−γt/2). A mode whose γ/2 exceeds c|k| no longer oscillates ' +
      '(overdamped).',
  },
});

export const waveInfo: PdeInfo<typeof waveParams> = {
  id: 'wave',
  title: 'Wave equation',
  equation: 'u_tt = c² Δu − γ u_t',
  explanation:
    'The wave equation models vibrations: a drum skin, ripples on a pond, sound in the air. ' +
    'The state holds both the displacement u and its velocity u_t, because a wave needs both ' +
    'to know where it is going. A bump does not just flatten like heat: it splits into rings ' +
    'that travel outwards at speed c, pass through each other, and wrap around the periodic ' +
    'box. Without damping (γ = 0) the total energy stays constant forever; with damping the ' +
    'waves fade, and with strong damping the broadest waves stop oscillating altogether. Watch ' +
    'the interference patterns once the rings start to overlap.\n\n' +
    'The energy is ½∫(u_t² + c²|∇u|²). A mode of wavenumber k stops oscillating when ' +
    'γ/2 > c|k|.',
  params: waveParams,
  channels: ['u', 'u_t'],
  domain: { length: 2, origin: -1 },
  schemes: [
    {
      id: 'spectral',
      exact: true,
      stepCost: 2.5,
      label: 'Spectral (exact)',
      explanation:
        'Exact: it splits the field into waves and moves each one exactly as a damped spring ' +
        'would, so any time step works. The best choice for accurate data.\n\n' +
        'Each Fourier mode is advanced by the exact solution of its damped-oscillator equation.',
    },
    {
      id: 'leapfrog',
      stepCost: 4,
      label: 'Leapfrog (5-point)',
      explanation:
        'A classic step-by-step method on the grid: accurate, and it keeps the energy well, but ' +
        'it blows up if the time step is too large for the grid.\n\n' +
        'The 5-point Laplacian with Störmer–Verlet (leapfrog) time steps: second order, stable ' +
        'only while cΔt/Δx ≤ 1/√2.',
    },
    {
      id: 'fd-exact',
      exact: true,
      stepCost: 2,
      label: '5-point, exact in time',
      explanation:
        "The same grid approximation as DINo's wave data, with no error from time-stepping: " +
        'choose it to reproduce that data.\n\n' +
        'The 5-point Laplacian, solved exactly in time mode by mode.',
    },
  ],
  defaultInitialCondition: 'gaussian-bump',
  measures: [{ id: 'energy', label: 'energy ½⟨u_t² + c²|∇u|²⟩' }],
  defaultScheme: 'spectral',
  // DINo's step; the exact schemes ignore it and jump whole record intervals.
  defaultDt: 1e-3,
  // DINo: a frame every 0.25 time units.
  defaultRecordInterval: 0.25,
};
