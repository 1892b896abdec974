/**
 * `npm run pretrain -- mae [--preset tiny] [--steps 30000] [--batch 16] [--lr 3e-3] [--seed 1]`
 * Pretrains the MAE in Node on the lab's own solvers and training code, then scores it on the
 * lab's default dataset (the one the Mask panel builds, never seen in training), and writes the
 * checkpoint and its manifest to public/pretrained/, where the lab loads them from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeCheckpoint } from '../models/nn/checkpoint';
import { MAE_PRESETS, maeParameterCount, type MaePresetId } from '../models/mae/config';
import { equationGroups, maeErrorsByGroup } from '../models/mae/evaluation';
import {
  PRETRAINED_DIRECTORY,
  PRETRAINED_MAE_MANIFEST,
  PRETRAINED_MANIFEST_FORMAT,
  PRETRAIN_SCHEDULE,
  type PretrainedErrors,
  type PretrainedManifest,
} from '../models/mae/pretrained';
import { createMaeTraining } from '../models/mae/train';
import { PDE_CATALOG } from '../pde/catalog';
import {
  DEFAULT_NODE_BACKEND,
  describeBackend,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../node/backend';
import { errorMessage } from '../util/errorMessage';
import {
  asTrajectoryArray,
  defaultMixRequest,
  generateWithProgress,
  integer,
  seconds,
} from './common';

const FLAGS = {
  preset: { type: 'string', default: 'tiny' },
  steps: { type: 'string', default: '30000' },
  batch: { type: 'string', default: '16' },
  lr: { type: 'string', default: '3e-3' },
  trajectories: { type: 'string', default: '480' },
  seed: { type: 'string', default: '1' },
  'eval-windows': { type: 'string', default: '64' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  out: { type: 'string', default: join('public', PRETRAINED_DIRECTORY) },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Pretrain a model on the lab's default mix and ship it with the lab.

Usage: npm run pretrain -- mae [options]

Options:
  --preset ID          tiny | small | paper (default tiny: in an hour on a 2-core CPU the
                       small preset does not yet beat interpolation; see README)
  --steps N            optimizer steps (default 30000)
  --batch B            windows per step (default 16)
  --lr X               OneCycle's peak learning rate (default 3e-3)
  --trajectories N     training trajectories of the heat/advection/Burgers mix (default 480)
  --seed S             seeds the training data, the weights, batches and masks (default 1;
                       the lab's default dataset, used for the scores, is seed 0)
  --eval-windows W     scored windows per equation (default 64)
  --backend NAME       ${NODE_BACKEND_CHOICES}; wasm runs about 7× faster
                       than cpu on this 2-core machine
  --out DIR            where mae.json and its checkpoint go (default public/pretrained)
`;

async function main() {
  const { values, positionals } = parseArgs({ options: FLAGS, allowPositionals: true });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const modelId = positionals[0];
  if (modelId !== 'mae') {
    throw new Error(
      modelId ? `No pretraining for "${modelId}" yet; only mae.` : 'Name the model: pretrain mae.',
    );
  }
  const presetId = values.preset as MaePresetId;
  const preset = MAE_PRESETS[presetId];
  if (!preset)
    throw new RangeError(`--preset must be one of ${Object.keys(MAE_PRESETS).join(', ')}.`);
  const steps = integer(values.steps, 'steps', 10);
  const batchSize = integer(values.batch, 'batch', 1);
  const count = integer(values.trajectories, 'trajectories', 3);
  const seed = integer(values.seed, 'seed', 0);
  const evalWindows = integer(values['eval-windows'], 'eval-windows', 1);
  const peakLr = Number(values.lr);
  if (!(peakLr > 0 && peakLr < 1)) throw new RangeError('--lr must lie in (0, 1).');
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const config = preset.config;
  const started = performance.now();

  const trainRequest = defaultMixRequest(count, seed);
  const train = await generateWithProgress(`Training data, ${count} trajectories`, trainRequest);
  const heldOutRequest = defaultMixRequest(48, 0);
  const heldOut = await generateWithProgress(
    'The lab’s default dataset (held out)',
    heldOutRequest,
  );

  const training = createMaeTraining({
    config,
    channels: 1,
    seed,
    train: asTrajectoryArray(train),
    validation: asTrajectoryArray(heldOut),
    steps,
    batchSize,
    peakLr,
    ...PRETRAIN_SCHEDULE,
    validateEvery: Math.max(50, Math.round(steps / 12)),
    validationWindows: 16,
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
      if (m.step % 25 === 0 || m.step === steps) {
        const elapsed = performance.now() - trainStarted;
        const eta = (elapsed / m.step) * (steps - m.step);
        console.log(
          `step ${m.step}/${steps}  loss ${m.loss.toFixed(4)}  lr ${m.lr.toExponential(2)}  ${m.stepMs.toFixed(0)} ms/step  ETA ${seconds(eta)}`,
        );
      }
    },
  });
  const trainSeconds = (performance.now() - trainStarted) / 1000;

  console.log('Scoring on the lab’s default dataset…');
  const groups = equationGroups('mix', heldOut.mix, 0, heldOut.shape[0]);
  const score = (ratio: number, windowsPerGroup: number) =>
    maeErrorsByGroup(training.model, asTrajectoryArray(heldOut), groups, {
      windowsPerGroup,
      ratio,
      seed: 0,
    });
  const pooled = (rows: PretrainedErrors[] | Awaited<ReturnType<typeof score>>) => {
    // Mean of the per-equation errors, each equation weighing the same (as the mix does).
    const mean = (key: 'relL2' | 'relL2Linear' | 'relL2Nearest') =>
      rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
    return {
      relL2: mean('relL2'),
      relL2Linear: mean('relL2Linear'),
      relL2Nearest: mean('relL2Nearest'),
    };
  };
  const perEquation = await score(config.maskRatio, evalWindows);
  const errors: PretrainedErrors[] = [
    ...perEquation.map(({ id, windows, relL2, relL2Linear, relL2Nearest }) => ({
      id,
      windows,
      relL2,
      relL2Linear,
      relL2Nearest,
    })),
    { id: 'all', windows: evalWindows * perEquation.length, ...pooled(perEquation) },
  ];
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
  const equations = trainRequest.components
    .filter((c) => c.weight > 0)
    .map((c) => PDE_CATALOG[c.pde].title);
  const manifest: PretrainedManifest = {
    format: PRETRAINED_MANIFEST_FORMAT,
    modelId: 'mae',
    preset: presetId,
    config,
    parameters: maeParameterCount(config),
    channels: 1,
    checkpoint: name,
    bytes: bytes.byteLength,
    command: `npm run pretrain -- mae ${process.argv.slice(3).join(' ')}`.trim(),
    training: {
      steps,
      batchSize,
      peakLr,
      seed,
      seconds: Math.round(trainSeconds),
      backend: values.backend,
      data: `${count} trajectories (${equations.join(', ')}; seed ${seed}), ${trainRequest.frames} frames at ${trainRequest.n}²`,
    },
    heldOut: `the lab’s default dataset: 48 trajectories (seed 0), ${heldOutRequest.frames} frames at ${heldOutRequest.n}²`,
    errors,
    sweep,
    createdAt: new Date().toISOString(),
  };
  writeFileSync(
    join(values.out, PRETRAINED_MAE_MANIFEST),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  training.dispose();

  console.log(
    '\nMasked-region relative L2 on the lab’s default dataset (mask ratio',
    `${config.maskRatio}):`,
  );
  for (const row of errors) {
    console.log(
      `  ${row.id.padEnd(10)} MAE ${row.relL2.toFixed(3)}  linear ${row.relL2Linear.toFixed(3)}  nearest ${row.relL2Nearest.toFixed(3)}`,
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

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exit(1);
});
