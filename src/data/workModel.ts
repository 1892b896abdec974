/**
 * How much solver work a trajectory is, so that progress (and the ETA drawn from it) counts work
 * rather than trajectories: solver steps × grid cells × the scheme's relative step cost. An exact
 * scheme takes one step per record interval; an explicit one at least ⌈interval / Δt⌉ (more if
 * the state forces sub-stepping below its stability limit, which the model cannot know ahead).
 */
import { pdeSpec } from '../pde/registry';
import type { GenerateRequest } from './generate';

export type WorkRequest = Pick<
  GenerateRequest,
  'pde' | 'scheme' | 'n' | 'frames' | 'dt' | 'recordInterval'
>;

/** Solver steps per record interval that the requested Δt implies. */
export function stepsPerInterval(request: WorkRequest): number {
  if (schemeOf(request).exact) return 1;
  // The same tolerance as planSubsteps: 0.02 / 0.001 is 20 steps, not 21.
  return Math.max(1, Math.ceil(request.recordInterval / request.dt - 1e-9));
}

/** One trajectory's work, in heat-spectral-step × cell units. */
export function trajectoryWork(request: WorkRequest): number {
  const intervals = Math.max(0, request.frames - 1);
  const cost = schemeOf(request).stepCost ?? 1;
  return intervals * stepsPerInterval(request) * request.n * request.n * cost;
}

function schemeOf(request: WorkRequest) {
  const spec = pdeSpec(request.pde);
  const scheme = spec.schemes.find((s) => s.id === request.scheme);
  if (!scheme) throw new RangeError(`${spec.title} has no scheme "${request.scheme}".`);
  return scheme;
}
