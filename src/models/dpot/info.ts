/** DPOT's description for the UI: plain data, safe on the main thread (no tfjs). */
import type { ConfigGroup, ModelFact, ModelSpec } from '../types';
import {
  dpotConfigProblem,
  dpotKeptModes,
  dpotLatentSize,
  dpotParameterCount,
  dpotSchema,
  DPOT_PRESETS,
  DPOT_SETTINGS_ADDED_LATER,
  type DpotConfig,
  type DpotPresetId,
} from './config';

function dpotFacts(config: DpotConfig): ModelFact[] {
  const side = dpotLatentSize(config);
  const { rows, columns } = dpotKeptModes(config);
  return [
    {
      id: 'tokens',
      label: 'Tokens',
      value: Number.isInteger(side) ? `${side} × ${side} patches of ${config.patchSize}²` : '–',
    },
    {
      id: 'window',
      label: 'Window',
      value: `${config.inputFrames} frames in, the next one out; rollouts feed it back`,
    },
    {
      id: 'modes',
      label: 'Fourier modes mixed',
      value: `${rows} × ${columns} of the patch grid’s half spectrum`,
    },
    {
      id: 'noise',
      label: 'Training noise',
      value:
        config.noise > 0
          ? `${(config.noise * 100).toFixed(0)} % of each sample’s RMS`
          : 'none (no denoising)',
    },
  ];
}

const dpotGroups: readonly ConfigGroup<keyof DpotConfig>[] = [
  { legend: 'Window and patches', params: ['size', 'inputFrames', 'patchSize', 'timeAggregation'] },
  {
    legend: 'Fourier attention blocks',
    params: ['width', 'depth', 'blocks', 'modes', 'mlpRatio', 'softshrink'],
  },
  { legend: 'Output head', params: ['outLayerDim'] },
  { legend: 'Training against rollout error', params: ['noise', 'pushforward'] },
];

export const dpotInfo: ModelSpec<typeof dpotSchema, DpotPresetId> = {
  id: 'dpot',
  title: 'DPOT',
  explanation:
    'DPOT reads the last few frames of a field and predicts the next one; fed its own ' +
    'predictions, it rolls a simulation forward as far as you like. It cuts each frame into ' +
    'patches, folds the frames into one grid of tokens, and mixes the tokens in Fourier space: ' +
    'each block takes the spectrum of the token grid, passes every frequency through the same ' +
    'small complex network, and transforms back. During training a little noise is added to the ' +
    'input frames, so the model learns to undo small errors instead of piling them up over a ' +
    'long rollout; and one model is trained on several equations at once, so that it can be ' +
    'fine-tuned to a new one from few examples.',
  trainingStory:
    'Training draws windows of consecutive frames from every equation of the dataset, adds the ' +
    'denoising noise to the input frames, and nudges the model so its next frame matches the ' +
    'true one. Watch the loss fall, and the rollout of the same validation trajectory, made from ' +
    'the model’s own predictions, stay close to the truth for more and more steps.',
  paper: {
    authors:
      'Zhongkai Hao, Chang Su, Songming Liu, Julius Berner, Chengyang Ying, Hang Su, Anima Anandkumar, Jian Song and Jun Zhu',
    title: 'DPOT: Auto-Regressive Denoising Operator Transformer for Large-Scale PDE Pre-Training',
    year: 2024,
    arxiv: '2403.03542',
  },
  schema: dpotSchema,
  presets: DPOT_PRESETS,
  defaultPreset: 'classroom',
  groups: dpotGroups,
  parameterCount: (config, channels) => dpotParameterCount(config, channels),
  configProblem: dpotConfigProblem,
  facts: dpotFacts,
  capabilities: ['forecast'],
  metrics: [
    { id: 'oneStepL2re', label: 'One-step relative L2 error', chart: 'relL2' },
    { id: 'rolloutL2re', label: 'Rollout relative L2 error, all steps', chart: 'relL2' },
    { id: 'finalStepL2re', label: 'Rollout relative L2 error at the last step', chart: 'curves' },
    { id: 'horizon', label: 'Steps before the error exceeds 0.5', chart: 'curves' },
  ],
  metricsNote: {
    text:
      'Validation trajectories rolled out from their first frames on the model’s own ' +
      'predictions: the error of the first predicted frame, of the whole rollout and of its last ' +
      'frame, and how many steps the rollout stays within an error of 0.5 (the rollout’s length ' +
      'when it never leaves it).',
    details:
      'Relative L2 (L2RE) = ‖prediction − truth‖ / ‖truth‖ per channel, averaged over channels and trajectories (DPOT’s SimpleLpLoss).',
  },
  lossLabel: 'relative L2 of the next frame',
  snapshotKind: 'rollout',
  runLabel: 'DPOT',
  defaultDataset: {
    description:
      'Build DPOT’s data: heat, advection and Burgers equations in equal shares, 48 trajectories of 30 frames on a 32 × 32 grid (10 to read, 20 to roll out), simulated on this computer and saved in this browser.',
    withPretrained:
      'A pretrained DPOT, trained on these equations and on Navier–Stokes, ships with the lab: once the data are built, it rolls them out straight away.',
    equations: ['heat', 'advection', 'burgers'],
    initial: 'random-sines',
    n: 32,
    count: 48,
    frames: 30,
    recordFrom: 'heat',
  },
  settingsAddedLater: DPOT_SETTINGS_ADDED_LATER,
};
