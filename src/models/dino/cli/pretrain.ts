/**
 * `npm run pretrain -- dino [--preset classroom] [--steps 4000] [--batch 8] [--lr 1e-2] [--seed 1]
 *   [--trajectories 64] [--grid 32]`
 * Trains the DINo the lab ships on DINo's wave setting as the Data panel builds it (Gaussian bumps,
 * 20 frames, trained on the first 10), scores it on 16 trajectories a student builds from the
 * panel's defaults (seed 0, 64², never seen in training, so also a new resolution), and writes the
 * checkpoint and its manifest to public/pretrained/, where the lab installs them from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { integer, seconds } from '../../../cli/common';
import {
  describeBackend,
  DEFAULT_NODE_BACKEND,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../../../node/backend';
import { encodeCheckpoint } from '../../nn/checkpoint';
import { PRETRAINED_MANIFEST_FORMAT } from '../../pretrained';
import { DINO_PRESETS, dinoParameterCount, type DinoPresetId } from '../config';
import { evaluateDino } from '../evaluation';
import { observationMask } from '../observation';
import { PRETRAINED_DINO_MANIFEST, type DinoPretrainedManifest } from '../pretrained';
import { trainDinoRun } from './trainRun';
import { trajectoriesOf, waveData, WAVE_FRAMES } from './waveData';

const FLAGS = {
  preset: { type: 'string', default: 'classroom' },
  steps: { type: 'string', default: '4000' },
  batch: { type: 'string', default: '8' },
  lr: { type: 'string', default: '1e-2' },
  seed: { type: 'string', default: '1' },
  trajectories: { type: 'string', default: '64' },
  grid: { type: 'string', default: '32' },
  out: { type: 'string', default: 'public/pretrained' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Train the DINo the lab ships, on wave data as the Data panel builds it.

Usage: npm run pretrain -- dino [options]

  --preset P           ${Object.keys(DINO_PRESETS).join(' | ')} (default classroom)
  --steps N            iterations (one batch each; default 4000)
  --batch B            trajectories per batch (default 8)
  --lr LR              the decoder's learning rate; codes and dynamics use the preset's ratios (1e-2)
  --trajectories N     training trajectories (default 64, seed --seed)
  --grid N             training grid side (default 32; scored at the panel's 64²)
  --seed S             seeds data, weights, batches and teacher forcing (default 1)
  --out DIR            where dino.json and its checkpoint go (default public/pretrained)
  --backend NAME       ${NODE_BACKEND_CHOICES}`;

/** Held-out trajectories, as a student builds them (seed 0, the panel's 64² grid). */
const HELD_OUT = 16;

export async function pretrain(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: FLAGS });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const presetId = values.preset as DinoPresetId;
  const preset = DINO_PRESETS[presetId];
  if (!preset)
    throw new RangeError(`--preset must be one of ${Object.keys(DINO_PRESETS).join(', ')}.`);
  const steps = integer(values.steps, 'steps', 1);
  const batchSize = integer(values.batch, 'batch', 1);
  const count = integer(values.trajectories, 'trajectories', 1);
  const grid = integer(values.grid, 'grid', 8);
  const seed = integer(values.seed, 'seed', 0);
  const peakLr = Number(values.lr);
  if (!(peakLr > 0 && peakLr < 1)) throw new RangeError('--lr must lie in (0, 1).');
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const config = preset.config;
  const started = performance.now();

  const train = await waveData(count, seed, grid);
  const heldOut = await waveData(HELD_OUT, 0);
  const parameters = dinoParameterCount(config, train.channels.length);
  console.log(
    `Training the ${preset.label.toLowerCase()} DINo (${parameters.toLocaleString('en')} parameters, ${config.trainingMode} steps) on ${count} wave trajectories at ${grid}², ${Math.round(100 * config.subsamplingRate)} % of the grid observed, for ${steps} iterations of ${batchSize}…`,
  );
  const run = await trainDinoRun({
    config,
    train,
    steps,
    batchSize,
    peakLr,
    seed,
    validateEvery: Math.max(100, Math.round(steps / 12)),
    label: 'DINo',
  });
  try {
    // Scored on the panel's grid: observed points at the same rate, drawn on that grid.
    const [, , X, Y] = heldOut.shape;
    const mask = observationMask(X, Y, config.subsamplingRate, config.maskSeed);
    const evaluation = await evaluateDino(run.model, trajectoriesOf(heldOut), { mask });
    const table = {
      inT_inS: evaluation.inTimeInSpace.relativeL2,
      inT_outS: evaluation.inTimeOutSpace.relativeL2,
      outT_inS: evaluation.outTimeInSpace.relativeL2,
      outT_outS: evaluation.outTimeOutSpace.relativeL2,
      all: evaluation.all.relativeL2,
    };
    console.log(
      `Held out (16 trajectories, 64²): relL2 In-t/In-s ${table.inT_inS.toFixed(3)}, In-t/Out-s ${table.inT_outS.toFixed(3)}, Out-t/In-s ${table.outT_inS.toFixed(3)}, Out-t/Out-s ${table.outT_outS.toFixed(3)}`,
    );
    mkdirSync(values.out, { recursive: true });
    const file = `dino-${presetId}.ckpt`;
    const bytes = encodeCheckpoint(run.checkpoint);
    writeFileSync(join(values.out, file), bytes);
    const manifest: DinoPretrainedManifest = {
      format: PRETRAINED_MANIFEST_FORMAT,
      modelId: 'dino',
      preset: presetId,
      config,
      parameters,
      channels: train.channels.length,
      checkpoint: file,
      bytes: bytes.length,
      command: `npm run pretrain -- dino ${args.join(' ')}`.trim(),
      training: {
        steps,
        batchSize,
        peakLr,
        seed,
        seconds: Math.round(run.seconds),
        backend: describeBackend(backend),
        data: `${count} wave trajectories (Gaussian bumps, seed ${seed}), ${WAVE_FRAMES} frames at ${grid}², trained on the first ${config.trainFrames}`,
      },
      heldOut: `${HELD_OUT} wave trajectories as the Data panel builds them (seed 0, 64²), ${Math.round(100 * config.subsamplingRate)} % of the points observed`,
      table,
      validations: run.validations,
      createdAt: new Date().toISOString(),
    };
    writeFileSync(
      join(values.out, PRETRAINED_DINO_MANIFEST),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    console.log(
      `Wrote ${join(values.out, file)} and ${PRETRAINED_DINO_MANIFEST} in ${seconds(performance.now() - started)}.`,
    );
  } finally {
    run.model.dispose();
  }
}
