/** The same self-test in Node, on the tfjs CPU and WebAssembly backends (what the CLI uses). */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { defaults } from '../src/schema/params';
import { JobRunner } from '../src/runtime/jobRunner';
import { selfTestSchema } from '../src/runtime/selftest/config';
import { runSelfTest } from '../src/runtime/selftest/selfTest';
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
