/**
 * `npm run pretrain -- dpot [--preset classroom] [--steps 2500] [--batch 8] [--lr 3e-3]
 *   [--seed 1] [--trajectories 64] [--validate-every 250]`
 * Trains the DPOT the lab ships on several equations at once (methods §2g): heat, advection and
 * Burgers from random sines and Navier–Stokes at ν = 1e-3 and 1e-4, as the Data panel builds
 * them, each its own window source (2 channels: Burgers' (u, v); the others padded with ones),
 * with DPOT's Adam and OneCycle (β₁ cycled too). It scores the model on data it never saw: the
 * model's default dataset as a student builds it (seed 0) and NS at each viscosity, rolled out
 * from their first frames, beside persistence; and writes the checkpoint (weights and loss
 * history, no optimizer state) and its manifest to public/pretrained/, where the lab installs
 * them from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { integer, seconds } from '../../../cli/common';
import type { TrajectoryArray } from '../../../data/trajectories';
import {
  describeBackend,
  DEFAULT_NODE_BACKEND,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../../../node/backend';
import { captureCheckpoint, encodeCheckpoint } from '../../nn/checkpoint';
import { PRETRAINED_MANIFEST_FORMAT } from '../../pretrained';
import { DPOT_MODEL_ID, DPOT_MODEL_VERSION, dpotCheckpointConfig } from '../checkpoint';
import { DPOT_PRESETS, dpotParameterCount, type DpotPresetId } from '../config';
import { dpotInfo } from '../info';
import { createDpot, type DpotModel } from '../model';
import {
  PRETRAINED_DPOT_MANIFEST,
  type DpotHeldOutScores,
  type DpotPretrainedManifest,
  type DpotRolloutScores,
  type DpotScoreTable,
} from '../pretrained';
import { dpotStep, errorHorizon, evaluateDpotRollout, type DpotStep } from '../rollout';
import { dpotSources, sourceChannels } from '../sources';
import { createDpotTrainer, dpotSchedules } from '../train';
import {
  dpotDefaultDataset,
  dpotEquationSet,
  dpotEquationSources,
  DPOT_EQUATIONS,
  DPOT_NS_RECORD_INTERVAL,
  trajectoryRange,
  type DpotEquationId,
} from './data';

const RECIPE = dpotInfo.defaultDataset;
/** What the shipped model pretrains on (methods §2g): the default dataset's equations and NS. */
const EQUATIONS: readonly DpotEquationId[] = ['heat', 'advection', 'burgers', 'ns-1e-3', 'ns-1e-4'];
const NS_EQUATIONS: readonly DpotEquationId[] = ['ns-1e-3', 'ns-1e-4'];
/** Held-out NS trajectories per viscosity (seed 0; training draws its seeds from --seed). */
const NS_HELD_OUT = 16;
/** Trajectories per equation each validation during training rolls out. */
const VALIDATION_PER_EQUATION = 4;

