/** A group of controls for one settings section, generated from its schema. */
import { useId, useMemo } from 'react';
import type { Schema } from '../../schema/params';
import { settingsProblems, type SettingsProblem } from '../../state/settingsChecks';
import { SETTINGS_SCHEMAS, type SettingsSection } from '../../state/settingsSchema';
import { useSettings } from '../../state/settingsStore';
import { ParamControl, type RelatedProblem } from './ParamControl';

interface SchemaFormProps {
  section: SettingsSection;
  /** Which of the section's params to show, in order (default: all). */
  only?: string[];
  disabled?: boolean;
  legend: string;
}

export function SchemaForm({ section, only, disabled, legend }: SchemaFormProps) {
  const schema: Schema = SETTINGS_SCHEMAS[section] ?? {};
  const values = useSettings((s) => s.values[section]) ?? {};
  const update = useSettings((s) => s.update);
  const names = only ?? Object.keys(schema);
  const related = useRelatedProblems(section, names);
  return (
    <fieldset className="schema-form" disabled={disabled}>
      <legend>{legend}</legend>
      {names.map((name) => {
        const param = schema[name];
        if (!param) return null;
        return (
          <ParamControl
            key={name}
            param={param}
            value={values[name]}
            onChange={(value) => update(section, { [name]: value })}
            related={related.get(name)}
          />
        );
      })}
    </fieldset>
  );
}

/**
 * The rules between settings that the shown fields break: each involved field is marked invalid
 * and described by the message, which is shown under the last of them in this form.
 */
function useRelatedProblems(
  section: string,
  shown: readonly string[],
): Map<string, RelatedProblem> {
  const id = useId();
  // A string, so the form re-renders only when its problems change, not on every setting.
  const json = useSettings((s) =>
    JSON.stringify(settingsProblems(s.values).filter((p) => p.section === section)),
  );
  return useMemo(() => {
    const related = new Map<string, RelatedProblem>();
    (JSON.parse(json) as SettingsProblem[]).forEach((problem, k) => {
      const names = problem.names.filter((name) => shown.includes(name));
      const last = names.at(-1);
      for (const name of names) {
        related.set(name, {
          id: `${id}-related-${k}`,
          ...(name === last ? { message: problem.message } : {}),
        });
      }
    });
    return related;
  }, [json, id, shown]);
}
