/**
 * The self-test, generation and training benches in Node, on the tfjs CPU and WebAssembly backends
 * (what the CLI uses), plus those named with `npm run bench -- --backend webgpu`.
 */
import { extraBackends, startNodeBackend } from '../src/node/backend';
import { defaults } from '../src/schema/params';
import { JobRunner } from '../src/runtime/jobRunner';
import { selfTestSchema } from '../src/runtime/selftest/config';
import { runSelfTest } from '../src/runtime/selftest/selfTest';
import { PDE_SPECS } from '../src/pde/registry';
import type { PdeId } from '../src/pde/types';
import { benchGenerate } from '../src/runtime/jobs/benchGenerate';
import { benchTrain } from '../src/runtime/jobs/benchTrain';
import { BENCH_SELF_TEST } from './browserBench';
import { capped, measureTrainingOn, TRAINING_BENCH, type BackendTraining } from './trainingBench';

const NODE_BACKENDS = ['cpu', 'wasm', ...extraBackends(process.argv, ['cpu', 'wasm'])];

export async function measureNodeSelfTests() {
  const results: Record<string, unknown> = {};
  for (const backend of NODE_BACKENDS) {
    try {
      await startNodeBackend(backend);
      const params = { ...defaults(selfTestSchema), ...BENCH_SELF_TEST };
      const result = await new JobRunner().run('bench', runSelfTest, params, () => {});
      const { losses, target, prediction, ...fit } = result.fit;
      results[backend] = { ...result, fit };
    } catch (error) {
      results[backend] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return results;
}

/**
 * Generation throughput in Node (tfjs CPU backend): 32 trajectories at 64², each equation's
 * default scheme and step, one record interval, timed by the same job the browser bench runs in
 * its worker. "Cell updates" are trajectories × grid cells × solver steps (an exact propagator's
 * jump counts as one step).
 */
export interface GenerationFigures {
  scheme: string;
  steps: number;
  seconds: number;
  cellUpdatesPerSecond: number;
}

export async function measureNodeGeneration(): Promise<Record<string, GenerationFigures>> {
  await startNodeBackend('cpu');
  const results: Record<string, GenerationFigures> = {};
  for (const pde of Object.keys(PDE_SPECS) as PdeId[]) {
    const r = await new JobRunner().run(
      'bench',
      benchGenerate,
      { pde, count: 32, n: 64 },
      () => {},
    );
    results[pde] = {
      scheme: r.scheme,
      steps: r.steps,
      seconds: r.seconds,
      cellUpdatesPerSecond: r.cellUpdatesPerSecond,
    };
  }
  return results;
}

/** MAE training speed in Node (TRAINING_BENCH's plan) on the CPU and WebAssembly backends. */
export async function measureNodeTraining(): Promise<
  Record<string, BackendTraining | { error: string }>
> {
  const results: Record<string, BackendTraining | { error: string }> = {};
  for (const backend of NODE_BACKENDS) {
    try {
      await startNodeBackend(backend);
    } catch (error) {
      results[backend] = { error: error instanceof Error ? error.message : String(error) };
      continue;
    }
    results[backend] = await measureTrainingOn('Node', backend, (params) => {
      // The job yields between steps, so a stop asked for by the cap ends it at the next one.
      const runner = new JobRunner();
      return capped(
        runner.run('bench', benchTrain, params, () => {}),
        TRAINING_BENCH.capSeconds,
        () => runner.cancel('bench'),
      );
    });
  }
  return results;
}
