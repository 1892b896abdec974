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
import { DINO_CLAIM } from '../claim';
import { runClaimExperiment } from '../claimExperiment';
import { CLAIM_PROFILES, type ClaimProfile } from '../claimProfiles';
import { dinoParameterCount } from '../config';
import { evaluateDino } from '../evaluation';
import { generatedMeta, validationLine } from './trainRun';
import { trajectoriesOf, waveData } from './waveData';

interface Profile extends ClaimProfile {
  grid: number;
  train: number;
  test: number;
}

const PROFILES: Record<'quick' | 'full', Profile> = {
  quick: { ...CLAIM_PROFILES.quick, grid: 32, train: 24, test: 8 },
  full: { ...CLAIM_PROFILES.full, grid: 64, train: 64, test: 16 },
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
  const channels = train.channels.length;
  console.log(
    `DINo (${dinoParameterCount(profile.config, channels).toLocaleString('en')} parameters, ${profile.config.trainingMode} steps) on ${profile.train} wave trajectories at ${profile.grid}², ${profile.steps} iterations of ${profile.batch} per rate; scored on ${profile.test} held-out ones.`,
  );

  let superResolution:
    { relL2: number; fitGrid: number; decodeGrid: number; s: number } | undefined;
  const judged = await runClaimExperiment({
    train: trajectoriesOf(train),
    heldOut: trajectoriesOf(test),
    meta: generatedMeta(train, seed),
    config: profile.config,
    rates: profile.rates,
    steps: profile.steps,
    batchSize: profile.batch,
    baselineSteps: profile.baselineSteps,
    seed,
    hooks: {
      log: (line) => console.log(line),
      onMetrics: (s, m, elapsed) => {
        const line = validationLine(`s=${s}`, m, profile.steps, elapsed);
        if (line) console.log(line);
      },
      afterRate: async (s, model) => {
        if (s === 0.25 || (superResolution === undefined && s === profile.rates.at(-1))) {
          superResolution = await measureSuperResolution(model, seed, s, profile.test);
          console.log(
            `  super-resolution: fitted on a 32² subgrid, decoded at 64²: relL2 ${superResolution.relL2}`,
          );
        }
      },
    },
  });
  const { rates, baseline } = judged;
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
