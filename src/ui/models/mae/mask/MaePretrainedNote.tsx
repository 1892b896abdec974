/**
 * The Mask panel's note while the shipped pretrained MAE reconstructs: how it was made, how it
 * scored on data it never saw, and the way to train one from scratch instead.
 */
import { maeInfo } from '../../../../models/mae/info';
import type { PretrainedManifest } from '../../../../models/mae/pretrained';
import { PDE_CATALOG } from '../../../../pde/catalog';
import type { PdeId } from '../../../../pde/types';
import { usePretrained } from '../../../../state/pretrainedStore';
import { useSettings } from '../../../../state/settingsStore';
import { formatValue } from '../../../format';

export function MaePretrainedNote() {
  const manifest = usePretrained((s) => s.manifests[maeInfo.id]) as PretrainedManifest | undefined;
  const update = useSettings((s) => s.update);
  if (!manifest) return null;
  const { training } = manifest;
  const all = manifest.errors.find((row) => row.id === 'all');
  const minutes = Math.max(1, Math.round(training.seconds / 60));
  return (
    <aside className="card pretrained-note" aria-label="About the pretrained model">
      <details>
        <summary>
          <strong>Pretrained model.</strong> A {manifest.preset} masked autoencoder ships with the
          lab
          {all ? (
            <>
              : on data it never saw it fills hidden patches with a relative error of{' '}
              {formatValue(all.relL2)} (linear interpolation: {formatValue(all.relL2Linear)})
            </>
          ) : null}
          .
        </summary>
        <p>
          It has {manifest.parameters.toLocaleString('en')} parameters and was trained for{' '}
          {training.steps.toLocaleString('en')} steps of {training.batchSize} windows on{' '}
          {training.data}, in {minutes} min on a 2-core CPU (<code>{manifest.command}</code>).
          {all ? (
            <>
              {' '}
              It was scored on {manifest.heldOut}
              {perEquation(manifest.errors)}.
            </>
          ) : null}
        </p>
      </details>
      <div className="button-row">
        <button type="button" className="button" onClick={() => update('app', { panel: 'train' })}>
          Train your own from scratch
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => update('app', { panel: 'results' })}
        >
          Score it in Results
        </button>
      </div>
    </aside>
  );
}

/** " (heat 0.12 vs 0.30, …)" for the equations the manifest scores separately. */
function perEquation(rows: { id: string; relL2: number; relL2Linear: number }[]): string {
  const parts = rows
    .filter((row) => row.id !== 'all')
    .map((row) => {
      const title = PDE_CATALOG[row.id as PdeId]?.title ?? row.id;
      return `${title} ${formatValue(row.relL2)} vs ${formatValue(row.relL2Linear)}`;
    });
  return parts.length > 1 ? ` (${parts.join('; ')})` : '';
}
