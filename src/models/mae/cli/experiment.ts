/**
 * `npm run experiment -- mae --profile quick|full --seed S --json out.json`: MAE-PDE's main
 * experiment on the lab's own code in Node. It pretrains an MAE on the default heat/advection/
 * Burgers mix, scores its masked-region error per equation against interpolation on the lab's
 * default dataset (never seen in training), then runs the three-arm coefficient regression on a
 * fresh labelled set and judges the paper's claim on the numbers.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAE_PRESETS, maeParameterCount, type MaePresetId } from '../config';
import { judgeClaim, PAPER_CLAIM } from '../downstream/claim';
import { ARM_LABELS, REGRESSION_ARMS } from '../downstream/arms';
import { regressionSet } from '../downstream/regression';
import { runRegressionExperiment, type LabelBudget } from '../downstream/regressionExperiment';
import { equationGroups, maeErrorsByGroup } from '../evaluation';
import { PRETRAIN_SCHEDULE } from '../pretrained';
import { createMaeTraining } from '../train';
import {
  DEFAULT_NODE_BACKEND,
  describeBackend,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../../../node/backend';
import {
  asTrajectoryArray,
  defaultMixRequest,
  generateWithProgress,
  integer,
  seconds,
} from '../../../cli/common';

/**
 * Frames of each labelled trajectory. The regression window keeps the model's frame count but
 * spreads it over the trajectory (regressionSet's frame stride): 4 frames 5 apart span 0.3 time
 * units of the default mix instead of 0.06, enough for heat's decay and the advection shift.
 */
const LABELLED_FRAMES = 16;

interface Profile {
  preset: MaePresetId;
  pretrainTrajectories: number;
  pretrainSteps: number;
  pretrainBatch: number;
  peakLr: number;
  /** Labelled trajectories to draw budgets from, and test trajectories. */
  pool: number;
  test: number;
  budgets: LabelBudget[];
  seeds: number;
  regressionSteps: number;
  evalWindows: number;
}

const PROFILES: Record<'quick' | 'full', Profile> = {
  // About 10 minutes on a 2-core CPU with tfjs's wasm backend.
  quick: {
    preset: 'tiny',
    pretrainTrajectories: 240,
    pretrainSteps: 6000,
    pretrainBatch: 16,
    // The recipe study's fastest reliable rate for the tiny model (README, "The training recipe").
    peakLr: 1e-2,
    pool: 192,
    test: 96,
    budgets: [32, 64, 128, 'all'],
    seeds: 3,
    regressionSteps: 300,
    evalWindows: 32,
  },
  // MAE-PDE's protocol at methods §1g's small scale: sized for a GPU, hours on a CPU.
  full: {
    preset: 'small',
    pretrainTrajectories: 1536,
    pretrainSteps: 20000,
    pretrainBatch: 32,
    peakLr: 1e-3,
    pool: 384,
    test: 192,
    budgets: [32, 64, 128, 'all'],
    seeds: 3,
    regressionSteps: 500,
    evalWindows: 64,
  },
};

