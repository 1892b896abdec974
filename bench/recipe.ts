/**
 * `npx tsx bench/recipe.ts [--steps 2000] [--seeds 1,2,3] [--only A,B] [--chart-only]`
 * The MAE recipe study: candidates trained on the lab's default mix (heat, advection, Burgers at
 * 16²) with the tiny architecture, each on several seeds, scored every `every` steps on held-out
 * trajectories by the honest masked-region relative L2 (the reconstruction uses only what the
 * model sees). Writes bench/results/recipe.json and the README's chart, bench/results/recipe.svg.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { asTrajectoryArray, defaultMixRequest, generateWithProgress } from '../src/cli/common';
import { MAE_PRESETS, type MaeConfig } from '../src/models/mae/config';
import { maeGeometry } from '../src/models/mae/model';
import { createMaeValidation } from '../src/models/mae/validation';
import { createWindowSource } from '../src/models/mae/windows';
import { createMaeTraining } from '../src/models/mae/train';
import { startNodeBackend } from '../src/node/backend';
import { RECIPE_CANDIDATES, type RecipeCandidate } from './recipeCandidates';
import { recipeChart } from './recipeChart';

const VALIDATION_WINDOWS = 32;

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '1500' },
    every: { type: 'string', default: '100' },
    seeds: { type: 'string', default: '1,2,3' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/results/recipe.json' },
    // Redraws the chart from the JSON (e.g. after merging runs made apart) without training.
    'chart-only': { type: 'boolean', default: false },
  },
});
await startNodeBackend('wasm');
const heldOut = asTrajectoryArray(
  await generateWithProgress('Held-out mix', defaultMixRequest(48, 0)),
);

/** The baselines on a seed's validation windows and masks (they depend on the seed only). */
function baselinesFor(seed: number) {
  const config = MAE_PRESETS.tiny.config;
  const geometry = maeGeometry(config);
  const source = createWindowSource(heldOut, config, 1);
  return createMaeValidation(source, { config, geometry }, { count: VALIDATION_WINDOWS, seed })
    .baselines;
}

if (values['chart-only']) {
  const saved = JSON.parse(readFileSync(values.out, 'utf8')) as { runs: RecipeRun[] } & Parameters<
    typeof recipeChart
  >[0];
  for (const run of saved.runs) Object.assign(run, baselinesFor(run.seed));
  const ids = new Set(saved.runs.map((run) => run.candidate));
  saved.candidates = RECIPE_CANDIDATES.filter((c) => ids.has(c.id));
  writeFileSync(values.out, `${JSON.stringify(saved, null, 1)}\n`);
  writeFileSync('bench/results/recipe.svg', recipeChart(saved));
  process.exit(0);
}
const steps = Number(values.steps);
const every = Number(values.every);
const seeds = values.seeds.split(',').map(Number);
const candidates = values.only
  ? RECIPE_CANDIDATES.filter((c) => values.only!.split(',').includes(c.id))
  : RECIPE_CANDIDATES;

const train = asTrajectoryArray(
  await generateWithProgress('Training mix', defaultMixRequest(240, 1)),
);

export interface RecipeRun {
  candidate: string;
  seed: number;
  steps: number[];
  relL2: number[];
  /** The baselines on this seed's validation windows and masks. */
  linear: number;
  nearest: number;
  seconds: number;
}
const runs: RecipeRun[] = [];
for (const candidate of candidates) {
  for (const seed of seeds) {
    const run = await trainCandidate(candidate, seed);
    runs.push(run);
    const last = run.relL2[run.relL2.length - 1]!;
    console.log(
      `${candidate.id} seed ${seed}: ${run.relL2.map((v) => v.toFixed(3)).join(' ')} → ${last.toFixed(3)} (${run.seconds} s)`,
    );
    save();
  }
}

async function trainCandidate(candidate: RecipeCandidate, seed: number): Promise<RecipeRun> {
  const config: MaeConfig = { ...MAE_PRESETS.tiny.config, ...candidate.config };
  const started = performance.now();
  const training = createMaeTraining({
    config,
    channels: 1,
    seed,
    train,
    validation: heldOut,
    steps,
    batchSize: candidate.batchSize,
    peakLr: candidate.peakLr,
    schedule: candidate.schedule,
    validateEvery: every,
    validationWindows: VALIDATION_WINDOWS,
  });
  const run: RecipeRun = {
    candidate: candidate.id,
    seed,
    steps: [],
    relL2: [],
    linear: 0,
    nearest: 0,
    seconds: 0,
  };
  await training.run({
    onMetrics: (m) => {
      if (!m.validation) return;
      run.steps.push(m.step);
      run.relL2.push(m.validation.relL2!);
      run.linear = m.validation.relL2Linear!;
      run.nearest = m.validation.relL2Nearest!;
    },
  });
  training.dispose();
  run.seconds = Math.round((performance.now() - started) / 1000);
  return run;
}

function save() {
  mkdirSync('bench/results', { recursive: true });
  const result = { steps, every, seeds, candidates, runs, createdAt: new Date().toISOString() };
  writeFileSync(values.out, `${JSON.stringify(result, null, 1)}\n`);

  writeFileSync('bench/results/recipe.svg', recipeChart(result));
}
