/**
 * Downstream: what a pretrained model is good for. Shows the downstream experiments of the model
 * chosen in the Model panel (its DownstreamView in ui/models/registry), or says that it has none
 * and which models do.
 */
import { Suspense } from 'react';
import { modelEntry, type ModelId } from '../../../models/catalog';
import { modelSelection } from '../../../state/modelSettings';
import { useSettings } from '../../../state/settingsStore';
import { modelsWithDownstream, modelViews } from '../../models/registry';
import './downstream.css';

export function DownstreamPanel() {
  const values = useSettings((s) => s.values);
  const { entry } = modelSelection(values);
  const { DownstreamView } = modelViews(entry.id as ModelId);

  return (
    <section className="panel downstream-panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Downstream</h1>
      {DownstreamView ? (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <DownstreamView />
        </Suspense>
      ) : (
        <NoDownstream title={entry.title} />
      )}
    </section>
  );
}

function NoDownstream({ title }: { title: string }) {
  const others = modelsWithDownstream().map((id) => modelEntry(id).title);
  return (
    <p className="panel__intro">
      {title} has no downstream experiments.
      {others.length > 0
        ? ` ${listInWords(others)} ${others.length === 1 ? 'has some: choose it' : 'have some: choose one'} in the Model panel to try them.`
        : ''}
    </p>
  );
}

/** "A", "A and B", "A, B and C". */
function listInWords(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
