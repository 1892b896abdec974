/** A group of controls for one settings section, generated from its schema. */
import type { Schema } from '../../schema/params';
import { SETTINGS_SCHEMAS, type SettingsSection } from '../../state/settingsSchema';
import { useSettings } from '../../state/settingsStore';
import { ParamControl } from './ParamControl';

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
          />
        );
      })}
    </fieldset>
  );
}
