import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startKernelCounter } from '../models/nn/kernelCounter';
import { PDE_SPECS } from '../pde/registry';
import { EtaEstimator } from '../runtime/jobRunner';
import { generateMix, type MixRequest } from './generateMix';
import { stepsPerInterval, trajectoryWork } from './workModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const heat = {
  pde: 'heat' as const,
  dt: 1e-3,
  recordInterval: 0.02,
  scheme: 'spectral',
  coefficients: {},
  options: {},
  initialCondition: 'random-sines',
};
const burgers = { ...heat, pde: 'burgers' as const, coefficients: { nu: 0.01 } };

/** Heat first (cheap: one exact step per record) then Burgers (20 IF-RK4 steps per record). */
const mix: MixRequest = {
  components: [
    { ...heat, weight: 1 },
    { ...burgers, weight: 1 },
  ],
  count: 12,
  n: 8,
  frames: 4,
  seed: 3,
  batchSize: 2,
};

describe('work model', () => {
  it('knows which schemes are exact, as their solvers say', () => {
    for (const spec of Object.values(PDE_SPECS)) {
      for (const scheme of spec.schemes) {
        const coefficients = Object.fromEntries(
          Object.entries(spec.params).flatMap(([name, p]) =>
            p.kind === 'number' ? [[name, Float32Array.of(p.default)]] : [],
          ),
        );
        const options = Object.fromEntries(
          Object.entries(spec.params).flatMap(([name, p]) =>
            p.kind === 'number' ? [] : [[name, p.default as string | boolean]],
          ),
        );
        const grid = { n: 8, length: spec.domain.length, origin: spec.domain.origin };
        const solver = spec.createSolver({
          grid,
          scheme: scheme.id,
          batch: 1,
          coefficients,
          options,
        });
        expect([spec.id, scheme.id, solver.exact]).toEqual([spec.id, scheme.id, !!scheme.exact]);
        solver.dispose();
      }
    }
  });

  it('counts solver steps × cells × the scheme’s step cost', () => {
    const base = { n: 8, frames: 4 };
    expect(stepsPerInterval({ ...heat, ...base })).toBe(1);
    expect(stepsPerInterval({ ...burgers, ...base })).toBe(20);
    expect(trajectoryWork({ ...heat, ...base })).toBe(3 * 1 * 64 * 1);
    expect(trajectoryWork({ ...burgers, ...base })).toBe(3 * 20 * 64 * 14);
    expect(trajectoryWork({ ...heat, scheme: 'ftcs', ...base, n: 16 })).toBe(3 * 20 * 256 * 2);
  });

  it('reports a mix’s progress as the share of work done, and the ETA after the cheap equation is sound', async () => {
    // A cost clock: every kernel run is one "millisecond", whatever this machine's speed.
    const counter = startKernelCounter();
    const now = () => counter.read().kernels;
    const eta = new EtaEstimator(now);
    const reports: { t: number; fraction: number; eta: number | null }[] = [];
    try {
      await generateMix(mix, {
        progress: (fraction) => reports.push({ t: now(), fraction, eta: eta.update(fraction) }),
      });
    } finally {
      counter.stop();
    }
    const end = now();
    const fractions = reports.map((r) => r.fraction);
    fractions.slice(1).forEach((f, i) => expect(f).toBeGreaterThanOrEqual(fractions[i]!));
    expect(fractions.at(-1)).toBe(1);

    // Heat's 6 trajectories are 6 of 12, but 6·192 of 6·192 + 6·53 760 units of work.
    const heatShare = (6 * 192) / (6 * 192 + 6 * 53_760);
    const endOfHeat = reports.findLast((r) => r.fraction <= heatShare + 1e-12)!;
    expect(endOfHeat.fraction).toBeCloseTo(heatShare, 12);
    // Its ETA is not absurdly optimistic (by trajectories it would promise about the time heat
    // took, a small fraction of the truth): within a factor of 3 of the time actually left.
    const left = end - endOfHeat.t;
    expect(endOfHeat.eta).not.toBeNull();
    expect(endOfHeat.eta! * 1000).toBeGreaterThan(left / 3);
    expect(endOfHeat.eta! * 1000).toBeLessThan(left * 3);
    // What counting trajectories would have promised here: the time heat's half took again.
    const byTrajectories = endOfHeat.t;
    expect(byTrajectories).toBeLessThan(left / 3);
  });
});