const FLAGS = {
  preset: { type: 'string', default: 'classroom' },
  steps: { type: 'string', default: '2500' },
  batch: { type: 'string', default: '8' },
  lr: { type: 'string', default: '3e-3' },
  seed: { type: 'string', default: '1' },
  trajectories: { type: 'string', default: '64' },
  'validate-every': { type: 'string', default: '250' },
  out: { type: 'string', default: 'public/pretrained' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Train the DPOT the lab ships, on heat, advection, Burgers and Navier–Stokes (ν = 1e-3, 1e-4).

Usage: npm run pretrain -- dpot [options]

  --preset P           ${Object.keys(DPOT_PRESETS).join(' | ')} (default classroom)
  --steps N            Adam steps (one batch each; default 2500: the shipped run took 21 min here,
                       0.34 s a step on wasm and 6 min of data)
  --batch B            windows per batch (default 8)
  --lr LR              OneCycle's peak learning rate (default 3e-3: better than DPOT's 1e-3 on
                       every held-out error after 300 steps here, 16 trajectories per equation)
  --trajectories N     training trajectories per equation (default 64, seeds from --seed)
  --seed S             seeds data, weights, batches and noise (default 1)
  --validate-every N   steps between validations on a held-out subset (default 250)
  --out DIR            where dpot.json and its checkpoint go (default public/pretrained)
  --backend NAME       ${NODE_BACKEND_CHOICES}`;

/** A held-out equation: its trajectories with their own channels. */
interface HeldOutSet {
  id: DpotEquationId;
  set: TrajectoryArray;
}

/** Rollout errors of some trajectories: the mean of each step's, and of the whole rollout's. */
interface RolloutErrors {
  perStep: number[];
  full: number;
  count: number;
}

export async function pretrain(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: FLAGS });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const presetId = values.preset as DpotPresetId;
  const preset = DPOT_PRESETS[presetId];
  if (!preset) {
    throw new RangeError(`--preset must be one of ${Object.keys(DPOT_PRESETS).join(', ')}.`);
  }
  const steps = integer(values.steps, 'steps', 1);
  const batchSize = integer(values.batch, 'batch', 1);
  const count = integer(values.trajectories, 'trajectories', 1);
  const seed = integer(values.seed, 'seed', 0);
  const validateEvery = integer(values['validate-every'], 'validate-every', 1);
  const peakLr = Number(values.lr);
  if (!(peakLr > 0 && peakLr < 1)) throw new RangeError('--lr must lie in (0, 1).');
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const config = preset.config;
  const grid = config.size;
  const frames = RECIPE.frames;
  const rolloutSteps = frames - config.inputFrames;
  const started = performance.now();

  const sources = await dpotEquationSources(EQUATIONS, { count, grid, frames, seed });
  const channels = sourceChannels(sources);
  const heldOut = await heldOutData(grid, frames);
  console.log(`Built the data in ${seconds(performance.now() - started)}.`);
  const parameters = dpotParameterCount(config, channels);
  console.log(
    `Training the ${preset.label.toLowerCase()} DPOT (${parameters.toLocaleString('en')} parameters, ${channels} channels) on ${count} trajectories each of ${EQUATIONS.map((id) => DPOT_EQUATIONS[id].label).join(', ')} at ${grid}², ${steps} steps of ${batchSize} at peak lr ${peakLr}…`,
  );

  const model = createDpot(config, { seed, channels });
  try {
    const trainer = createDpotTrainer({ model, train: sources, seed, batchSize });
    const { schedule, momentumSchedule } = dpotSchedules(steps, { maxLr: peakLr });
    const losses: number[] = [];
    const validations: Record<string, number>[] = [];
    let maxGradNorm = 0;
    const trainStarted = performance.now();
    try {
      for (let i = 0; i < steps; i++) {
        const { loss, gradNorm } = trainer.update(i, schedule(i), momentumSchedule(i));
        const [lossValue, normValue] = [(await loss.data())[0]!, (await gradNorm.data())[0]!];
        tf.dispose([loss, gradNorm]);
        if (!Number.isFinite(lossValue)) throw new Error(`The loss diverged at step ${i + 1}.`);
        losses.push(lossValue);
        maxGradNorm = Math.max(maxGradNorm, normValue);
        const step = i + 1;
        if (step % validateEvery === 0 || step === steps) {
          const table = validationTable(model, heldOut, rolloutSteps);
          validations.push({ step, ...metricsOf(table.defaultDataset) });
          const elapsed = (performance.now() - trainStarted) / 1000;
          console.log(validationLine(step, steps, losses, table, elapsed));
        }
      }
    } finally {
      trainer.dispose();
    }
    const trainSeconds = (performance.now() - trainStarted) / 1000;

    const table = scoreTable(model, heldOut, rolloutSteps);
    printTable(table);
    mkdirSync(values.out, { recursive: true });
    const file = `dpot-${presetId}.ckpt`;
    const checkpoint = await captureCheckpoint({
      modelId: DPOT_MODEL_ID,
      modelVersion: DPOT_MODEL_VERSION,
      config: dpotCheckpointConfig(model),
      step: steps,
      params: model.params,
      history: { loss: losses, validation: validations },
    });
    const bytes = encodeCheckpoint(checkpoint);
    writeFileSync(join(values.out, file), bytes);
    const manifest: DpotPretrainedManifest = {
      format: PRETRAINED_MANIFEST_FORMAT,
      modelId: 'dpot',
      preset: presetId,
      config,
      parameters,
      channels,
      checkpoint: file,
      bytes: bytes.length,
      command: `npm run pretrain -- dpot ${args.join(' ')}`.trim(),
      training: {
        steps,
        batchSize,
        peakLr,
        seed,
        seconds: Math.round(trainSeconds),
        backend: describeBackend(backend),
        data: `${count} trajectories each of heat, advection and Burgers (random sines) and Navier–Stokes at ν = 1e-3 and 1e-4 (frames every ${DPOT_NS_RECORD_INTERVAL} time units), seeds drawn from ${seed}, ${frames} frames at ${grid}²`,
        maxGradNorm,
      },
      heldOut: `${table.defaultDataset.label}, and ${NS_HELD_OUT} Navier–Stokes trajectories per viscosity (seed 0), each rolled out ${rolloutSteps} steps from its first ${config.inputFrames} frames; errors over each equation's own channels (DPOT's target mask), the persistence baseline repeats the last input frame`,
      table,
      validations,
      createdAt: new Date().toISOString(),
    };
    writeFileSync(
      join(values.out, PRETRAINED_DPOT_MANIFEST),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    console.log(
      `Wrote ${join(values.out, file)} (${(bytes.length / 1024).toFixed(0)} KiB) and ${PRETRAINED_DPOT_MANIFEST} in ${seconds(performance.now() - started)}.`,
    );
  } finally {
    model.dispose();
  }
}

/**
 * Held out: the default dataset as a student builds it (seed 0), split into its equations, then
 * NS at each viscosity.
 */
async function heldOutData(grid: number, frames: number): Promise<HeldOutSet[]> {
  const mix = await dpotDefaultDataset({ seed: 0, grid });
  // dpotSources keeps the mix's components in order, leaving out any without a trajectory.
  const present = mix.mix.components.filter((_, k) => mix.mix.index.includes(k));
  const equations = dpotSources(mix, mix.mix).map(({ set }, k) => ({
    id: present[k]!.equation as DpotEquationId,
    set,
  }));
  const ns = await Promise.all(
    NS_EQUATIONS.map(async (id) => ({
      id,
      set: await dpotEquationSet(id, { count: NS_HELD_OUT, grid, frames, seed: 0 }),
    })),
  );
  return [...equations, ...ns];
}

/** The default dataset's equations among the held-out sets. */
const inDefaultDataset = (id: DpotEquationId) =>
  (RECIPE.equations as readonly string[]).includes(id);

/** The manifest's table: every held-out equation rolled out by the model and by persistence. */
function scoreTable(
  model: DpotModel,
  heldOut: readonly HeldOutSet[],
  steps: number,
): DpotScoreTable {
  const scored = heldOut.map(({ id, set }) => ({
    id,
    model: rolloutErrors(model, dpotStep(model), set, steps),
    persistence: rolloutErrors(model, persistenceStep, set, steps),
  }));
  const held = (label: string, parts: typeof scored): DpotHeldOutScores => ({
    label,
    count: parts.reduce((n, p) => n + p.model.count, 0),
    model: combine(parts.map((p) => p.model)),
    persistence: combine(parts.map((p) => p.persistence)),
  });
  const recipe = scored.filter((p) => inDefaultDataset(p.id));
  return {
    steps,
    defaultDataset: held(
      `DPOT's default dataset as a student builds it (seed 0: ${recipe.reduce((n, p) => n + p.model.count, 0)} trajectories of heat, advection and Burgers, ${RECIPE.frames} frames at ${model.config.size}²)`,
      recipe,
    ),
    equations: Object.fromEntries(scored.map((p) => [p.id, held(DPOT_EQUATIONS[p.id].label, [p])])),
  };
}

