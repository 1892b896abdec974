/**
 * `npm run pretrain -- physicnet [--preset small] [--steps 1500] [--batch 8] [--lr 3e-3]
 *   [--seed 1] [--trajectories 64] [--grid 32] [--speed S]`
 * Trains the PhysicNet-style model the lab ships on swirl data as the Data panel builds it
 * (Gaussian blobs carried by seeded random swirls, 20 frames), scores it on the model's default
 * dataset as a student builds it (seed 0, never seen in training) beside the persistence
 * baseline, and writes the checkpoint and its manifest to public/pretrained/, where the lab
 * installs them from.
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
import { physicnetInfo } from '../info';
import { evaluatePhysicNet, swirlDisplacement } from '../evaluation';
import { persistenceScore } from '../persistence';
import {
  PRETRAINED_PHYSICNET_MANIFEST,
  type PhysicNetPretrainedManifest,
  type PhysicNetScoreTable,
} from '../pretrained';
import { trainPhysicNet } from '../trainPhysicNet';
import { firstWindows } from '../windows';
import type { GeneratedDataset } from '../../../data/generate';
import type { PhysicNetModel } from '../model';
import { swirlData, swirlMeta, trajectoryRange } from './swirlData';
import { validationLine } from './trainRun';

/** Held out: the model's default dataset, as a student builds it (seed 0). */
const RECIPE = physicnetInfo.defaultDataset;
const RECIPE_SPEED = RECIPE.params?.speed ?? 0.5;
const FRAMES = RECIPE.frames;

const FLAGS = {
  preset: { type: 'string', default: 'small' },
  steps: { type: 'string', default: '1500' },
  batch: { type: 'string', default: '8' },
  lr: { type: 'string', default: '3e-3' },
  seed: { type: 'string', default: '1' },
  trajectories: { type: 'string', default: '64' },
  grid: { type: 'string', default: String(RECIPE.n) },
  speed: { type: 'string' },
  out: { type: 'string', default: 'public/pretrained' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Train the PhysicNet-style model the lab ships, on swirl data as the Data panel builds it.

Usage: npm run pretrain -- physicnet [options]

  --preset P           ${Object.keys(PHYSICNET_PRESETS).join(' | ')} (default small)
  --steps N            Adam steps (one batch each; default 1500)
  --batch B            windows per batch (default 8)
  --lr LR              Adam's constant learning rate (default 3e-3: better than methods §4c's
                       1e-3 and than 1e-2 in 300-step runs here)
  --trajectories N     training trajectories (default 64, seed --seed)
  --grid N             training grid side, a multiple of 16 (default ${RECIPE.n}, the model's default dataset's)
  --speed S            the swirl's peak speed (default ${RECIPE_SPEED} × ${RECIPE.n} / grid: the blobs move as many
                       grid cells per frame as in the model's default dataset)
  --seed S             seeds data, weights, batches and crops (default 1)
  --out DIR            where physicnet.json and its checkpoint go (default public/pretrained)
  --backend NAME       ${NODE_BACKEND_CHOICES}`;

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
    values.speed === undefined ? (RECIPE_SPEED * RECIPE.n) / grid : Number(values.speed);
  if (!(speed > 0 && speed <= 2))
    throw new RangeError("--speed must lie in (0, 2] (the swirl equation's range).");
  const peakLr = Number(values.lr);
  if (!(peakLr > 0 && peakLr < 1)) throw new RangeError('--lr must lie in (0, 1).');
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const config = preset.config;
  const started = performance.now();

  const train = await swirlData({ count, grid, frames: FRAMES, seed, speed });
  const heldOut = await heldOutData();
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
    const table = await heldOutTable(run.model, heldOut);
    console.log(
      `Held out (${RECIPE.count} trajectories, ${RECIPE.n}²): MSE ${table.testMse.toExponential(3)} (persistence ${table.persistenceMse.toExponential(3)}), SSIM ${table.ssim.toFixed(3)} (persistence ${table.persistenceSsim.toFixed(3)})` +
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
      heldOut: `${RECIPE.count} swirl trajectories as the model's default dataset builds them (seed 0, ${RECIPE.n}², peak speed ${RECIPE_SPEED}, ${FRAMES} frames), each one's first window`,
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

/** The model's default dataset as a student builds it (seed 0). */
export function heldOutData(): Promise<GeneratedDataset> {
  return swirlData({
    count: RECIPE.count,
    grid: RECIPE.n,
    frames: FRAMES,
    seed: 0,
    speed: RECIPE_SPEED,
  });
}

/** The manifest's table: each held-out trajectory's first window, beside persistence. */
export async function heldOutTable(
  model: PhysicNetModel,
  heldOut: GeneratedDataset,
): Promise<PhysicNetScoreTable> {
  const set = trajectoryRange(heldOut, 0, RECIPE.count);
  const windows = firstWindows(set);
  const displacement = swirlDisplacement(swirlMeta(heldOut, 0, 0), 0);
  const evaluation = await evaluatePhysicNet(model, set, {
    windows,
    ...(displacement ? { trueDisplacement: displacement } : {}),
  });
  const persistence = persistenceScore(set, model.config, windows, model.channels);
  const orNull = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);
  return {
    testMse: evaluation.testMse,
    relL2: evaluation.relL2,
    ssim: evaluation.testSsim,
    perplexity: orNull(evaluation.perplexity),
    deadCodes: orNull(evaluation.deadCodes),
    flowEndPointError: orNull(evaluation.flowEndPointError),
    persistenceMse: persistence.testMse,
    persistenceSsim: persistence.testSsim,
  };
}
