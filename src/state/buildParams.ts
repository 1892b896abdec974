/**
 * The dataset builder's job parameters from the Data panel's settings: one equation (the live
 * setup plus its coefficient ranges) or a weighted mix, each member with its own section's
 * numerics, initial condition and ranges.
 */
import type { CoefficientChoice, GenerateRequest } from '../data/generate';
import type { MixComponentRequest } from '../data/generateMix';
import { mixProblem } from '../data/mixCompatibility';
import { PDE_CATALOG } from '../pde/catalog';
import {
  datasetInitialCondition,
  INITIAL_CONDITIONS,
  type InitialConditionId,
} from '../pde/initial/registry';
import type { PdeId } from '../pde/types';
import type { BuildDatasetParams } from '../runtime/jobs/buildDatasetConfig';
import { liveConfigFrom } from './liveStore';
import type { Settings } from './settingsSchema';
import { rangeProblems, splitProblem, type SettingsProblem } from './settingsChecks';
import { rangeSectionId } from './simulationSchema';

interface BuildSettings {
  mode: 'single' | 'mix';
  count: number;
  frames: number;
  seed: number;
  valFraction: number;
  testFraction: number;
  batch: number;
  noise: number;
  noiseSeed: number;
}

export function buildParamsFrom(values: Settings): BuildDatasetParams {
  const build = values.build as unknown as BuildSettings;
  const [broken] = buildSettingsProblems(values);
  if (broken) throw new RangeError(broken.message);
  const live = liveConfigFrom(values);
  const split = { val: build.valFraction, test: build.testFraction };
  const noisy = Number(build.noise) > 0;
  const noise = noisy ? { noise: { sigma: build.noise, seed: build.noiseSeed } } : {};
  const size =
    `${build.count}×${build.frames} at ${live.n}², seed ${build.seed}` +
    (noisy ? `, noise ${build.noise} (seed ${build.noiseSeed})` : '');
  if (build.mode === 'mix') {
    const components = mixMembers(values).map(({ pde, weight }) => ({
      ...memberRequest(values, pde),
      weight,
    }));
    const problem = mixProblem(components);
    if (problem) throw new RangeError(problem);
    return {
      name: `Mix of ${components.length === 1 ? '1 equation' : `${components.length} equations`}, ${size}`,
      request: {
        kind: 'mix',
        mix: {
          components,
          count: build.count,
          n: live.n,
          frames: build.frames,
          seed: build.seed,
          batchSize: build.batch,
          ...noise,
        },
      },
      split,
    };
  }
  const single: GenerateRequest = {
    ...memberRequest(values, live.pde),
    count: build.count,
    n: live.n,
    frames: build.frames,
    seed: build.seed,
    batchSize: build.batch,
    ...noise,
  };
  return {
    name: `${PDE_CATALOG[live.pde].title}, ${size}`,
    request: { kind: 'single', single },
    split,
  };
}

/** The equations given a weight above 0 in the mix section. */
export function mixMembers(values: Settings): { pde: PdeId; weight: number }[] {
  const weights = values.mix ?? {};
  return (Object.keys(PDE_CATALOG) as PdeId[])
    .map((pde) => ({ pde, weight: Number(weights[pde] ?? 0) }))
    .filter((m) => m.weight > 0);
}

/** The equations the builder would simulate now: the live one, or the mix's members. */
function builtEquations(values: Settings): PdeId[] {
  const build = values.build as unknown as BuildSettings;
  return build.mode === 'mix' ? mixMembers(values).map((m) => m.pde) : [liveConfigFrom(values).pde];
}

/** The rules between settings that this build breaks: its split, its equations' ranges. */
export function buildSettingsProblems(values: Settings): SettingsProblem[] {
  const split = splitProblem(values.build ?? {});
  return [
    ...(split ? [split] : []),
    ...builtEquations(values).flatMap((pde) => rangeProblems(values, pde)),
  ];
}

/** A note on the build, and the initial condition that would address it. */
export interface BuildNote {
  text: string;
  fix?: { pde: PdeId; initial: string; label: string };
}

/** What the builder will do that the user may not expect, or why it cannot build, in words. */
export function buildWarnings(values: Settings): { problem?: string; notes: BuildNote[] } {
  const build = values.build as unknown as BuildSettings;
  const members = builtEquations(values);
  let problem = buildSettingsProblems(values)[0]?.message;
  if (!problem && build.mode === 'mix') {
    problem = mixProblem(
      members.map((pde) => ({ pde, recordInterval: liveConfigFrom(values, pde).recordInterval })),
    );
  }
  const notes = members.flatMap((pde): BuildNote[] => {
    const initial = liveConfigFrom(values, pde).initialCondition;
    const spec = INITIAL_CONDITIONS[initial as InitialConditionId];
    if (!spec || spec.usesSeed) return [];
    const random = INITIAL_CONDITIONS[datasetInitialCondition(pde)];
    return [
      {
        text:
          `${PDE_CATALOG[pde].title} starts from the “${spec.label}” preset: every trajectory ` +
          'begins from the same state, only the coefficients differ.',
        fix: { pde, initial: random.id, label: `Use ${random.label.toLowerCase()}` },
      },
    ];
  });
  return { ...(problem ? { problem } : {}), notes };
}

/** One equation's part of a request: its section's numerics and IC, coefficients from ranges. */
function memberRequest(values: Settings, pde: PdeId): Omit<MixComponentRequest, 'weight'> {
  const live = liveConfigFrom(values, pde);
  const ranges = values[rangeSectionId(pde)] ?? {};
  const coefficients: Record<string, CoefficientChoice> = {};
  const options: Record<string, string | boolean> = {};
  for (const [name, param] of Object.entries(PDE_CATALOG[pde].params)) {
    if (param.kind === 'number') {
      const low = Number(ranges[`${name}.low`]);
      const high = Number(ranges[`${name}.high`]);
      coefficients[name] = [low, high]; // buildSettingsProblems refuses low > high
    } else options[name] = live.params[name] as string | boolean;
  }
  return {
    pde,
    dt: live.dt,
    recordInterval: live.recordInterval,
    scheme: live.scheme,
    coefficients,
    options,
    initialCondition: live.initialCondition,
    initialParams: live.initialParams,
  };
}
