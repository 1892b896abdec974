/**
 * `npm run pretrain -- mae [--preset classroom] [--steps 12000] [--batch 16] [--lr 3e-3] [--seed 1]`
 * Pretrains the MAE in Node on the lab's own solvers and training code, on every equation ×
 * initial condition the Data panel offers, then scores it per group on exactly what a student
 * builds from the panel's defaults (seed 0, never seen in training), and writes the checkpoint
 * and its manifest to public/pretrained/, where the lab loads them from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeCheckpoint } from '../../nn/checkpoint';
import { MAE_PRESETS, maeParameterCount, type MaePresetId } from '../config';
import { maeErrorsByGroup, type GroupErrors } from '../evaluation';
import {
  PRETRAINED_DIRECTORY,
  PRETRAINED_MAE_MANIFEST,
  PRETRAINED_MANIFEST_FORMAT,
  PRETRAIN_SCHEDULE,
  type PretrainedErrors,
  type PretrainedGroupErrors,
  type PretrainedManifest,
} from '../pretrained';
import { createMaeTraining } from '../train';
import {
  DEFAULT_NODE_BACKEND,
  describeBackend,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../../../node/backend';
import {
  CLASSROOM_GROUPS,
  classroomCorpus,
  classroomRequest,
  generateClassroomData,
  type ClassroomSeeding,
} from './classroomData';
import { integer, seconds } from '../../../cli/common';

const FLAGS = {
  preset: { type: 'string', default: 'classroom' },
  steps: { type: 'string', default: '12000' },
  batch: { type: 'string', default: '16' },
  lr: { type: 'string', default: '3e-3' },
  'per-group': { type: 'string', default: '12' },
  'held-out': { type: 'string' },
  seed: { type: 'string', default: '1' },
  'eval-windows': { type: 'string', default: '32' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  out: { type: 'string', default: join('public', PRETRAINED_DIRECTORY) },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Pretrain a model on what the Data panel offers and ship it with the lab.

Usage: npm run pretrain -- mae [options]

Options:
  --preset ID          tiny | classroom | small | paper (default classroom: the largest that
                       trains on a 2-core CPU in about two hours; see README)
  --steps N            optimizer steps (default 12000)
  --batch B            windows per step (default 16)
  --lr X               OneCycle's peak learning rate (default 3e-3)
  --per-group N        training trajectories per equation × initial condition (default 12;
                       ${CLASSROOM_GROUPS.length} groups, each from the Data panel's defaults)
  --held-out N         scored trajectories per group (default: the Data panel's count)
  --seed S             seeds the training data, the weights, batches and masks (default 1;
                       the scores use seed 0, the Data panel's default, never trained on)
  --eval-windows W     scored windows per group (default 32)
  --backend NAME       ${NODE_BACKEND_CHOICES}
  --out DIR            where mae.json and its checkpoint go (default public/pretrained)
`;

/** Every group from the Data panel's defaults, printing progress on one line. */
async function classroomData(
  what: string,
  count: number | undefined,
  seed: number,
  seeding: ClassroomSeeding,
) {
  const datasets = await generateClassroomData(
    { count, seed },
    seeding,
    CLASSROOM_GROUPS,
    (done, total, group) => {
      process.stdout.write(
        `\r${what}: ${done}/${total} groups (${group.equation}, ${group.initial})        `,
      );
    },
  );
  process.stdout.write('\n');
  return datasets;
}

