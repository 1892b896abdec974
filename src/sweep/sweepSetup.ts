/**
 * A sweep as the user sets it up (parameters with their values or ranges, strategy, seed and
 * budget, all as typed) turned into its runs, or into every problem with it in words. The steps
 * per run are checked as the Steps setting is; a grid's run count is the product of its values.
 */
import { trainSchema, type TrainOptions } from '../models/trainOptions';
import { parseText, type Schema } from '../schema/params';
import { gridPlan, randomPlan, type Assignment } from './plan';
import {
  parseDimension,
  sweepableParams,
  type SweepDimension,
  type SweepParamInput,
  type SweepStrategy,
} from './sweepParams';

export interface SweepDraft {
  name: string;
  inputs: SweepParamInput[];
  strategy: SweepStrategy;
  seed: string;
  stepsPerRun: string;
  /** Runs of a random search (a grid's count follows from its values). */
  runs: string;
}

export const EMPTY_DRAFT: SweepDraft = {
  name: '',
  inputs: [],
  strategy: 'grid',
  seed: '0',
  stepsPerRun: '200',
  runs: '8',
};

export type SweepSetup =
  | {
      ok: true;
      name: string;
      dimensions: SweepDimension[];
      runs: Assignment[];
      stepsPerRun: number;
    }
  | { ok: false; problems: string[] };

/** The runs this draft asks for, for a model with this config schema. */
export function sweepSetup(
  draft: SweepDraft,
  configSchema: Schema,
  modelTitle: string,
): SweepSetup {
  const problems: string[] = [];
  const params = sweepableParams(configSchema);
  const dimensions: SweepDimension[] = [];
  if (draft.inputs.length === 0) problems.push('Choose at least one parameter to sweep.');
  for (const input of draft.inputs) {
    const param = params.find((p) => p.id === input.id);
    if (!param) {
      problems.push(`“${input.id}” is not a parameter of ${modelTitle}: remove it.`);
      continue;
    }
    const parsed = parseDimension(param, input, draft.strategy);
    if (parsed.ok) dimensions.push(parsed.value);
    else problems.push(...parsed.problems);
  }
  const steps = parseText(trainSchema.steps, draft.stepsPerRun.trim());
  if (!steps.ok) problems.push(`Steps per run ${steps.reason}.`);
  let seed = 0;
  if (draft.strategy === 'random') {
    seed = Number(draft.seed.trim());
    if (!/^\d+$/.test(draft.seed.trim()) || seed > 2 ** 32 - 1) {
      problems.push('The seed must be a whole number from 0 to 4294967295.');
    }
  }
  if (problems.length) return { ok: false, problems };
  const planned =
    draft.strategy === 'grid'
      ? gridPlan(dimensions)
      : /^\d+$/.test(draft.runs.trim())
        ? randomPlan(dimensions, Number(draft.runs.trim()), seed)
        : { ok: false as const, problem: 'The number of runs must be a whole number.' };
  if (!planned.ok) return { ok: false, problems: [planned.problem] };
  const name = draft.name.trim() || `${dimensions.map((d) => d.label).join(', ')} sweep`;
  return {
    ok: true,
    name,
    dimensions,
    runs: planned.runs,
    stepsPerRun: steps.ok ? steps.value : 0,
  };
}

/**
 * Why a run with these options could not train, caught before the queue starts: OneCycle needs
 * its rise to span more than one step (the rule models/nn/training.ts enforces in the worker).
 */
export function runOptionsProblem(options: TrainOptions): string | undefined {
  if (options.schedule === 'one-cycle' && !(options.warmupFraction * options.steps > 1)) {
    return (
      `the one-cycle schedule rises over ${options.warmupFraction} of the steps, and ` +
      `${options.steps} steps leave it no room: give more steps per run, a larger warm-up ` +
      'share, or another schedule.'
    );
  }
  return undefined;
}
