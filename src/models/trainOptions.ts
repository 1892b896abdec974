/**
 * How to train any model: the Train panel's settings (URL keys `tr.…`), the training job's options
 * and what every run record keeps, declared once. Defaults follow the MAE recipe study (README,
 * "The training recipe"): 3000 steps of 16 windows, OneCycle to a peak of 1e-2 (at MAE-PDE's 1e-3
 * the classroom-sized model stays on the "predict the mean" plateau), AdamW weight decay 0.01 and
 * clipping at 1. What only one model uses (MAE's shift augmentation) lives in its own config.
 */
import { defaults, defineSchema, type Param, type SchemaValues } from '../schema/params';

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
      { value: 'constant', label: 'Constant (as DINo)' },
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
    help: 'How often the picture of the model at work on fixed validation samples is redrawn.',
  },
});

export type TrainOptions = SchemaValues<typeof trainSchema>;
export type TrainSchedule = TrainOptions['schedule'];

/**
 * The options of a stored run, upgraded: settings added since it was written take their defaults
 * and settings since removed are dropped. Values are checked for their type only: a record keeps
 * what it was trained with (the shipped model's run says "never" with 0 for validateEvery).
 */
export function readTrainOptions(stored: Readonly<Record<string, unknown>>): TrainOptions {
  const options: Record<string, unknown> = { ...defaults(trainSchema) };
  for (const [name, param] of Object.entries(trainSchema) as [string, Param][]) {
    const value = stored[name];
    if (value === undefined) continue;
    const fits =
      param.kind === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : param.kind === 'boolean'
          ? typeof value === 'boolean'
          : param.options.some((o) => o.value === value);
    if (!fits) throw new Error(`"options.${name}" is not a valid ${param.label.toLowerCase()}`);
    options[name] = value;
  }
  return options as TrainOptions;
}
