/**
 * `npm run pretrain -- physicnet [--preset small] [--steps 3000] [--batch 8] [--lr 1e-3]
 *   [--seed 1] [--trajectories 64] [--grid 64] [--speed S]`
 * Trains the PhysicNet-style model the lab ships on swirl data as the Data panel builds it
 * (Gaussian blobs carried by seeded random swirls, 20 frames), scores it on 16 trajectories a
 * student builds from the panel's defaults (seed 0, 64², never seen in training) beside the
 * persistence baseline, and writes the checkpoint and its manifest to public/pretrained/, where
 * the lab installs them from.
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
import { PHYSICNET_PRESETS, physicnetParameterCount, type PhysicNetPresetId } from '../config';
import { evaluatePhysicNet, swirlDisplacement } from '../evaluation';
import { persistenceScore } from '../persistence';
import {
  PRETRAINED_PHYSICNET_MANIFEST,
  type PhysicNetPretrainedManifest,
  type PhysicNetScoreTable,
} from '../pretrained';
import { trainPhysicNet } from '../trainPhysicNet';
import { firstWindows } from '../windows';
import { swirlData, swirlMeta, trajectoryRange } from './swirlData';
import { validationLine } from './trainRun';

const FLAGS = {
  preset: { type: 'string', default: 'small' },
  steps: { type: 'string', default: '3000' },
  batch: { type: 'string', default: '8' },
  lr: { type: 'string', default: '1e-3' },
  seed: { type: 'string', default: '1' },
  trajectories: { type: 'string', default: '64' },
  grid: { type: 'string', default: '64' },
  speed: { type: 'string' },
  out: { type: 'string', default: 'public/pretrained' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Train the PhysicNet-style model the lab ships, on swirl data as the Data panel builds it.

Usage: npm run pretrain -- physicnet [options]

  --preset P           ${Object.keys(PHYSICNET_PRESETS).join(' | ')} (default small)
  --steps N            Adam steps (one batch each; default 3000)
  --batch B            windows per batch (default 8)
  --lr LR              Adam's constant learning rate (default 1e-3, methods §4c)
  --trajectories N     training trajectories (default 64, seed --seed)
  --grid N             training grid side, a multiple of 16 (default 64, the panel's)
  --speed S            the swirl's peak speed (default 0.5 × 64 / grid: the blobs move as many
                       grid cells per frame as the panel's default 0.5 moves them at 64²)
  --seed S             seeds data, weights, batches and crops (default 1)
  --out DIR            where physicnet.json and its checkpoint go (default public/pretrained)
  --backend NAME       ${NODE_BACKEND_CHOICES}`;

/** Frames per trajectory, as the Data panel builds PhysicNet's data. */
const FRAMES = 20;
/** Held-out trajectories, as a student builds them (seed 0, the panel's 64² grid). */
const HELD_OUT = 16;
const HELD_OUT_GRID = 64;
/** The Data panel's default peak speed of the swirl. */
const PANEL_SPEED = 0.5;