/** A validation: the model alone on the first few trajectories of every held-out equation. */
function validationTable(model: DpotModel, heldOut: readonly HeldOutSet[], steps: number) {
  const scored = heldOut.map(({ id, set }) => {
    const few = trajectoryRange(set, 0, Math.min(VALIDATION_PER_EQUATION, set.shape[0]));
    return { id, errors: rolloutErrors(model, dpotStep(model), few, steps) };
  });
  return {
    defaultDataset: combine(scored.filter((p) => inDefaultDataset(p.id)).map((p) => p.errors)),
    equations: scored.map((p) => ({ id: p.id, scores: combine([p.errors]) })),
  };
}

/** Persistence: the next frame is the last input frame. */
const persistenceStep: DpotStep = (window) => {
  const [b, t, h, w, c] = window.shape;
  return window.slice([0, t - 1, 0, 0, 0], [b, 1, h, w, c]).reshape([b, h, w, c]);
};

/**
 * Rolls every trajectory of the set out `steps` steps from its first T_in frames with `step`,
 * read padded with ones and scored on its own channels (evaluateDpotRollout).
 */
function rolloutErrors(
  model: DpotModel,
  step: DpotStep,
  set: TrajectoryArray,
  steps: number,
): RolloutErrors {
  const { perStep, full, count } = evaluateDpotRollout(model, set, { steps }, step);
  return { perStep, full, count };
}

