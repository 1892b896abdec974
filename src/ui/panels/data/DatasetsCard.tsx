/** Build a dataset from the current setup, and manage the saved ones: export, import, delete. */
import { useEffect, useId, useState } from 'react';
import type { ExportFormat } from '../../../data/datasetFiles';
import { PDE_CATALOG } from '../../../pde/catalog';
import type { PdeId } from '../../../pde/types';
import { buildWarnings, mixMembers } from '../../../state/buildParams';
import { importDatasetFiles } from '../../../state/datasetImport';
import { useDatasets } from '../../../state/datasetsStore';
import { useRuntime } from '../../../state/runtimeStore';
import { useSettings } from '../../../state/settingsStore';
import { pdeSectionId, rangeSectionId } from '../../../state/simulationSchema';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import { formatBytes } from '../../../storage/labStorage';
import { JobProgressBar } from '../../controls/JobProgressBar';
import { OutcomeText } from '../../controls/OutcomeText';
import { SchemaForm } from '../../controls/SchemaForm';
import { AxisMappingDialog } from './AxisMappingDialog';
import { DatasetPreview } from './DatasetPreview';
import { equationTitle } from './trajectoryInfo';

const FORMATS: { id: ExportFormat; label: string }[] = [
  { id: 'zip', label: '.zip (npy + json)' },
  { id: 'npy', label: '.npy + .json' },
  { id: 'hdf5', label: 'HDF5' },
];

export function DatasetsCard() {
  const { records, activeJobId, outcome, refresh, build, remove, exportAs } = useDatasets();
  const pde = useSettings((s) => s.values.sim?.pde) as PdeId;
  const values = useSettings((s) => s.values);
  const update = useSettings((s) => s.update);
  const mixing = values.build?.mode === 'mix';
  const rangesFor = mixing ? mixMembers(values).map((m) => m.pde) : [pde];
  const warnings = buildWarnings(values);
  const ready = useRuntime((s) => s.status === 'ready');
  const importId = useId();
  const [format, setFormat] = useState<ExportFormat>('zip');
  const [preview, setPreview] = useState<{ id: string; name: string }>();
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const download = async (id: string) => {
    for (const file of (await exportAs(id, format)) ?? []) {
      const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }
  };

  return (
    <section className="card datasets" aria-labelledby="datasets-heading">
      <h2 id="datasets-heading">Datasets</h2>
      <p className="muted">
        Builds trajectories with each equation’s numerics and initial condition as set above,
        drawing each coefficient uniformly from its range.
      </p>
      <SchemaForm
        section="build"
        only={['mode']}
        legend="What to simulate"
        disabled={activeJobId !== undefined}
      />
      {mixing ? (
        <SchemaForm
          section="mix"
          legend="Weights in the mix"
          disabled={activeJobId !== undefined}
        />
      ) : null}
      {rangesFor.map((id) => (
        <SchemaForm
          key={id}
          section={rangeSectionId(id)}
          legend={mixing ? `${PDE_CATALOG[id].title}: coefficient ranges` : 'Coefficient ranges'}
        />
      ))}
      <SchemaForm
        section="build"
        only={['count', 'frames', 'seed', 'valFraction', 'testFraction', 'batch']}
        legend="Size, seed and split"
        disabled={activeJobId !== undefined}
      />
      <SchemaForm
        section="build"
        only={['noise', 'noiseSeed']}
        legend="Noisy observations"
        disabled={activeJobId !== undefined}
      />
      {warnings.problem ? (
        <p className="text-problem" role="alert">
          {warnings.problem}
        </p>
      ) : null}
      {warnings.notes.map((note) => (
        <p key={note.text} className="muted">
          {note.text}{' '}
          {note.fix ? (
            <button
              type="button"
              className="button"
              onClick={() => update(pdeSectionId(note.fix!.pde), { initial: note.fix!.initial })}
            >
              {note.fix.label} for {PDE_CATALOG[note.fix.pde].title}
            </button>
          ) : null}
        </p>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void build()}
          disabled={!ready || activeJobId !== undefined || warnings.problem !== undefined}
        >
          Build dataset
        </button>
        <label htmlFor={importId} className="button">
          Import file…
        </label>
        <input
          id={importId}
          type="file"
          accept=".npy,.json,.zip,.h5,.hdf5"
          multiple
          className="visually-hidden"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void importDatasetFiles(files);
          }}
        />
      </div>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      <OutcomeText outcome={outcome} />
      {records.length > 0 ? (
        <>
          <label className="inline-label">
            Export as
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <table className="results-table datasets__table">
            <caption>Saved in this browser</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Equations</th>
                <th scope="col">Shape [N, T, X, Y, C]</th>
                <th scope="col">Size</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.name}
                    {r.meta.nonFinite ? (
                      <span className="text-problem small">
                        {' '}
                        (holds NaN or Infinity: cannot be trained on)
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Equations">{equationsOf(r.meta)}</td>
                  <td data-label="Shape [N, T, X, Y, C]">
                    {[
                      r.meta.split.train + r.meta.split.val + r.meta.split.test,
                      r.meta.times.length,
                      r.meta.grid.n,
                      r.meta.grid.n,
                      r.meta.channels.length,
                    ].join(' × ')}
                  </td>
                  <td data-label="Size">{formatBytes(r.sizeBytes)}</td>
                  <td className="datasets__actions">
                    <button
                      type="button"
                      className="button"
                      onClick={() =>
                        setPreview(preview?.id === r.id ? undefined : { id: r.id, name: r.name })
                      }
                      aria-label={`Preview ${r.name}`}
                      aria-expanded={preview?.id === r.id}
                    >
                      Preview
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void download(r.id)}
                      aria-label={`Export ${r.name}`}
                    >
                      Export
                    </button>
                    <button
                      type="button"
                      className="button button--danger"
                      onClick={() => {
                        if (preview?.id === r.id) setPreview(undefined);
                        void remove(r.id);
                      }}
                      aria-label={`Delete ${r.name}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview ? (
            <DatasetPreview
              key={preview.id}
              datasetId={preview.id}
              name={preview.name}
              onClose={() => setPreview(undefined)}
            />
          ) : null}
        </>
      ) : (
        <p className="muted">No datasets saved yet.</p>
      )}
      <AxisMappingDialog />
    </section>
  );
}

/** The equations in a dataset, by title where the lab knows them. */
function equationsOf(meta: DatasetRecordMeta): string {
  if (!meta.mix) return equationTitle(meta.equation);
  const { components, index } = meta.mix;
  return components
    .map((c, k) => `${equationTitle(c.equation)} (${index.filter((i) => i === k).length})`)
    .join(', ');
}