export async function pretrain(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: FLAGS });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const presetId = values.preset as PhysicNetPresetId;
  const preset = PHYSICNET_PRESETS[presetId];
  if (!preset) {
    throw new RangeError(`--preset must be one of ${Object.keys(PHYSICNET_PRESETS).join(', ')}.`);
  }
  const steps = integer(values.steps, 'steps', 1);
  const batchSize = integer(values.batch, 'batch', 1);
  const count = integer(values.trajectories, 'trajectories', 1);
  const grid = integer(values.grid, 'grid', 16);
  const seed = integer(values.seed, 'seed', 0);
  const speed =
    values.speed === undefined ? (PANEL_SPEED * HELD_OUT_GRID) / grid : Number(values.speed);
  if (!(speed > 0 && speed <= 2))
    throw new RangeError("--speed must lie in (0, 2] (the swirl equation's range).");
  const peakLr = Number(values.lr);
  if (!(peakLr > 0 && peakLr < 1)) throw new RangeError('--lr must lie in (0, 1).');
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const config = preset.config;
  const started = performance.now();

  const train = await swirlData({ count, grid, frames: FRAMES, seed, speed });
  const heldOut = await swirlData({
    count: HELD_OUT,
    grid: HELD_OUT_GRID,
    frames: FRAMES,
    seed: 0,
  });
  const channels = train.channels.length;
  const parameters = physicnetParameterCount(config, channels);
  console.log(
    `Training the ${preset.label.toLowerCase()} PhysicNet-style model (${parameters.toLocaleString('en')} parameters) on ${count} swirl trajectories at ${grid}², ${steps} steps of ${batchSize} at lr ${peakLr}…`,
  );
  const trainStarted = performance.now();
  const run = await trainPhysicNet({
    config,
    train: trajectoryRange(train, 0, count),
    meta: swirlMeta(train, seed, count),
    steps,
    batchSize,
    peakLr,
    seed,
    validateEvery: Math.max(100, Math.round(steps / 12)),
    hooks: {
      onMetrics: (m) => {
        const elapsed = (performance.now() - trainStarted) / 1000;
        const line = validationLine('PhysicNet-style', m, steps, elapsed);
        if (line) console.log(line);
      },
    },
  });
  try {
    const set = trajectoryRange(heldOut, 0, HELD_OUT);
    const windows = firstWindows(set);
    const displacement = swirlDisplacement(swirlMeta(heldOut, 0, 0), 0);
    const evaluation = await evaluatePhysicNet(run.model, set, {
      windows,
      ...(displacement ? { trueDisplacement: displacement } : {}),
    });
    const persistence = persistenceScore(set, config, windows, channels);
    const orNull = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);
    const table: PhysicNetScoreTable = {
      testMse: evaluation.testMse,
      relL2: evaluation.relL2,
      ssim: evaluation.testSsim,
      perplexity: orNull(evaluation.perplexity),
      deadCodes: orNull(evaluation.deadCodes),
      flowEndPointError: orNull(evaluation.flowEndPointError),
      persistenceMse: persistence.testMse,
      persistenceSsim: persistence.testSsim,
    };
    console.log(
      `Held out (${HELD_OUT} trajectories, ${HELD_OUT_GRID}²): MSE ${table.testMse.toExponential(3)} (persistence ${table.persistenceMse.toExponential(3)}), SSIM ${table.ssim.toFixed(3)} (persistence ${table.persistenceSsim.toFixed(3)})` +
        (table.perplexity !== null ? `, perplexity ${table.perplexity.toFixed(1)}` : '') +
        (table.flowEndPointError !== null
          ? `, flow EPE ${table.flowEndPointError.toFixed(3)} cells per frame`
          : ''),
    );
    mkdirSync(values.out, { recursive: true });
    const file = `physicnet-${presetId}.ckpt`;
    const bytes = encodeCheckpoint(run.checkpoint);
    writeFileSync(join(values.out, file), bytes);
    const manifest: PhysicNetPretrainedManifest = {
      format: PRETRAINED_MANIFEST_FORMAT,
      modelId: 'physicnet',
      preset: presetId,
      config,
      parameters,
      channels,
      checkpoint: file,
      bytes: bytes.length,
      command: `npm run pretrain -- physicnet ${args.join(' ')}`.trim(),
      training: {
        steps,
        batchSize,
        peakLr,
        seed,
        seconds: Math.round(run.seconds),
        backend: describeBackend(backend),
        data: `${count} swirl trajectories (Gaussian blobs, seed ${seed}, peak speed ${speed}), ${FRAMES} frames at ${grid}²`,
      },
      heldOut: `${HELD_OUT} swirl trajectories as the Data panel builds them (seed 0, ${HELD_OUT_GRID}², ${FRAMES} frames), each one's first window`,
      table,
      validations: run.validations,
      createdAt: new Date().toISOString(),
    };
    writeFileSync(
      join(values.out, PRETRAINED_PHYSICNET_MANIFEST),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    console.log(
      `Wrote ${join(values.out, file)} and ${PRETRAINED_PHYSICNET_MANIFEST} in ${seconds(performance.now() - started)}.`,
    );
  } finally {
    run.model.dispose();
  }
}
