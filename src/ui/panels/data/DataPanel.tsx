/** Data: pick an equation, set it up, and watch it evolve live on the GPU. */
import { PDE_CATALOG } from '../../../pde/catalog';
import type { PdeId } from '../../../pde/types';
import { SETTINGS_SCHEMAS } from '../../../state/settingsSchema';
import { useSettings } from '../../../state/settingsStore';
import { initialSectionId, pdeSectionId } from '../../../state/simulationSchema';
import { Explained } from '../../controls/Explained';
import { SchemaForm } from '../../controls/SchemaForm';
import { DatasetsCard } from './DatasetsCard';
import { LiveView } from './LiveView';

export function DataPanel() {
  const pde = useSettings((s) => s.values.sim?.pde) as PdeId;
  const section = useSettings((s) => s.values[pdeSectionId(pde)]);
  const initial = String(section?.initial);
  const info = PDE_CATALOG[pde];
  const scheme = info.schemes.find((s) => s.id === section?.scheme);
  const initialHasSettings =
    Object.keys(SETTINGS_SCHEMAS[initialSectionId(initial)] ?? {}).length > 0;

  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Data</h1>
      <div className="data-layout">
        <div className="card data-controls">
          <SchemaForm section="sim" only={['pde']} legend="Equation" />
          <p className="equation" aria-label={`Equation: ${info.equation}`}>
            {info.equation}
          </p>
          <Explained text={info.explanation} className="muted explanation" />
          <SchemaForm
            section={pdeSectionId(pde)}
            only={Object.keys(info.params)}
            legend="Coefficients"
          />
          <SchemaForm
            section={pdeSectionId(pde)}
            only={['scheme', 'dt', 'record']}
            legend="Numerics"
          />
          {scheme ? <Explained text={scheme.explanation} className="muted" /> : null}
          <SchemaForm section={pdeSectionId(pde)} only={['initial']} legend="Start from" />
          {initialHasSettings ? (
            <SchemaForm section={initialSectionId(initial)} legend="Initial condition settings" />
          ) : null}
          <SchemaForm section="sim" only={['n', 'seed']} legend="Grid and seed" />
        </div>
        <LiveView />
        <DatasetsCard />
      </div>
    </section>
  );
}
