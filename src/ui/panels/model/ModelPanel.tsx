/**
 * Model: choose a network and its size, from a preset or setting by setting, and see what that
 * makes: the parameter count, the tokens it reads, and a picture of how they flow through it.
 */
import type { ModelId } from '../../../models/catalog';
import { modelSelection } from '../../../state/modelSettings';
import { useSettings } from '../../../state/settingsStore';
import { modelViews } from '../../models/registry';
import { ModelAbout } from './ModelAbout';
import { ModelConfigForm } from './ModelConfigForm';
import { ModelSummary } from './ModelSummary';
import { PresetCards } from './PresetCards';
import './model.css';

export function ModelPanel() {
  const values = useSettings((s) => s.values);
  const selection = modelSelection(values);
  const { Diagram, Tips } = modelViews(selection.entry.id as ModelId);
  const config = selection.config as never;

  return (
    <section className="panel model-panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Model</h1>
      <p className="panel__intro">
        The network that will learn from your simulations. Start from a preset size, or change any
        setting; the parameter count and the picture follow as you type. Nothing is built until you
        train it in the next step.
      </p>
      <div className="panel-columns panel-columns--wide">
        <ModelConfigForm selection={selection} />
        <div className="model-stage">
          <ModelAbout selection={selection} />
          <PresetCards selection={selection} />
          <div className="card model-shape">
            <ModelSummary selection={selection} />
            <Diagram config={config} />
          </div>
          <Tips config={config} />
        </div>
      </div>
    </section>
  );
}