/** Several sets' errors as one, weighted by their trajectories, with the metrics they give. */
function combine(parts: readonly RolloutErrors[]): DpotRolloutScores {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const steps = parts[0]!.perStep.length;
  const perStep = Array.from(
    { length: steps },
    (_, k) => parts.reduce((sum, p) => sum + p.perStep[k]! * p.count, 0) / count,
  );
  return {
    oneStepL2re: perStep[0]!,
    rolloutL2re: parts.reduce((sum, p) => sum + p.full * p.count, 0) / count,
    finalStepL2re: perStep[steps - 1]!,
    horizon: errorHorizon(perStep) ?? steps,
    perStep,
  };
}

function metricsOf(scores: DpotRolloutScores): Record<string, number> {
  const { oneStepL2re, rolloutL2re, finalStepL2re, horizon } = scores;
  return { oneStepL2re, rolloutL2re, finalStepL2re, horizon };
}

/** A validation's progress line: recent loss, held-out rollout errors per set, time left. */
function validationLine(
  step: number,
  steps: number,
  losses: readonly number[],
  table: ReturnType<typeof validationTable>,
  elapsedSeconds: number,
): string {
  const recent = losses.slice(-50);
  const loss = recent.reduce((a, b) => a + b, 0) / recent.length;
  const eta = (elapsedSeconds / step) * (steps - step);
  const errors = table.equations
    .map((e) => `${e.id} ${e.scores.rolloutL2re.toFixed(3)}`)
    .join(', ');
  const all = table.defaultDataset;
  return `  DPOT step ${step}: loss ${loss.toFixed(4)}, default data one-step ${all.oneStepL2re.toFixed(3)} rollout ${all.rolloutL2re.toFixed(3)} last ${all.finalStepL2re.toFixed(3)}; rollout by equation: ${errors}; ${(elapsedSeconds / step).toFixed(2)} s/step, ${elapsedSeconds.toFixed(0)} s, ETA ${eta.toFixed(0)} s`;
}

function printTable(table: DpotScoreTable): void {
  console.log(
    `Held out, ${table.steps}-step rollouts (model | persistence): one-step, whole rollout, last step, horizon`,
  );
  for (const held of [table.defaultDataset, ...Object.values(table.equations)]) {
    const [m, p] = [held.model, held.persistence];
    const name = held === table.defaultDataset ? 'Default dataset' : held.label;
    console.log(
      `  ${name} (${held.count}): ${m.oneStepL2re.toFixed(4)} | ${p.oneStepL2re.toFixed(4)}, ${m.rolloutL2re.toFixed(4)} | ${p.rolloutL2re.toFixed(4)}, ${m.finalStepL2re.toFixed(4)} | ${p.finalStepL2re.toFixed(4)}, ${m.horizon} | ${p.horizon}`,
    );
  }
}