export async function pretrain(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: FLAGS });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const presetId = values.preset as MaePresetId;
  const preset = MAE_PRESETS[presetId];
  if (!preset)
    throw new RangeError(`--preset must be one of ${Object.keys(MAE_PRESETS).join(', ')}.`);
  const steps = integer(values.steps, 'steps', 10);
  const batchSize = integer(values.batch, 'batch', 1);
  const perGroup = integer(values['per-group'], 'per-group', 1);
  const seed = integer(values.seed, 'seed', 1);
  const heldOutCount =
    values['held-out'] === undefined ? undefined : integer(values['held-out'], 'held-out', 1);
  const evalWindows = integer(values['eval-windows'], 'eval-windows', 1);
  const peakLr = Number(values.lr);
  if (!(peakLr > 0 && peakLr < 1)) throw new RangeError('--lr must lie in (0, 1).');
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const config = preset.config;
  const started = performance.now();

  const train = classroomCorpus(
    await classroomData(`Training data, ${perGroup} per group`, perGroup, seed, 'distinct'),
    config.size,
  );
  const heldOut = classroomCorpus(
    await classroomData('What a student builds (held out)', heldOutCount, 0, 'as-built'),
    config.size,
  );
  const sample = classroomRequest(CLASSROOM_GROUPS[0]!, { seed: 0, count: heldOutCount });

  const training = createMaeTraining({
    config,
    channels: 1,
    seed,
    train: train.trajectories,
    validation: heldOut.trajectories,
    steps,
    batchSize,
    peakLr,
    ...PRETRAIN_SCHEDULE,
    validateEvery: Math.max(50, Math.round(steps / 24)),
    validationWindows: 64,
  });
  const trainStarted = performance.now();
  console.log(
    `Training the ${preset.label.toLowerCase()} MAE (${maeParameterCount(config).toLocaleString('en')} parameters) for ${steps} steps of ${batchSize} on ${values.backend}…`,
  );
  await training.run({
    onMetrics: (m) => {
      if (m.validation) {
        const v = m.validation;
        console.log(
          `  step ${m.step}: held-out masked relL2 ${v.relL2!.toFixed(3)} (linear ${v.relL2Linear!.toFixed(3)}, nearest ${v.relL2Nearest!.toFixed(3)})`,
        );
      }
      if (m.step % 100 === 0 || m.step === steps) {
        const elapsed = performance.now() - trainStarted;
        const eta = (elapsed / m.step) * (steps - m.step);
        console.log(
          `step ${m.step}/${steps}  loss ${m.loss.toFixed(4)}  lr ${m.lr.toExponential(2)}  ${m.stepMs.toFixed(0)} ms/step  ETA ${seconds(eta)}`,
        );
      }
    },
  });
  const trainSeconds = (performance.now() - trainStarted) / 1000;

  console.log('Scoring on what a student builds…');
  const score = (ratio: number, windowsPerGroup: number) =>
    maeErrorsByGroup(training.model, heldOut.trajectories, heldOut.groups, {
      windowsPerGroup,
      ratio,
      seed: 0,
    });
  const groups: PretrainedGroupErrors[] = (await score(config.maskRatio, evalWindows)).map(
    (row, k) => ({
      equation: heldOut.groups[k]!.equation,
      initial: heldOut.groups[k]!.initial,
      windows: row.windows,
      mae: row.relL2,
      linear: row.relL2Linear,
      nearest: row.relL2Nearest,
    }),
  );
  const errors = pooledByEquation(groups);
  const sweep = [];
  for (const ratio of [0.25, 0.5, 0.75, 0.9]) {
    sweep.push({ ratio, ...pooled(await score(ratio, Math.ceil(evalWindows / 2))) });
  }

  const checkpoint = await training.capture(steps);
  delete checkpoint.optimizer;
  const bytes = encodeCheckpoint(checkpoint);
  const name = `mae-${presetId}.ckpt`;
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, name), bytes);
  const manifest: PretrainedManifest = {
    format: PRETRAINED_MANIFEST_FORMAT,
    modelId: 'mae',
    preset: presetId,
    config,
    parameters: maeParameterCount(config),
    channels: 1,
    checkpoint: name,
    bytes: bytes.byteLength,
    command: `npm run pretrain -- mae ${args.join(' ')}`.trim(),
    training: {
      steps,
      batchSize,
      peakLr,
      seed,
      seconds: Math.round(trainSeconds),
      backend: values.backend,
      data: `${train.trajectories.shape[0]} trajectories: ${perGroup} of each of the ${CLASSROOM_GROUPS.length} equation × initial-condition pairs the Data panel offers (seeds 1000·${seed} + k), ${sample.frames} frames at ${sample.n}², resampled to ${config.size}²`,
    },
    heldOut: `what a student builds from the Data panel's defaults: ${sample.count} trajectories of each equation × initial condition (seed 0), ${sample.frames} frames at ${sample.n}²`,
    errors,
    groups,
    sweep,
    createdAt: new Date().toISOString(),
  };
  writeFileSync(
    join(values.out, PRETRAINED_MAE_MANIFEST),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  training.dispose();

  console.log(
    `\nMasked-region relative L2 on what a student builds (mask ratio ${config.maskRatio}):`,
  );
  for (const row of groups) {
    const verdict = row.mae < row.linear ? 'beats linear' : 'LOSES to linear';
    console.log(
      `  ${row.equation.padEnd(10)} ${row.initial.padEnd(16)} MAE ${row.mae.toFixed(3)}  linear ${row.linear.toFixed(3)}  nearest ${row.nearest.toFixed(3)}  ${verdict}`,
    );
  }
  for (const row of sweep) {
    console.log(
      `  ratio ${row.ratio}: MAE ${row.relL2.toFixed(3)}  linear ${row.relL2Linear.toFixed(3)}  nearest ${row.relL2Nearest.toFixed(3)}`,
    );
  }
  console.log(
    `Wrote ${join(values.out, name)} (${(bytes.byteLength / 1e6).toFixed(1)} MB) and ${PRETRAINED_MAE_MANIFEST} in ${seconds(performance.now() - started)}.`,
  );
}

/** Mean of the rows' errors, each row weighing the same. */
function pooled(rows: readonly GroupErrors[]) {
  const mean = (key: 'relL2' | 'relL2Linear' | 'relL2Nearest') =>
    rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
  return {
    relL2: mean('relL2'),
    relL2Linear: mean('relL2Linear'),
    relL2Nearest: mean('relL2Nearest'),
  };
}

/** One row per equation (its initial conditions pooled), then 'all'. */
function pooledByEquation(groups: readonly PretrainedGroupErrors[]): PretrainedErrors[] {
  const asRow = (rows: readonly PretrainedGroupErrors[], id: string): PretrainedErrors => ({
    id,
    windows: rows.reduce((sum, row) => sum + row.windows, 0),
    relL2: rows.reduce((sum, row) => sum + row.mae, 0) / rows.length,
    relL2Linear: rows.reduce((sum, row) => sum + row.linear, 0) / rows.length,
    relL2Nearest: rows.reduce((sum, row) => sum + row.nearest, 0) / rows.length,
  });
  const equations = [...new Set(groups.map((row) => row.equation))];
  return [
    ...equations.map((equation) =>
      asRow(
        groups.filter((row) => row.equation === equation),
        equation,
      ),
    ),
    asRow(groups, 'all'),
  ];
}
