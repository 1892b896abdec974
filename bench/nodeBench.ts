/** The same self-test in Node, on the tfjs CPU and WebAssembly backends (what the CLI uses). */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { defaults } from '../src/schema/params';
import { JobRunner } from '../src/runtime/jobRunner';
import { selfTestSchema } from '../src/runtime/selftest/config';
import { runSelfTest } from '../src/runtime/selftest/selfTest';
import { generateDataset } from '../src/data/generate';
import { PDE_SPECS } from '../src/pde/registry';
import { planSubsteps } from '../src/pde/simulate';
import { BENCH_SELF_TEST } from './browserBench';

export async function measureNodeSelfTests() {
  const results: Record<string, unknown> = {};
  for (const backend of ['cpu', 'wasm']) {
    try {
      if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not start`);
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
 * default scheme and step, one record interval. "Cell updates" are grid cells × solver steps
 * (an exact propagator's jump counts as one step).
 */
export interface GenerationFigures {
  scheme: string;
  steps: number;
  seconds: number;
  cellUpdatesPerSecond: number;
}

export async function measureNodeGeneration(): Promise<Record<string, GenerationFigures>> {
  await tf.setBackend('cpu');
  const results: Record<string, GenerationFigures> = {};
  for (const spec of Object.values(PDE_SPECS)) {
    const request = {
      pde: spec.id,
      count: 32,
      n: 64,
      frames: 2,
      dt: spec.defaultDt,
      recordInterval: spec.defaultRecordInterval,
      scheme: spec.defaultScheme,
      coefficients: {},
      options: {},
      initialCondition: spec.defaultInitialCondition,
      seed: 0,
      batchSize: 32,
    };
    const probe = spec.createSolver({
      grid: { n: 64, length: spec.domain.length, origin: spec.domain.origin },
      scheme: spec.defaultScheme,
      batch: 1,
      coefficients: Object.fromEntries(
        Object.entries(spec.params).flatMap(([name, p]) =>
          p.kind === 'number' ? [[name, Float32Array.of(p.default)]] : [],
        ),
      ),
      options: {},
    });
    const exact = probe.exact;
    probe.dispose();
    let substeps = exact ? 1 : planSubsteps(request.recordInterval, request.dt, Infinity).substeps;
    const start = performance.now();
    await generateDataset(request, { onSubstep: (plan) => (substeps = plan.substeps) });
    const seconds = (performance.now() - start) / 1000;
    results[spec.id] = {
      scheme: spec.defaultScheme,
      steps: substeps,
      seconds,
      cellUpdatesPerSecond: (32 * 64 * 64 * substeps) / seconds,
    };
  }
  return results;
}
