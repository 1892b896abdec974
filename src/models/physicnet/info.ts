/** PhysicNet-style's description for the UI: plain data, safe on the main thread (no tfjs). */
import type { ConfigGroup, ModelFact, ModelSpec } from '../types';
import {
  physicnetConfigProblem,
  physicnetParameterCount,
  physicnetSchema,
  PHYSICNET_DOWNSAMPLING,
  PHYSICNET_PRESETS,
  PHYSICNET_SETTINGS_ADDED_LATER,
  type PhysicNetConfig,
  type PhysicNetPresetId,
} from './config';

function physicnetFacts(config: PhysicNetConfig): ModelFact[] {
  const arms = [
    config.local ? 'global + local experts' : 'global expert only',
    config.flow ? 'optical-flow expert' : 'conv predictor (no flow)',
    config.quantize ? `${config.codes} codes of ${config.codeDim} numbers` : 'continuous latents',
  ];
  return [
    { id: 'arm', label: 'Parts', value: arms.join(' · ') },
    {
      id: 'latent',
      label: 'Latent grid',
      value: `the field’s side ÷ ${PHYSICNET_DOWNSAMPLING}, ${config.codeDim} numbers per cell`,
    },
    {
      id: 'window',
      label: 'Window',
      value: `${config.inputFrames} frames in, ${config.outputFrames} forecast`,
    },
    {
      id: 'codebook',
      label: 'Codebook (learnt by EMA, not counted)',
      value: config.quantize
        ? `${(config.codes * config.codeDim).toLocaleString('en')} numbers`
        : 'none',
    },
  ];
}

const physicnetGroups: readonly ConfigGroup<keyof PhysicNetConfig>[] = [
  { legend: 'Window', params: ['inputFrames', 'outputFrames'] },
  { legend: 'Encoders and codebook', params: ['width', 'codeDim', 'codes', 'beta', 'decay'] },
  {
    legend: 'Experts',
    params: ['flowIterations', 'crops', 'local', 'flow', 'quantize', 'residual'],
  },
  { legend: 'Loss', params: ['localWeight', 'reconstructionWeight'] },
];

export const physicnetInfo: ModelSpec<typeof physicnetSchema, PhysicNetPresetId> = {
  id: 'physicnet',
  title: 'PhysicNet-style',
  explanation:
    'PhysicNet forecasts a field from its last few frames through discrete codes and levels of ' +
    'experts. An encoder shrinks each frame to a coarse grid of vectors, and each vector is ' +
    'replaced by the nearest entry of a learnt codebook, so every patch of the field is described ' +
    'by a code number you can colour. A global expert estimates where things move, an optical ' +
    'flow, and forecasts the next latent grid by moving the current one along it; local experts ' +
    'do the same on zoomed-in crops, and a learnt gate fuses their forecasts into the global one. ' +
    'PhysicNet’s code is not public: this is a reconstruction from the paper (methods §4), so ' +
    'details below the paper’s outline are ours.',
  trainingStory:
    'Training shows the model the first frames of many windows and nudges its encoders, codebook, ' +
    'flow experts and decoders after each batch so its forecast of the next frames improves. ' +
    'Watch the loss fall, the forecast of the same validation window sharpen, ' +
    'the code map settle and the codebook fill, and the estimated flow line up with the true one.',
  paper: {
    authors:
      'Chuanpeng Wang, Zhengyang Wu, Hao Zhang, Kuan Fang, Yuxuan Liang, Yansong Wu, Roger Zimmermann and Yang Wang',
    title:
      'Modeling Spatio-temporal Dynamical Systems with Neural Discrete Learning and Levels-of-Experts',
    year: 2024,
    arxiv: '2402.05970',
  },
  schema: physicnetSchema,
  presets: PHYSICNET_PRESETS,
  defaultPreset: 'small',
  groups: physicnetGroups,
  parameterCount: (config, channels) => physicnetParameterCount(config, channels),
  configProblem: physicnetConfigProblem,
  facts: physicnetFacts,
  capabilities: ['forecast'],
  metrics: [
    { id: 'testMse', label: 'Forecast MSE, all steps', chart: 'loss' },
    { id: 'relL2', label: 'Forecast relative L2 error', chart: 'relL2' },
    { id: 'ssim', label: 'Forecast SSIM (1 is perfect)' },
    { id: 'perplexity', label: 'Codebook perplexity', chart: 'curves' },
    { id: 'deadCodes', label: 'Dead codes (share of the codebook)', chart: 'curves' },
    { id: 'flowEndPointError', label: 'Flow end-point error (cells per frame)', chart: 'curves' },
  ],
  metricsNote: {
    text:
      'Validation trajectories’ first windows, forecast with the crops tiled: the error of every ' +
      'forecast step, how many codes the inputs use, and, where the data carry their true ' +
      'velocity, how far the estimated flow is from it.',
    details:
      'Relative L2 = ‖forecast − truth‖ / ‖truth‖; perplexity = exp(−Σ p log p) over code use; end-point error = mean |estimated − true displacement| per latent cell.',
  },
  lossLabel: 'forecast MSE + λ_loc·local MSE + VQ + reconstruction',
  snapshotKind: 'experts',
  runLabel: 'PhysicNet-style',
  defaultDataset: {
    description:
      'Build PhysicNet’s data: Gaussian blobs carried by a smooth random swirl whose velocity is known (peak speed 1), 16 trajectories of 20 frames on a 32 × 32 grid, simulated on this computer and saved in this browser.',
    withPretrained:
      'A pretrained PhysicNet-style model, trained on such blobs, ships with the lab: once they are built, it forecasts them straight away.',
    equations: ['swirl'],
    initial: 'gaussian-blobs',
    n: 32,
    count: 16,
    frames: 20,
    params: { speed: 1 },
  },
  settingsAddedLater: PHYSICNET_SETTINGS_ADDED_LATER,
};
