/** DINo's description for the UI: plain data, safe on the main thread (no tfjs). */
import type { ConfigGroup, ModelFact, ModelSpec } from '../types';
import {
  decoderParameterCount,
  dinoConfigProblem,
  dinoParameterCount,
  dinoSchema,
  dynamicsParameterCount,
  filterWeightScale,
  freeRolloutFrom,
  DINO_PRESETS,
  DINO_SETTINGS_ADDED_LATER,
  type DinoConfig,
  type DinoPresetId,
} from './config';

function dinoFacts(config: DinoConfig): ModelFact[] {
  // The filter weights start uniform in ±1/√2 (PyTorch's default for 2 inputs).
  const frequency = filterWeightScale(config) / Math.SQRT2;
  return [
    {
      id: 'decoder',
      label: 'Decoder parameters',
      value:
        config.decoderWidth % 2 === 0 ? decoderParameterCount(config).toLocaleString('en') : '–',
    },
    {
      id: 'dynamics',
      label: 'Dynamics parameters (one channel)',
      value: dynamicsParameterCount(config).toLocaleString('en'),
    },
    { id: 'code', label: 'Code per frame', value: `${config.codeDim} numbers per channel` },
    {
      id: 'frequencies',
      label: 'Initial filter frequencies',
      value: `within ±${frequency.toFixed(1)} rad per unit (coordinates span 0.5)`,
    },
    {
      id: 'free-rollout',
      label: 'Teacher forcing ends after',
      value: `${freeRolloutFrom(config).toLocaleString('en')} iterations`,
    },
  ];
}

const dinoGroups: readonly ConfigGroup<keyof DinoConfig>[] = [
  {
    legend: 'Decoder: a neural field of the code',
    params: ['codeDim', 'decoderWidth', 'decoderLayers', 'inputScale'],
  },
  { legend: 'Latent dynamics', params: ['dynamicsWidth', 'dt'] },
  { legend: 'Observations', params: ['trainFrames', 'subsamplingRate', 'maskSeed'] },
  {
    legend: 'Training',
    params: ['trainingMode', 'decayEvery', 'codeLrRatio', 'dynamicsLrRatio'],
  },
  { legend: 'Fitting a new trajectory', params: ['fitSteps', 'fitLr'] },
];

export const dinoInfo: ModelSpec<typeof dinoSchema, DinoPresetId> = {
  id: 'dino',
  title: 'DINo',
  explanation:
    'DINo forecasts a PDE continuously in space and time. Every frame is summarised by a short ' +
    'code, a list of numbers, and one shared decoder turns a code and any point (x, y) into the ' +
    'field’s value there: a neural field built from sines and cosines whose amplitudes the code ' +
    'shifts. There is no encoder: the code of a frame is found by gradient descent until the ' +
    'decoder reproduces the points that were observed, so the grid can be sparse, irregular, or ' +
    'change between training and use. Time is handled by a second network that gives the rate ' +
    'of change of the code; integrating it with a Runge–Kutta solver moves the code forward, ' +
    'and decoding the moved code gives the future field at any resolution. Training fits codes ' +
    'to the first frames of each trajectory and teaches the dynamics to follow them; the test ' +
    'asks how well it extrapolates beyond the frames (Out-t) and between the observed points ' +
    '(Out-s).',
  trainingStory:
    'Training fits one short code to each frame of every training trajectory from its observed ' +
    'points, teaches the decoder to turn codes into fields and the latent ODE to move a code ' +
    'from one frame to the next. Watch both losses fall and teacher forcing fade, and the ' +
    'forecast of a training trajectory follow the simulation past its training horizon.',
  paper: {
    authors:
      'Yuan Yin, Matthieu Kirchmeyer, Jean-Yves Franceschi, Alain Rakotomamonjy and Patrick Gallinari',
    title: 'Continuous PDE Dynamics Forecasting with Implicit Neural Representations',
    year: 2023,
    arxiv: '2209.14855',
  },
  schema: dinoSchema,
  presets: DINO_PRESETS,
  defaultPreset: 'small',
  groups: dinoGroups,
  parameterCount: (config, channels) => dinoParameterCount(config, channels),
  configProblem: dinoConfigProblem,
  facts: dinoFacts,
  capabilities: ['forecast', 'query'],
  metrics: [
    { id: 'relL2', label: 'Forecast error, all frames and points', chart: 'relL2' },
    { id: 'relL2InTInS', label: 'Training frames, observed points' },
    { id: 'relL2InTOutS', label: 'Training frames, unobserved points' },
    { id: 'relL2OutTInS', label: 'Later frames, observed points' },
    { id: 'relL2OutTOutS', label: 'Later frames, unobserved points' },
    { id: 'mse', label: 'Forecast MSE', chart: 'loss' },
    { id: 'decoderLoss', label: 'Decoder loss (codes → observed points)', chart: 'curves' },
    { id: 'dynamicsLoss', label: 'Dynamics loss (rollout → codes)', chart: 'curves' },
    { id: 'epsilon', label: 'Teacher forcing ε', chart: 'curves' },
  ],
  metricsNote: {
    text:
      'Each held-out trajectory gets its first code fitted to its first frame, then is forecast ' +
      'and decoded on the whole grid: 0 is perfect; 1 is no better than predicting zeros. ' +
      'Training frames (In-t) against later ones (Out-t), observed points (In-s) against the ' +
      'others (Out-s).',
    details:
      'Relative L2 error = ‖forecast − truth‖ / ‖truth‖ over the frames and points of each group.',
  },
  lossLabel: 'decoder MSE + dynamics MSE',
  snapshotKind: 'forecast',
  runLabel: 'DINo',
  defaultDataset: {
    description:
      'Build DINo’s wave data: Gaussian bumps spreading as waves, 16 trajectories of 20 frames on a 64 × 64 grid (DINo trains on the first 10 and forecasts all 20), simulated on this computer and saved in this browser.',
    withPretrained:
      'A pretrained DINo ships with the lab: once the waves are built, it forecasts them from a few sensors straight away.',
    equations: ['wave'],
    initial: 'gaussian-bump',
    n: 64,
    count: 16,
    frames: 20,
  },
  settingsAddedLater: DINO_SETTINGS_ADDED_LATER,
};
