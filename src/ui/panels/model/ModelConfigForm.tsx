/**
 * Every setting of the chosen model, generated from its schema and grouped as its catalog entry
 * says. Each change also updates the preset it leaves selected (one history entry).
 */
import { updateModelConfig, type ModelSelection } from '../../../state/modelSettings';
import { ParamControl } from '../../controls/ParamControl';

export function ModelConfigForm({ selection }: { selection: ModelSelection }) {
  const { entry, config } = selection;
  return (
    <div className="card model-config">
      <h2>Settings</h2>
      {entry.groups.map((group) => (
        <fieldset key={group.legend} className="schema-form">
          <legend>{group.legend}</legend>
          {group.params.map((name) => {
            const param = entry.schema[name];
            if (!param) return null;
            return (
              <ParamControl
                key={name}
                param={param}
                value={config[name]}
                onChange={(value) => updateModelConfig({ [name]: value })}
              />
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
