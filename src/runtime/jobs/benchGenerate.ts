/**
 * Generation throughput: times `generateDataset` on the active backend for one record interval of
 * one equation (default scheme, Δt, initial condition and coefficients) and counts grid-cell
 * updates as trajectories × grid cells × solver steps (an exact propagator's jump is one step).
 * Shared by the Node bench and, through the worker, by the browser bench.
 */
import { generateDataset, type GenerateRequest } from '../../data/generate';
import { pdeSpec } from '../../pde/registry';
import { planSubsteps } from '../../pde/simulate';
import type { JobContext } from '../jobRunner';
import type { BenchGenerateParams, BenchGenerateResult } from './benchGenerateConfig';

export async function benchGenerate(
  { pde, count, n, steps }: BenchGenerateParams,
  ctx: JobContext,
): Promise<BenchGenerateResult> {
  const spec = pdeSpec(pde);
  const exact = schemeIsExact(pde, n);
  const recordInterval =
    exact || steps === undefined ? spec.defaultRecordInterval : steps * spec.defaultDt;
  const request: GenerateRequest = {
    pde,
    count,
    n,
    frames: 2,
    dt: spec.defaultDt,
    recordInterval,
    scheme: spec.defaultScheme,
    coefficients: {},
    options: {},
    initialCondition: spec.defaultInitialCondition,
    seed: 0,
    batchSize: count,
  };
  let substeps = exact ? 1 : planSubsteps(recordInterval, request.dt, Infinity).substeps;
  const message = `Timing ${count} ${pde} trajectories at ${n}²`;
  ctx.progress(0, message);
  const start = performance.now();
  await generateDataset(request, {
    progress: (f) => ctx.progress(f, message),
    yield: () => ctx.step(),
    onSubstep: (plan) => (substeps = plan.substeps),
  });
  const seconds = (performance.now() - start) / 1000;
  const cellUpdates = count * n * n * substeps;
  return {
    pde,
    scheme: spec.defaultScheme,
    exact,
    count,
    n,
    steps: substeps,
    seconds,
    cellUpdates,
    cellUpdatesPerSecond: cellUpdates / seconds,
  };
}

/** Whether the equation's default scheme jumps exactly from one record time to the next. */
function schemeIsExact(pde: BenchGenerateParams['pde'], n: number): boolean {
  const spec = pdeSpec(pde);
  const probe = spec.createSolver({
    grid: { n, length: spec.domain.length, origin: spec.domain.origin },
    scheme: spec.defaultScheme,
    batch: 1,
    coefficients: Object.fromEntries(
      Object.entries(spec.params).flatMap(([name, p]) =>
        p.kind === 'number' ? [[name, Float32Array.of(p.default)]] : [],
      ),
    ),
    options: {},
  });
  try {
    return probe.exact;
  } finally {
    probe.dispose();
  }
}
