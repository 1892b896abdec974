/** Linear advection u_t + a·∇u = 0 on the periodic box [−1, 1]². */
import { defineSchema } from '../../schema/params';
import type { PdeInfo } from '../types';

const velocityHelp =
  'MAE-PDE draws each component from [0.1, 2.5]. Its released data move the field towards −a ' +
  '(it evaluates u0(x + at)); the lab follows the equation as written, u(x, t) = u0(x − at).';

export const advectionParams = defineSchema({
  ax: {
    kind: 'number',
    key: 'ax',
    label: 'Velocity a_x',
    min: -2.5,
    max: 2.5,
    default: 1,
    datasetRange: [0.1, 2.5],
    help: `The speed of the transport along x. MAE-PDE draws it between 0.1 and 2.5.\n\n${velocityHelp}`,
  },
  ay: {
    kind: 'number',
    key: 'ay',
    label: 'Velocity a_y',
    min: -2.5,
    max: 2.5,
    default: 0.5,
    datasetRange: [0.1, 2.5],
    help: `The speed of the transport along y. MAE-PDE draws it between 0.1 and 2.5.\n\n${velocityHelp}`,
  },
});

export const advectionInfo: PdeInfo<typeof advectionParams> = {
  id: 'advection',
  title: 'Advection equation',
  equation: 'u_t + a·∇u = 0',
  explanation:
    'The advection equation models something carried along by a steady flow: smoke in a ' +
    'constant wind, or a pollutant in a river. The whole field slides with a constant ' +
    'velocity a without changing shape, and whatever leaves one side of the periodic box comes ' +
    'back on the other. Nothing spreads or fades, so it is the simplest test of whether a model ' +
    'has learnt to move information in the right direction at the right speed. With ' +
    'a = (1, 0.5) the field returns to its start after t = 4, when it has crossed the box twice ' +
    'along x and once along y.\n\n' +
    'The exact solution is u(x, t) = u0(x − at), with a = (a_x, a_y).',
  params: advectionParams,
  channels: ['u'],
  domain: { length: 2, origin: -1 },
  schemes: [
    {
      id: 'spectral',
      exact: true,
      stepCost: 1.4,
      label: 'Spectral (exact)',
      explanation:
        'Exact: it slides the field by exactly the right distance, with no smearing or lag, ' +
        'whatever the time step.\n\n' +
        'Each Fourier mode k is shifted in phase by exactly k·aΔt.',
    },
  ],
  defaultInitialCondition: 'ring',
  measures: [{ id: 'energy', label: '½⟨u²⟩' }],
  defaultScheme: 'spectral',
  // The only scheme is exact and jumps whole record intervals.
  defaultDt: 0.02,
  // MAE-PDE: 100 frames up to t = 2.
  defaultRecordInterval: 0.02,
};
