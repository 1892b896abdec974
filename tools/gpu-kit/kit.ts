/**
 * The GPU check kit's one command (bundled into gpu-kit/kit.mjs by build.ts; run by run.sh):
 * starts tfjs's WebGPU backend through Dawn, measures matmul, MAE training steps, Navier–Stokes
 * solver steps and the live simulator's frame loop with the lab's own code, runs the PyTorch
 * reference when torch imports, then prints a table (stderr) and the JSON (stdout and --out).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { startNodeBackend } from '../../src/node/backend';
import { errorMessage } from '../../src/util/errorMessage';
import { measureLiveFrames } from './measure/live';
import { measureMaeStep, relativeCost } from './measure/mae';
import { measureMatmul } from './measure/matmul';
import { measureNsSteps } from './measure/ns';
import { runPythonReference } from './python';
import { formatTable } from './table';

const HELP = `PDE Lab GPU check kit: WebGPU (Dawn) speed of the lab's own workloads, next to PyTorch.

Usage: ./run.sh [--out result.json] [--quick] [--cap S] [--backend webgpu|cpu] [--no-python]

  --out FILE     also write the JSON here (default gpu-kit-result.json)
  --quick        short caps (5 s a measurement), smaller Python run: a smoke test
  --cap S        wall-clock cap of one measurement in seconds (default 30)
  --backend B    webgpu (default) or cpu, to compare on the same machine
  --no-python    skip the PyTorch reference`;

const FLAGS = {
  out: { type: 'string', default: 'gpu-kit-result.json' },
  quick: { type: 'boolean', default: false },
  cap: { type: 'string' },
  backend: { type: 'string', default: 'webgpu' },
  'no-python': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Result = Record<string, unknown>;

/** Runs one measurement, logging it; a failure is recorded and the kit goes on. */
async function step<T>(label: string, work: () => Promise<T>): Promise<T | { error: string }> {
  console.error(`… ${label}`);
  try {
    const result = await work();
    console.error(`  ${JSON.stringify(result)}`);
    return result;
  } catch (error) {
    console.error(`  failed: ${errorMessage(error)}`);
    return { error: errorMessage(error).split('\n')[0]! };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: FLAGS });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const quick = values.quick;
  const cap = values.cap ? Number(values.cap) : quick ? 5 : 30;
  if (!(cap > 0)) throw new RangeError('--cap must be a positive number of seconds.');
  const started = performance.now();
  const backend = await startNodeBackend(values.backend);
  const result: Result = {
    kit: {
      createdAt: new Date().toISOString(),
      node: process.version,
      tfjs: tf.version.tfjs,
      quick,
      capSeconds: cap,
      host: {
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
      },
    },
    backend: tf.getBackend(),
    adapter: backend.adapter ?? null,
  };

  const m1024 = await step('matmul 1024²', () => measureMatmul(1024, cap));
  const estimate4096 =
    'seconds' in m1024 ? (64 * m1024.seconds * 1000) / m1024.products : undefined;
  const m4096 = await step('matmul 4096²', () => measureMatmul(4096, cap, estimate4096));
  result.matmul = { '1024': m1024, '4096': m4096 };

  const maeOptions = { batchSize: 8, maxSteps: quick ? 2 : 10, capSeconds: cap };
  const small = await step('MAE small, batch 8', () => measureMaeStep('small', maeOptions));
  const paperEstimate =
    'msPerStep' in small ? small.msPerStep * relativeCost('paper', 'small') : undefined;
  const paper =
    paperEstimate === undefined
      ? { skipped: 'the small preset did not run' }
      : paperEstimate > 2 * cap * 1000
        ? {
            skipped: `a paper step would take about ${(paperEstimate / 1000).toFixed(0)} s (the small step × ${relativeCost('paper', 'small').toFixed(0)}, parameters × tokens), over twice the ${cap} s cap`,
          }
        : await step('MAE paper, batch 8', () => measureMaeStep('paper', maeOptions));
  result.mae = { small, paper };

  result.ns = {
    '64': await step('Navier–Stokes FNO 64², batch 32', () => measureNsSteps(64, 32, cap)),
    '256': await step('Navier–Stokes FNO 256², batch 4', () => measureNsSteps(256, 4, cap)),
  };
  result.live = {
    ns64: await step('live simulator, Navier–Stokes 64²', () => measureLiveFrames('ns', 64, cap)),
    heat64: await step('live simulator, heat 64²', () => measureLiveFrames('heat', 64, cap)),
  };
  result.python = values['no-python']
    ? { skipped: '--no-python' }
    : runPythonReference(dirname(fileURLToPath(import.meta.url)), {
        quick,
        timeoutSeconds: quick ? 300 : 1200,
      });
  result.seconds = Math.round((performance.now() - started) / 1000);
  result.tensorsAtEnd = tf.memory().numTensors;

  console.error(`\n${formatTable(result)}`);
  const json = JSON.stringify(result, null, 2);
  writeFileSync(values.out, `${json}\n`);
  console.log(json);
  console.error(`Wrote ${values.out}.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`gpu-kit: ${errorMessage(error)}`);
    process.exit(1);
  },
);
