/**
 * `npm run experiment -- dino --profile quick|full --seed S --json out.json`: DINo's claim (methods
 * §3g) on the lab's own code in Node. It trains DINo on wave data observed at several subsampling
 * rates, scores each on held-out trajectories split In-t/Out-t × In-s/Out-s, trains the grid
 * baseline on the same sparse data, measures super-resolution (fit on a 32² subgrid, decode at
 * 64²) and judges the claim on the numbers.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { integer, seconds } from '../../../cli/common';
import {
  DEFAULT_NODE_BACKEND,
  describeBackend,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../../../node/backend';
import { DINO_CLAIM, judgeDinoClaim, type RateErrors } from '../claim';
import { DINO_PRESETS, dinoParameterCount, type DinoConfig } from '../config';
import { errorTable } from '../errorTable';
import { evaluateDino } from '../evaluation';
import { trainGridBaseline } from '../gridBaseline';
import { observationMask } from '../observation';
import { trainDinoRun } from './trainRun';
import { trajectoriesOf, waveData } from './waveData';

interface Profile {
  grid: number;
  train: number;
  test: number;
  rates: number[];
  config: DinoConfig;
  steps: number;
  batch: number;
  /** Steps of the grid baseline (batches of `batch` frame pairs). */
  baselineSteps: number;
}

const PROFILES: Record<'quick' | 'full', Profile> = {
  // About 12 minutes on a 2-core CPU with tfjs's wasm backend.
  quick: {
    grid: 32,
    train: 24,
    test: 8,
    rates: [0.05, 0.25],
    config: {
      ...DINO_PRESETS.classroom.config,
      codeDim: 16,
      decoderWidth: 32,
      dynamicsWidth: 64,
      trainingMode: 'simple',
      // Teacher forcing fades within the run: ε < 0.01 after 460 iterations.
      decayEvery: 1,
    },
    steps: 600,
    batch: 8,
    baselineSteps: 300,
  },
  // Methods §3g's browser configuration and protocol at 64²: sized for a GPU, hours on a CPU.
  full: {
    grid: 64,
    train: 64,
    test: 16,
    rates: [0.05, 0.25, 0.5, 1],
    config: DINO_PRESETS.small.config,
    steps: 6000,
    batch: 16,
    baselineSteps: 3000,
  },
};

