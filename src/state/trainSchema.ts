/**
 * The Train panel's settings (URL keys `tr.…`): how long and how to train. Defaults follow the
 * recipe study (README, "The training recipe"): 3000 steps of 16 windows, OneCycle to a peak of
 * 1e-2 (at MAE-PDE's 1e-3 the classroom-sized model stays on the "predict the mean" plateau),
 * AdamW weight decay 0.01, clipping at 1 and the Fourier-shift augmentation.
 */
import { defineSchema } from '../schema/params';

export const trainSchema = defineSchema({
  steps: {
    kind: 'number',
    key: 'tr.s',
    label: 'Steps',
    min: 2,
    max: 100_000,
    default: 3000,
    integer: true,
    help: 'Optimizer updates. Without a real GPU (software WebGPU) try the tiny preset and a few hundred steps.',
  },
  batchSize: {
    kind: 'number',
    key: 'tr.b',
    label: 'Batch',
    unit: 'windows',
    min: 1,
    max: 256,
    default: 16,
    integer: true,
  },
  peakLr: {
    kind: 'number',
    key: 'tr.lr',
    label: 'Peak learning rate',
    min: 1e-5,
    max: 0.1,
    default: 1e-2,
    log: true,
  },
  schedule: {
    kind: 'choice',
    key: 'tr.sch',
    label: 'Schedule',
    options: [
      { value: 'one-cycle', label: 'One-cycle (as MAE-PDE)' },
      { value: 'warmup-cosine', label: 'Warm-up, then cosine decay' },
    ],
    default: 'one-cycle',
  },
  warmupFraction: {
    kind: 'number',
    key: 'tr.wu',
    label: 'Warm-up share',
    min: 0.01,
    max: 0.5,
    step: 0.01,
    default: 0.2,
    help: 'The share of the steps over which the learning rate rises to its peak.',
  },
  weightDecay: {
    kind: 'number',
    key: 'tr.wd',
    label: 'Weight decay',
    min: 0,
    max: 1,
    step: 0.001,
    default: 0.01,
  },
  clipNorm: {
    kind: 'number',
    key: 'tr.clip',
    label: 'Gradient clipping',
    min: 0,
    max: 100,
    step: 0.1,
    default: 1,
    help:
      'Caps how far one training step can move the weights, so a rare bad batch cannot undo ' +
      'what was learnt; 0 turns the cap off.\n\n' +
      'The largest global gradient norm: gradients with a larger norm are scaled down to it.',
  },
  augment: {
    kind: 'boolean',
    key: 'tr.aug',
    label: 'Shift augmentation',
    default: true,
    help:
      'Half of the batches are slid sideways by a random amount. A shifted simulation is still ' +
      'a valid simulation, so the model sees more varied data for free.\n\n' +
      'A random sub-grid translation (Fourier shift): a Lie point symmetry of these equations.',
  },
  seed: {
    kind: 'number',
    key: 'tr.seed',
    label: 'Seed',
    min: 0,
    max: 2 ** 31 - 1,
    default: 0,
    integer: true,
  },
  validateEvery: {
    kind: 'number',
    key: 'tr.ve',
    label: 'Validate every',
    unit: 'steps',
    min: 1,
    max: 10_000,
    default: 100,
    integer: true,
  },
  checkpointEvery: {
    kind: 'number',
    key: 'tr.ce',
    label: 'Checkpoint every',
    unit: 'steps',
    min: 1,
    max: 10_000,
    default: 250,
    integer: true,
  },
  snapshotEvery: {
    kind: 'number',
    key: 'tr.se',
    label: 'Picture every',
    unit: 'steps',
    min: 1,
    max: 10_000,
    default: 25,
    integer: true,
    help: 'How often the reconstruction of the fixed validation samples is redrawn.',
  },
});
