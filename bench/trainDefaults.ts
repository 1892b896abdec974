/**
 * `npx tsx bench/trainDefaults.ts [--per-group 2]`
 * Does a student's first run leave the plateau? Trains the Model panel's default preset with the
 * Train panel's default settings, as the Train job passes them (src/runtime/jobs/trainModel.ts),
 * on what the Data panel builds (every equation × initial condition, a few trajectories each)
 * and prints the held-out masked error, the step from which it stays below 0.9, and linear
 * interpolation's error on the same windows. Writes bench/results/train-defaults.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CLASSROOM_GROUPS,
  classroomCorpus,
  generateClassroomData,
} from '../src/models/mae/cli/classroomData';
import { MAE_PRESETS } from '../src/models/mae/config';
import { MODEL_CATALOG } from '../src/models/catalog';
import { createMaeTraining } from '../src/models/mae/train';
import { startNodeBackend } from '../src/node/backend';
import { defaults } from '../src/schema/params';
import { trainSchema } from '../src/models/trainOptions';

const { values } = parseArgs({ options: { 'per-group': { type: 'string', default: '2' } } });
const perGroup = Number(values['per-group']);
await startNodeBackend('wasm');
const presetId = MODEL_CATALOG.mae.defaultPreset;
const config = MAE_PRESETS[presetId].config;
const options = defaults(trainSchema);
const train = classroomCorpus(
  await generateClassroomData({ count: perGroup, seed: 2 }, 'distinct'),
  config.size,
);
const heldOut = classroomCorpus(
  await generateClassroomData({ count: 1, seed: 0 }, 'as-built', CLASSROOM_GROUPS),
  config.size,
);
const training = createMaeTraining({
  config,
  channels: 1,
  seed: options.seed,
  train: train.trajectories,
  validation: heldOut.trajectories,
  steps: options.steps,
  batchSize: options.batchSize,
  peakLr: options.peakLr,
  schedule: options.schedule,
  pctStart: options.warmupFraction,
  warmupSteps: Math.round(options.warmupFraction * options.steps),
  weightDecay: options.weightDecay,
  clipNorm: options.clipNorm > 0 ? options.clipNorm : undefined,
  validationWindows: 64,
  validateEvery: 250,
});
const curve: { step: number; relL2: number; linear: number }[] = [];
const started = performance.now();
await training.run({
  onMetrics: (m) => {
    if (!m.validation) return;
    curve.push({ step: m.step, relL2: m.validation.relL2!, linear: m.validation.relL2Linear! });
    console.log(
      `step ${m.step}: held-out masked relL2 ${m.validation.relL2!.toFixed(3)} (linear ${m.validation.relL2Linear!.toFixed(3)})`,
    );
  },
});
training.dispose();
// Left for good: the first validation from which every later one stays below 0.9.
const stays = curve.findIndex((_, i) => curve.slice(i).every((point) => point.relL2 < 0.9));
const left = stays >= 0 ? curve[stays]!.step : null;
const result = {
  preset: presetId,
  options,
  trajectories: train.trajectories.shape[0],
  seconds: Math.round((performance.now() - started) / 1000),
  leftPlateauAt: left,
  curve,
  createdAt: new Date().toISOString(),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/train-defaults.json', `${JSON.stringify(result, null, 1)}\n`);
console.log(`Left the plateau (< 0.9) at step ${left ?? 'never'}; ${result.seconds} s.`);
