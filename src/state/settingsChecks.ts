/**
 * Rules between settings that no single parameter's range can express: a dataset's validation
 * and test shares must leave trajectories to train on, and a coefficient range must not run from
 * high to low. The URL codec refuses links that break them (with a notice), the Data panel shows
 * the problem next to the fields, and the builder will not build.
 */
import { PDE_CATALOG } from '../pde/catalog';
import type { PdeId } from '../pde/types';
import { splitCounts } from '../runtime/jobs/buildDatasetConfig';
import type { Settings } from './settingsSchema';
import { rangeSectionId } from './simulationSchema';

export interface SettingsProblem {
  section: string;
  /** The settings involved, in the order the form shows them. */
  names: string[];
  message: string;
}

/** Why the build section's split leaves nothing to train on; undefined when it does not. */
export function splitProblem(
  build: Readonly<Record<string, unknown>>,
): SettingsProblem | undefined {
  const val = Number(build.valFraction);
  const test = Number(build.testFraction);
  const count = Number(build.count);
  const names = ['valFraction', 'testFraction'];
  if (val + test >= 1) {
    return {
      section: 'build',
      names,
      message:
        `The validation share (${val}) and the test share (${test}) add up to ` +
        `${+(val + test).toFixed(6)}: that sets aside every trajectory and leaves none to train ` +
        'on. Make them add up to less than 1.',
    };
  }
  const counts = splitCounts(count, { val, test });
  if (Number.isSafeInteger(count) && count >= 1 && counts.train < 1) {
    return {
      section: 'build',
      names,
      message:
        `Of ${count} ${count === 1 ? 'trajectory' : 'trajectories'}, the validation share ` +
        `(${val}) and the test share (${test}) set aside ${counts.val} + ${counts.test}, which ` +
        'leaves none to train on. Lower a share or build more trajectories.',
    };
  }
  return undefined;
}

/** A coefficient range of `pde` whose “from” is above its “to”, one problem per coefficient. */
export function rangeProblems(values: Settings, pde: PdeId): SettingsProblem[] {
  const info = PDE_CATALOG[pde];
  const section = rangeSectionId(pde);
  const ranges = values[section] ?? {};
  const problems: SettingsProblem[] = [];
  for (const [name, param] of Object.entries(info.params)) {
    if (param.kind !== 'number') continue;
    const low = Number(ranges[`${name}.low`]);
    const high = Number(ranges[`${name}.high`]);
    if (!(low > high)) continue;
    problems.push({
      section,
      names: [`${name}.low`, `${name}.high`],
      message:
        `The ${info.title} range of ${param.label} goes from ${low} to ${high}: ` +
        '“from” must not be larger than “to”.',
    });
  }
  return problems;
}

/** Every broken rule in the settings, whichever equations the builder uses now. */
export function settingsProblems(values: Settings): SettingsProblem[] {
  const split = values.build ? splitProblem(values.build) : undefined;
  const ranges = (Object.keys(PDE_CATALOG) as PdeId[]).flatMap((pde) => rangeProblems(values, pde));
  return [...(split ? [split] : []), ...ranges];
}