const FLAGS = {
  profile: { type: 'string', default: 'quick' },
  seed: { type: 'string', default: '1' },
  json: { type: 'string' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Pretrain an MAE and test MAE-PDE's claim on coefficient regression.

Usage: npm run experiment -- mae [--profile quick|full] [--seed S] [--json out.json]

  --profile quick   tiny MAE, 6,000 pretraining steps, 36 regression models: ~10 min on a CPU
  --profile full    small MAE, 20,000 steps of 32, 500-step regression: for a GPU machine
  --seed S          seeds the pretraining data, weights and batches (default 1); the labelled
                    set uses S + 1, the scores the lab's default dataset (seed 0)
  --json FILE       writes every metric to FILE
  --backend NAME    ${NODE_BACKEND_CHOICES}`;

export async function experiment(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: FLAGS });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const profileId = values.profile as keyof typeof PROFILES;
  const profile = PROFILES[profileId];
  if (!profile) throw new RangeError('--profile must be quick or full.');
  const seed = integer(values.seed, 'seed', 0);
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const config = MAE_PRESETS[profile.preset].config;
  const started = performance.now();
  const clock = () => performance.now();

  // 1. Data: pretraining mix, the lab's default dataset (held out), a labelled set.
  const pretrainData = await generateWithProgress(
    `Pretraining data, ${profile.pretrainTrajectories} trajectories`,
    defaultMixRequest(profile.pretrainTrajectories, seed),
  );
  const heldOut = await generateWithProgress(
    'The lab’s default dataset (held out)',
    defaultMixRequest(48, 0),
  );
  const labelled = await generateWithProgress(
    `Labelled set, ${profile.pool} + ${profile.test} trajectories`,
    defaultMixRequest(profile.pool + profile.test, seed + 1, LABELLED_FRAMES),
  );
  const dataSeconds = (clock() - started) / 1000;

  // 2. Pretraining.
  const training = createMaeTraining({
    config,
    channels: 1,
    seed,
    train: asTrajectoryArray(pretrainData),
    validation: asTrajectoryArray(heldOut),
    steps: profile.pretrainSteps,
    batchSize: profile.pretrainBatch,
    peakLr: profile.peakLr,
    ...PRETRAIN_SCHEDULE,
    validateEvery: Math.max(100, Math.round(profile.pretrainSteps / 8)),
    validationWindows: 16,
  });
  console.log(
    `Pretraining the ${profile.preset} MAE (${maeParameterCount(config).toLocaleString('en')} parameters): ${profile.pretrainSteps} steps of ${profile.pretrainBatch}…`,
  );
  const pretrainStarted = clock();
  let finalLoss = NaN;
  await training.run({
    onMetrics: (m) => {
      finalLoss = m.loss;
      if (m.validation) {
        const elapsed = clock() - pretrainStarted;
        console.log(
          `  step ${m.step}: loss ${m.loss.toFixed(4)}, held-out masked relL2 ${m.validation.relL2!.toFixed(3)} (linear ${m.validation.relL2Linear!.toFixed(3)}), ETA ${seconds((elapsed / m.step) * (profile.pretrainSteps - m.step))}`,
        );
      }
    },
  });
  const pretrainSeconds = (clock() - pretrainStarted) / 1000;
  const model = training.model;

  // 3. Masked-region error per equation on the held-out default dataset.
  const groups = equationGroups('mix', heldOut.mix, 0, heldOut.shape[0]);
  const perEquation = await maeErrorsByGroup(model, asTrajectoryArray(heldOut), groups, {
    windowsPerGroup: profile.evalWindows,
    seed: 0,
  });
  const mean = (key: 'relL2' | 'relL2Linear' | 'relL2Nearest') =>
    perEquation.reduce((sum, row) => sum + row[key], 0) / perEquation.length;
  const maskedError = [
    ...perEquation.map(({ id, relL2, relL2Linear, relL2Nearest }) => ({
      id,
      relL2,
      relL2Linear,
      relL2Nearest,
    })),
    {
      id: 'mean',
      relL2: mean('relL2'),
      relL2Linear: mean('relL2Linear'),
      relL2Nearest: mean('relL2Nearest'),
    },
  ];
  console.log(
    `\nMasked-region relative L2 at mask ratio ${config.maskRatio} (lab’s default dataset):`,
  );
  for (const row of maskedError) {
    console.log(
      `  ${row.id.padEnd(10)} MAE ${row.relL2.toFixed(3)}  linear ${row.relL2Linear.toFixed(3)}  nearest ${row.relL2Nearest.toFixed(3)}`,
    );
  }

  // 4. The three-arm regression.
  const regressionStarted = clock();
  const set = regressionSet(model, asTrajectoryArray(labelled), {
    equation: 'mix',
    coefficients: labelled.coefficients,
    mix: labelled.mix,
  });
  const pool = Array.from({ length: profile.pool }, (_, i) => i);
  const test = Array.from({ length: profile.test }, (_, i) => profile.pool + i);
  console.log(
    `\nRegression windows: ${config.frames} frames, ${set.frameStride} apart (frames 0…${(config.frames - 1) * set.frameStride} of ${labelled.shape[1]}).`,
  );
  console.log(
    `Regression: ${REGRESSION_ARMS.length} arms × budgets ${profile.budgets.join('/')} × ${profile.seeds} seeds, ${profile.regressionSteps} steps each…`,
  );
  const regression = await runRegressionExperiment(
    model,
    set,
    pool,
    test,
    {
      arms: REGRESSION_ARMS,
      budgets: profile.budgets,
      seeds: Array.from({ length: profile.seeds }, (_, i) => seed + i),
      training: {
        steps: profile.regressionSteps,
        batchSize: 16,
        lr: 1e-3,
        minLr: 1e-4,
        weightDecay: 0.01,
      },
    },
    {
      onRun: (run) =>
        console.log(
          `  ${run.arm.padEnd(9)} ${String(run.labels).padStart(4)} labels, seed ${run.seed}: test MSE ${run.testMse.toFixed(4)}`,
        ),
    },
  );
  const regressionSeconds = (clock() - regressionStarted) / 1000;
  const judgement = judgeClaim(regression.summary, regression.meanBaselineMse);
  training.dispose();

  console.log(
    `\nTest MSE on [0, 1]-scaled coefficients (predicting the mean: ${regression.meanBaselineMse.toFixed(4)}):`,
  );
  console.log(
    `  ${'labels'.padEnd(8)}${REGRESSION_ARMS.map((a) => ARM_LABELS[a].padEnd(26)).join('')}`,
  );
  for (const labels of regression.labelCounts) {
    const cells = REGRESSION_ARMS.map((arm) => {
      const row = regression.summary.find((s) => s.arm === arm && s.labels === labels)!;
      return `${row.mean.toFixed(4)} ± ${row.std.toFixed(4)}`.padEnd(26);
    });
    console.log(`  ${String(labels).padEnd(8)}${cells.join('')}`);
  }
  console.log(`\nClaim: ${PAPER_CLAIM}\nVerdict: ${judgement.verdict}. ${judgement.reason}`);
  const totalSeconds = (clock() - started) / 1000;
  console.log(`Done in ${seconds(totalSeconds * 1000)}.`);

  if (values.json) {
    const report = {
      command: `npm run experiment -- ${process.argv.slice(2).join(' ')}`,
      profile: profileId,
      seed,
      backend: values.backend,
      createdAt: new Date().toISOString(),
      seconds: {
        data: Math.round(dataSeconds),
        pretraining: Math.round(pretrainSeconds),
        regression: Math.round(regressionSeconds),
        total: Math.round(totalSeconds),
      },
      pretraining: {
        preset: profile.preset,
        parameters: maeParameterCount(config),
        trajectories: profile.pretrainTrajectories,
        steps: profile.pretrainSteps,
        batchSize: profile.pretrainBatch,
        peakLr: profile.peakLr,
        finalLoss,
      },
      maskedError: {
        maskRatio: config.maskRatio,
        windowsPerEquation: profile.evalWindows,
        rows: maskedError,
      },
      regression: {
        pool: profile.pool,
        test: profile.test,
        labelledSeed: seed + 1,
        steps: profile.regressionSteps,
        windowFrames: config.frames,
        frameStride: set.frameStride,
        verdict: judgement.verdict,
        meanBaselineMse: regression.meanBaselineMse,
        summary: regression.summary,
        runs: regression.runs.map(({ predictions: _predictions, ...run }) => run),
      },
      claim: { text: PAPER_CLAIM, ...judgement },
    };
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${values.json}.`);
  }
}
