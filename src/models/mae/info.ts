/** The MAE's description for the UI: plain data, safe on the main thread (no tfjs). */
import type { ConfigGroup, ModelFact, ModelSpec } from '../types';
import {
  MAE_SETTINGS_ADDED_LATER,
  maeConfigProblem,
  maeParameterCount,
  maeSchema,
  MAE_PRESETS,
  tokenGrid,
  type MaeConfig,
  type MaePresetId,
} from './config';

function maeFacts(config: MaeConfig): ModelFact[] {
  const grid = tokenGrid(config);
  const whole = [grid.t, grid.x, grid.y].every(Number.isInteger);
  return [
    {
      id: 'tokens',
      label: 'Tokens',
      value: whole ? `${grid.count} (${grid.t} × ${grid.x} × ${grid.y})` : '–',
    },
    {
      id: 'patch',
      label: 'Values per patch',
      value: `${grid.dim} (${config.patchT} × ${config.patchXY} × ${config.patchXY})`,
    },
    {
      id: 'window',
      label: 'Window',
      value: `${config.frames} frames of ${config.size}²`,
    },
  ];
}

const maeGroups: readonly ConfigGroup<keyof MaeConfig>[] = [
  {
    legend: 'Data window and patches',
    params: ['size', 'frames', 'patchT', 'patchXY', 'patchNorm', 'windowNorm'],
  },
  { legend: 'Encoder', params: ['width', 'depth', 'heads', 'headDim', 'mlp', 'positions'] },
  {
    legend: 'Decoder',
    params: [
      'decoderWidth',
      'decoderDepth',
      'decoderHeads',
      'decoderHeadDim',
      'decoderMlp',
      'decoderNorm',
    ],
  },
  { legend: 'Masking and training', params: ['maskRatio', 'normalizeTargets', 'augment'] },
];

export const maeInfo: ModelSpec<typeof maeSchema, MaePresetId> = {
  id: 'mae',
  title: 'Masked autoencoder (MAE-PDE)',
  explanation:
    'A masked autoencoder learns what PDE solutions look like without any labels. A window of ' +
    'a simulation, a few consecutive frames, is cut into small space-time patches and most of ' +
    'them are hidden at random. A vision-transformer encoder reads only the patches that stay ' +
    'visible, which keeps it cheap; a much lighter decoder puts a learned mask token in every ' +
    'hidden slot and predicts what those patches held. The error is counted on the hidden ' +
    'patches only, so copying the visible ones earns nothing: to do well the model has to learn ' +
    'how heat, advection and Burgers flows behave in space and time. Afterwards the decoder is ' +
    'set aside and the encoder is reused: its summary of a window can estimate an equation’s ' +
    'coefficients from a few labelled examples, or guide a neural solver stepping the ' +
    'simulation forward.',
  trainingStory:
    'Training shows the masked autoencoder thousands of windows with most patches hidden and ' +
    'nudges its weights after each batch so its guesses for the hidden patches improve. Watch the ' +
    'loss fall and the reconstruction of the same validation windows sharpen, and compare its ' +
    'error with filling the gaps by interpolation.',
  paper: {
    authors: 'Anthony Zhou and Amir Barati Farimani',
    title: 'Masked Autoencoders are PDE Learners',
    year: 2024,
    arxiv: '2403.17728',
  },
  schema: maeSchema,
  presets: MAE_PRESETS,
  defaultPreset: 'classroom',
  groups: maeGroups,
  parameterCount: (config, channels) => maeParameterCount(config, channels),
  configProblem: maeConfigProblem,
  facts: maeFacts,
  capabilities: ['reconstruct', 'encode'],
  metrics: [
    { id: 'relL2', label: 'Hidden-patch error, MAE', chart: 'relL2' },
    { id: 'relL2Linear', label: 'Linear interpolation', baseline: true },
    { id: 'relL2Nearest', label: 'Nearest visible', baseline: true },
    { id: 'mse', label: 'Validation loss', chart: 'loss' },
  ],
  metricsNote: {
    text:
      'Errors compare each fill with the original on the hidden pixels of the same validation ' +
      'windows: 0 is perfect; 1 is no better than filling them with zeros.',
    details:
      'Masked-region relative L2 error = ‖fill − original‖ / ‖original‖ over the hidden pixels.',
  },
  lossLabel: 'masked-patch MSE',
  snapshotKind: 'reconstruction',
  runLabel: 'MAE',
  settingsAddedLater: MAE_SETTINGS_ADDED_LATER,
  defaultDataset: {
    description:
      'Build the default dataset: heat, advection and Burgers equations in equal shares (as MAE-PDE pretrains on), 48 trajectories of 24 frames on a 32 × 32 grid, simulated on this computer and saved in this browser.',
    withPretrained:
      'A pretrained masked autoencoder ships with the lab: once the dataset is built, it fills in the hidden patches straight away.',
    equations: ['heat', 'advection', 'burgers'],
    initial: 'random-sines',
    n: 32,
    count: 48,
    frames: 24,
    recordFrom: 'heat',
  },
  maskedWindow: ({ size, frames, patchT, patchXY, maskRatio }) => ({
    size,
    frames,
    patchT,
    patchXY,
    maskRatio,
  }),
};