const FLAGS = {
  profile: { type: 'string', default: 'quick' },
  seed: { type: 'string', default: '1' },
  json: { type: 'string' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Train DINo on sparse wave observations and test its claim.

Usage: npm run experiment -- dino [--profile quick|full] [--seed S] [--json out.json]

  --profile quick   32² wave, rates 5 % and 25 %, 600 simple-mode iterations each: ~12 min on a CPU
  --profile full    64², rates 5/25/50/100 %, the small preset, 6000 faithful iterations: for a GPU
  --seed S          seeds the training data, weights, batches and masks (default 1); the held-out
                    trajectories use S + 1
  --json FILE       writes every number to FILE (rates[], baseline[], superResolution, verdict)
  --backend NAME    ${NODE_BACKEND_CHOICES}`;

const round = (x: number) => Number(x.toFixed(4));

function tableRow(s: number, table: ReturnType<typeof errorTable>): RateErrors {
  return {
    s,
    inT_inS: round(table.inT_inS),
    inT_outS: round(table.inT_outS),
    outT_inS: round(table.outT_inS),
    outT_outS: round(table.outT_outS),
    all: round(table.all),
  };
}

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
  const started = performance.now();

  const train = await waveData(profile.train, seed, profile.grid);
  const test = await waveData(profile.test, seed + 1, profile.grid);
  const testTrajectories = trajectoriesOf(test);
  const [, , X, Y] = test.shape;
  const channels = train.channels.length;
  console.log(
    `DINo (${dinoParameterCount(profile.config, channels).toLocaleString('en')} parameters, ${profile.config.trainingMode} steps) on ${profile.train} wave trajectories at ${profile.grid}², ${profile.steps} iterations of ${profile.batch} per rate; scored on ${profile.test} held-out ones.`,
  );

  const rates: (RateErrors & { trainSeconds: number; finalLoss: number })[] = [];
  const baseline: (RateErrors & { trainSeconds: number })[] = [];
  let superResolution:
    { relL2: number; fitGrid: number; decodeGrid: number; s: number } | undefined;
  for (const s of profile.rates) {
    const config = { ...profile.config, subsamplingRate: s, maskSeed: seed };
    const run = await trainDinoRun({
      config,
      train,
      steps: profile.steps,
      batchSize: profile.batch,
      peakLr: 1e-2,
      seed,
      validateEvery: profile.steps,
      label: `s=${s}`,
    });
    try {
      const mask = observationMask(X, Y, s, seed);
      const evaluation = await evaluateDino(run.model, testTrajectories, { mask });
      const row = {
        s,
        inT_inS: round(evaluation.inTimeInSpace.relativeL2),
        inT_outS: round(evaluation.inTimeOutSpace.relativeL2),
        outT_inS: round(evaluation.outTimeInSpace.relativeL2),
        outT_outS: round(evaluation.outTimeOutSpace.relativeL2),
        all: round(evaluation.all.relativeL2),
        trainSeconds: Math.round(run.seconds),
        finalLoss: run.finalLoss,
      };
      rates.push(row);
      console.log(
        `DINo s=${s}: In-t/In-s ${row.inT_inS}, In-t/Out-s ${row.inT_outS}, Out-t/In-s ${row.outT_inS}, Out-t/Out-s ${row.outT_outS} (${row.trainSeconds} s)`,
      );
      if (s === 0.25 || (superResolution === undefined && s === profile.rates.at(-1))) {
        superResolution = await measureSuperResolution(run.model, seed, s, profile.test);
        console.log(
          `  super-resolution: fitted on a 32² subgrid, decoded at 64²: relL2 ${superResolution.relL2}`,
        );
      }

      const gridStarted = performance.now();
      const grid = await trainGridBaseline({
        train: trajectoriesOf(train),
        mask: run.mask,
        trainFrames: config.trainFrames,
        steps: profile.baselineSteps,
        batchSize: profile.batch,
        lr: 3e-3,
        seed,
        width: 16,
        blocks: 2,
      });
      try {
        const predicted = await grid.forecast(testTrajectories);
        const baselineRow = {
          ...tableRow(s, errorTable(predicted, test.data, test.shape, mask, config.trainFrames)),
          trainSeconds: Math.round((performance.now() - gridStarted) / 1000),
        };
        baseline.push(baselineRow);
        console.log(
          `Grid baseline s=${s}: In-t/In-s ${baselineRow.inT_inS}, In-t/Out-s ${baselineRow.inT_outS}, Out-t/In-s ${baselineRow.outT_inS}, Out-t/Out-s ${baselineRow.outT_outS}`,
        );
      } finally {
        grid.dispose();
      }
    } finally {
      run.model.dispose();
    }
  }

  const judged = judgeDinoClaim(rates, baseline);
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`\n${DINO_CLAIM}\nVerdict: ${judged.verdict}.`);
  for (const check of judged.checks) console.log(`  ${check.passed ? '✓' : '✗'} ${check.text}`);
  console.log(`Done in ${seconds(totalSeconds * 1000)}.`);
  if (values.json) {
    const report = {
      experiment: 'dino',
      profile: profileId,
      seed,
      backend: describeBackend(backend),
      claim: DINO_CLAIM,
      data: `wave, Gaussian bumps as the Data panel builds them: ${profile.train} training trajectories (seed ${seed}) and ${profile.test} held-out (seed ${seed + 1}), 20 frames at ${profile.grid}², trained on the first ${profile.config.trainFrames}`,
      config: profile.config,
      steps: profile.steps,
      batchSize: profile.batch,
      trainingMode: profile.config.trainingMode,
      metric: 'relative L2 on held-out trajectories',
      rates,
      baseline,
      superResolution,
      verdict: judged.verdict,
      checks: judged.checks,
      seconds: Math.round(totalSeconds),
    };
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${values.json}.`);
  }
}

/** Fits each held-out trajectory's first code on a 32² subgrid of a 64² grid and decodes at 64². */
async function measureSuperResolution(
  model: Parameters<typeof evaluateDino>[0],
  seed: number,
  s: number,
  count: number,
) {
  const fine = await waveData(count, seed + 1, 64);
  const subgrid = new Uint8Array(64 * 64);
  for (let i = 0; i < 64; i += 2) for (let j = 0; j < 64; j += 2) subgrid[i * 64 + j] = 1;
  const evaluation = await evaluateDino(model, trajectoriesOf(fine), {
    mask: subgrid,
    fitMask: subgrid,
  });
  return { relL2: round(evaluation.all.relativeL2), fitGrid: 32, decodeGrid: 64, s };
}
