/**
 * `npm run experiment -- physicnet --profile quick|full --seed S --json out.json`: PhysicNet's
 * claim (methods §4g) on the lab's own code in Node. It builds swirl data (Gaussian blobs carried
 * by seeded random swirls whose velocity is known), trains the four arms of the ablation grid
 * with the same data, steps and seed, trains the full model once more on noisy training data,
 * scores every run and the persistence baseline on the held-out trajectories and judges the
 * claim on the numbers.
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
import { DEAD_CODE_LIMIT, ERROR_MARGIN, PERPLEXITY_SHARE, PHYSICNET_CLAIM } from '../claim';
import { runPhysicNetClaim } from '../claimExperiment';
import { PHYSICNET_CLAIM_PROFILES, type PhysicNetClaimProfileId } from '../claimProfiles';
import { physicnetParameterCount } from '../config';
import { swirlData, swirlMeta, trajectoryRange } from './swirlData';
import { validationLine } from './trainRun';

const FLAGS = {
  profile: { type: 'string', default: 'quick' },
  seed: { type: 'string', default: '1' },
  steps: { type: 'string' },
  json: { type: 'string' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const describeProfile = (id: PhysicNetClaimProfileId) => {
  const p = PHYSICNET_CLAIM_PROFILES[id];
  return `${p.data.grid}², ${p.data.train} training + ${p.data.test} held-out swirl trajectories, width ${p.config.width}, ${p.config.codes} codes, ${p.config.inputFrames} → ${p.config.outputFrames} frames, ${p.steps} steps of ${p.batch} per run`;
};

const HELP = `Train PhysicNet-style's ablation grid on swirl data and test its claim.

Usage: npm run experiment -- physicnet [--profile tiny|quick|full] [--seed S] [--json out.json]

  --profile quick   ${describeProfile('quick')}: ~12 min on a 2-core CPU (wasm)
  --profile full    ${describeProfile('full')}: for a GPU
  --profile tiny    ${describeProfile('tiny')}: seconds, proves nothing
  --seed S          seeds the data, weights, batches and crops (default 1)
  --steps N         training steps per run instead of the profile's
  --json FILE       writes every number to FILE (arms[], flowEndPointError, noise, baseline, verdict)
  --backend NAME    ${NODE_BACKEND_CHOICES}`;

export async function experiment(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: FLAGS });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const profileId = values.profile as PhysicNetClaimProfileId;
  const profile = PHYSICNET_CLAIM_PROFILES[profileId];
  if (!profile) throw new RangeError('--profile must be tiny, quick or full.');
  const seed = integer(values.seed, 'seed', 0);
  const steps = values.steps ? integer(values.steps, 'steps', 1) : profile.steps;
  const backend = await startNodeBackend(values.backend);
  console.log(`Backend: ${describeBackend(backend)}`);
  const started = performance.now();

  const { data, config } = profile;
  const dataset = await swirlData({
    count: data.train + data.test,
    grid: data.grid,
    frames: data.frames,
    seed,
    speed: data.speed,
  });
  const meta = swirlMeta(dataset, seed, data.train);
  const channels = dataset.channels.length;
  console.log(
    `PhysicNet-style (${physicnetParameterCount(config, channels).toLocaleString('en')} parameters in the full arm) on ${data.train} swirl trajectories at ${data.grid}² (peak speed ${data.speed}), ${steps} steps of ${profile.batch} per run at lr ${profile.lr}; scored on ${data.test} held-out ones. Data built in ${seconds(performance.now() - started)}.`,
  );

  const judged = await runPhysicNetClaim({
    train: trajectoryRange(dataset, 0, data.train),
    heldOut: trajectoryRange(dataset, data.train, data.test),
    meta,
    config,
    steps,
    batchSize: profile.batch,
    lr: profile.lr,
    seed,
    noiseSigma: profile.noiseSigma,
    validations: 4,
    hooks: {
      log: (line) => console.log(line),
      onMetrics: (run, m, elapsed) => {
        const line = validationLine(run, m, steps, elapsed);
        if (line) console.log(line);
      },
    },
  });
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`\n${PHYSICNET_CLAIM}\nVerdict: ${judged.verdict}.`);
  for (const check of judged.checks) console.log(`  ${check.passed ? '✓' : '✗'} ${check.text}`);
  for (const note of judged.notes) console.log(`  · ${note}`);
  console.log(`Done in ${seconds(totalSeconds * 1000)}.`);
  if (values.json) {
    const report = {
      experiment: 'physicnet',
      profile: profileId,
      seed,
      backend: describeBackend(backend),
      claim: PHYSICNET_CLAIM,
      data: `swirl (Gaussian blobs carried by a seeded random divergence-free flow, one flow seed per trajectory), as the Data panel builds it at peak speed ${data.speed}: ${data.train + data.test} trajectories of ${data.frames} frames at ${data.grid}² (seed ${seed}), the first ${data.train} for training, the last ${data.test} held out`,
      settings: {
        config,
        steps,
        batchSize: profile.batch,
        lr: profile.lr,
        schedule: 'constant',
        optimizer: 'Adam (no weight decay, no clipping)',
        noiseSigma: profile.noiseSigma,
        thresholds: {
          errorMargin: ERROR_MARGIN,
          perplexityShare: PERPLEXITY_SHARE,
          deadCodeLimit: DEAD_CODE_LIMIT,
        },
      },
      metric:
        'test MSE (data units) and SSIM per forecast step over every held-out trajectory’s non-overlapping windows; codebook perplexity and dead-code share over the held-out inputs (global level); flow end-point error of the global expert’s first forecast step against the true displacement, in grid cells per frame',
      windows: judged.windows,
      arms: judged.arms,
      flowEndPointError: judged.flowEndPointError,
      zeroFlowEndPointError: judged.zeroFlowEndPointError,
      noise: judged.noise,
      baseline: judged.baseline,
      verdict: judged.verdict,
      checks: judged.checks,
      notes: judged.notes,
      seconds: Math.round(totalSeconds),
    };
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${values.json}.`);
  }
}
