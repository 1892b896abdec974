/**
 * Kernel launches and readbacks per MAE training step, for each preset, on a Node backend
 * (default wasm): the loop as it is (loss read back every 10 steps, asynchronously) against
 * readEvery = 1, which reads as the loop did before (every step; the old loop also waited for
 * each read before the update). Counts do not depend on the batch size or on the machine.
 *
 *   npx tsx bench/dispatches.ts [--json out.json] [--backend wasm|cpu|webgpu]
 *                               [--batch 8] [--paper-batch 8] [--presets tiny,small,paper]
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { MaePresetId } from '../src/models/mae/config';
import { measureStepCounts, type StepCounts } from '../src/models/mae/stepCounts';
import { DEFAULT_READ_EVERY } from '../src/models/nn/trainLoop';
import { startNodeBackend } from '../src/node/backend';

interface Row {
  preset: MaePresetId;
  batchSize: number;
  parameterTensors: number;
  /** Kernels per step with the loop's default read policy. */
  kernelsPerStep: number;
  /** GPU programs per step (webgpu dispatches); null on the CPU backends. */
  gpuProgramsPerStep: number | null;
  readbacksPerStep: number;
  /** The same with readEvery = 1 (the previous policy's readback count). */
  before: { kernelsPerStep: number; readbacksPerStep: number };
  /** What guarding every update on the device (where(isFinite) on p, m, v) would add. */
  deviceGuardKernelsPerStep: number;
  secondsPerStep: number;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const backend = option('backend') ?? 'wasm';
  await startNodeBackend(backend);
  const batch = Number(option('batch') ?? 8);
  const paperBatch = Number(option('paper-batch') ?? batch);
  const presets = (option('presets') ?? 'tiny,small,paper').split(',') as MaePresetId[];
  const rows: Row[] = [];
  for (const preset of presets) {
    const batchSize = preset === 'paper' ? paperBatch : batch;
    const started = performance.now();
    // One read cycle: reads at its last step, as every tenth step of a long run.
    const after = await measureStepCounts(preset, { batchSize, steps: DEFAULT_READ_EVERY });
    const seconds = (performance.now() - started) / 1000 / DEFAULT_READ_EVERY;
    const before = await measureStepCounts(preset, { batchSize, steps: 2, readEvery: 1 });
    rows.push(row(preset, after, before, seconds));
    console.error(`${preset}: done (${seconds.toFixed(2)} s/step)`);
  }
  printTable(backend, rows);
  const json = option('json');
  if (json) {
    const out = { backend: tf.getBackend(), readEvery: DEFAULT_READ_EVERY, rows };
    writeFileSync(json, `${JSON.stringify(out, null, 2)}\n`);
  }
}

function row(preset: MaePresetId, after: StepCounts, before: StepCounts, seconds: number): Row {
  return {
    preset,
    batchSize: after.batchSize,
    parameterTensors: after.parameterTensors,
    kernelsPerStep: after.kernelsPerStep,
    gpuProgramsPerStep: after.gpuProgramsPerStep,
    readbacksPerStep: after.readbacksPerStep,
    before: { kernelsPerStep: before.kernelsPerStep, readbacksPerStep: before.readbacksPerStep },
    // isFinite + logicalAnd on loss and norm, then a where per parameter, first and second moment.
    deviceGuardKernelsPerStep: 3 * after.parameterTensors + 4,
    secondsPerStep: seconds,
  };
}

function printTable(backend: string, rows: Row[]) {
  const head = [
    'preset',
    'batch',
    'param tensors',
    'kernels/step',
    'GPU programs/step',
    'readbacks/step',
    'before: kernels/step',
    'before: readbacks/step',
    'device guard would add',
  ];
  const lines = rows.map((r) => [
    r.preset,
    String(r.batchSize),
    String(r.parameterTensors),
    r.kernelsPerStep.toFixed(1),
    r.gpuProgramsPerStep === null ? '–' : r.gpuProgramsPerStep.toFixed(1),
    r.readbacksPerStep.toFixed(2),
    r.before.kernelsPerStep.toFixed(1),
    r.before.readbacksPerStep.toFixed(2),
    `+${r.deviceGuardKernelsPerStep}`,
  ]);
  console.log(`Kernels and readbacks per MAE training step on ${backend}:\n`);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
