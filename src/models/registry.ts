/**
 * Every model's worker-side half (tfjs), by id. Adding a model is its folder, a line in
 * ./catalog.ts and a line here; a catalog entry without its runtime does not compile.
 */
import type { ModelId } from './catalog';
import { dinoRuntime } from './dino';
import { dpotRuntime } from './dpot';
import { maeRuntime } from './mae';
import { physicnetRuntime } from './physicnet';
import type { ModelRuntime } from './runtime';

const MODEL_RUNTIMES: { readonly [Id in ModelId]: ModelRuntime } = {
  mae: maeRuntime,
  dino: dinoRuntime,
  physicnet: physicnetRuntime,
  dpot: dpotRuntime,
};

export function modelRuntime(id: string): ModelRuntime {
  const runtime = Object.hasOwn(MODEL_RUNTIMES, id) ? MODEL_RUNTIMES[id as ModelId] : undefined;
  if (!runtime) {
    const known = Object.keys(MODEL_RUNTIMES)
      .map((k) => `"${k}"`)
      .join(', ');
    throw new Error(`This lab has no model "${id}" (it knows ${known}).`);
  }
  return runtime;
}
