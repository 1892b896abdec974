/**
 * The axis-mapping step for an HDF5 file PDE Lab did not write: pick the field dataset(s), map each
 * stored axis to N, T, X, Y or C, see the resulting shape and what is wrong as you edit, and import.
 * A native modal <dialog> (focus trap, Esc cancels); it opens when hdf5ImportStore has a file.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { checkForeignPlan } from '../../../data/foreignHdf5Check';
import {
  canHoldField,
  coordinateChoices,
  fieldInfo,
  whyNotField,
  type ForeignHdf5Plan,
} from '../../../data/foreignHdf5Plan';
import { replanAxes, replanFields } from '../../../data/foreignHdf5Propose';
import { LAB_AXES, type LabAxis } from '../../../data/io/axes';
import type { Hdf5DatasetInfo } from '../../../data/io/hdf5Inspect';
import { useHdf5Import, type PendingHdf5Import } from '../../../state/hdf5ImportStore';
import { formatBytes } from '../../../storage/formatBytes';
import './axisMappingDialog.css';

const AXIS_LABELS: Record<LabAxis, string> = {
  N: 'N — trajectories',
  T: 'T — time',
  X: 'X — space',
  Y: 'Y — space',
  C: 'C — channels',
};

interface DatasetRow {
  info: Hdf5DatasetInfo;
  series: boolean;
  /** With `series`, how many numbered groups hold the dataset. */
  groups?: number;
  /** How the table shows the path: "0000…0999/data" for a dataset in every numbered group. */
  label: string;
}

export function AxisMappingDialog() {
  const pending = useHdf5Import((s) => s.pending);
  return pending ? <MappingDialog key={pending.id} pending={pending} /> : null;
}

function MappingDialog({ pending }: { pending: PendingHdf5Import }) {
  const { contents, maxBytes, fileName } = pending;
  const ref = useRef<HTMLDialogElement>(null);
  const busy = useHdf5Import((s) => s.busy);
  const importProblem = useHdf5Import((s) => s.problem);
  const confirm = useHdf5Import((s) => s.confirm);
  const cancel = useHdf5Import((s) => s.cancel);
  const [plan, setPlan] = useState<ForeignHdf5Plan>(pending.plan);
  const check = useMemo(
    () => checkForeignPlan(contents, plan, maxBytes),
    [contents, plan, maxBytes],
  );
  const ids = useId();

  // Layout effect: its cleanup runs while the <dialog> is still in the document, so close()
  // returns focus to where it was before the dialog opened.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  const rows: DatasetRow[] = [
    ...contents.series.map((info) => ({
      info,
      series: true,
      groups: info.groups.length,
      label: `${info.groups[0]}…${info.groups.at(-1)}/${info.path}`,
    })),
    ...contents.datasets.map((info) => ({ info, series: false, label: info.path })),
  ];
  const [firstField] = plan.fields;
  const fieldShape =
    firstField === undefined ? undefined : fieldInfo(contents, firstField, plan.series)?.shape;
  const coordinates = coordinateChoices(contents);
  const problem = check.problem ?? importProblem;
  const bytes = check.shape ? check.shape.reduce((a, b) => a * b, 1) * 4 : undefined;

  const toggleField = (row: DatasetRow, on: boolean) => {
    const path = row.info.path;
    const fields = on
      ? row.series === plan.series
        ? [...plan.fields, path]
        : [path]
      : plan.fields.filter((field) => field !== path);
    setPlan(replanFields(contents, plan, fields, row.series));
  };
  const setAxis = (k: number, axis: LabAxis) => {
    setPlan(
      replanAxes(
        contents,
        plan,
        plan.axes.map((a, i) => (i === k ? axis : a)),
      ),
    );
  };
  const setCount = (text: string): number | undefined => (text === '' ? undefined : Number(text));

  return (
    <dialog
      ref={ref}
      className="axis-mapping"
      aria-labelledby={`${ids}-title`}
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && check.problem === undefined) void confirm(plan);
        }}
      >
        <h2 id={`${ids}-title`}>Import “{fileName}”</h2>
        <p className="muted">
          {pending.plan.layout
            ? `Recognised: ${pending.plan.layout}.`
            : 'Not a layout PDE Lab knows: the mapping below is guessed from the shapes — check each axis.'}{' '}
          PDE Lab keeps datasets as [N, T, X, Y, C]: trajectories, time, two space axes of equal
          size, channels.
        </p>

        <table className="results-table axis-mapping__datasets">
          <caption>Datasets in the file — tick the field(s); several become channels</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Path</th>
              <th scope="col">Shape</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.series}:${row.info.path}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Use ${row.label}`}
                    checked={row.series === plan.series && plan.fields.includes(row.info.path)}
                    disabled={busy || !canHoldField(row.info)}
                    onChange={(e) => toggleField(row, e.target.checked)}
                  />
                </td>
                <td>
                  {row.label}
                  {row.groups !== undefined ? (
                    <span className="muted"> ({row.groups} groups)</span>
                  ) : null}
                </td>
                <td>{row.info.shape.join(' × ') || 'scalar'}</td>
                <td>
                  {row.info.dtype}
                  {canHoldField(row.info) ? null : (
                    <span className="muted"> (not a field: {whyNotField(row.info)})</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        {fieldShape ? (
          <fieldset className="axis-mapping__axes" disabled={busy}>
            <legend>
              Stored axes of {plan.fields.join(', ')} ({fieldShape.join(' × ')})
              {plan.series ? ', read from every group: the groups are N' : ''}
            </legend>
            {fieldShape.map((size, k) => (
              <label key={k}>
                Axis {k} (size {size})
                <select
                  value={plan.axes[k] ?? ''}
                  onChange={(e) => setAxis(k, e.target.value as LabAxis)}
                >
                  {plan.axes[k] === undefined ? <option value="">choose…</option> : null}
                  {LAB_AXES.map((axis) => (
                    <option key={axis} value={axis}>
                      {AXIS_LABELS[axis]}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        ) : null}

        <p>
          Result [N, T, X, Y, C]:{' '}
          <output aria-label="Resulting shape">
            {check.shape ? check.shape.join(' × ') : '—'}
          </output>
          {bytes !== undefined ? <span className="muted"> ({formatBytes(bytes)})</span> : null}
        </p>

        <fieldset className="axis-mapping__options" disabled={busy}>
          <legend>Dataset</legend>
          <label>
            Dataset name
            <input
              type="text"
              value={plan.name}
              onChange={(e) => setPlan({ ...plan, name: e.target.value })}
            />
          </label>
          <label>
            Channel names (comma-separated)
            <input
              type="text"
              value={plan.channels.join(',')}
              onChange={(e) => setPlan({ ...plan, channels: e.target.value.split(',') })}
            />
          </label>
          <label>
            Trajectory limit
            <input
              type="number"
              min={1}
              step={1}
              placeholder={check.available !== undefined ? `all ${check.available}` : 'all'}
              value={plan.trajectoryLimit ?? ''}
              onChange={(e) => setPlan({ ...plan, trajectoryLimit: setCount(e.target.value) })}
            />
          </label>
          <label>
            Validation trajectories
            <input
              type="number"
              min={0}
              step={1}
              value={plan.split.val}
              onChange={(e) =>
                setPlan({ ...plan, split: { ...plan.split, val: setCount(e.target.value) ?? 0 } })
              }
            />
          </label>
          <label>
            Test trajectories
            <input
              type="number"
              min={0}
              step={1}
              value={plan.split.test}
              onChange={(e) =>
                setPlan({ ...plan, split: { ...plan.split, test: setCount(e.target.value) ?? 0 } })
              }
            />
          </label>
          <label>
            Grid from
            <CoordinateSelect
              value={plan.coordinates.x}
              choices={coordinates}
              none="none: the unit square"
              onChange={(x) => setPlan({ ...plan, coordinates: { ...plan.coordinates, x } })}
            />
          </label>
          <label>
            Times from
            <CoordinateSelect
              value={plan.coordinates.t}
              choices={coordinates}
              none="none: frame indices"
              onChange={(t) => setPlan({ ...plan, coordinates: { ...plan.coordinates, t } })}
            />
          </label>
        </fieldset>

        {/* Next to Import, and what the button is described by while it is disabled. */}
        {problem ? (
          <p id={`${ids}-problem`} className="text-problem" role="alert">
            {problem}
          </p>
        ) : null}

        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || check.problem !== undefined}
            aria-describedby={problem ? `${ids}-problem` : undefined}
          >
            {busy ? 'Importing…' : 'Import'}
          </button>
          <button type="button" className="button" onClick={cancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function CoordinateSelect({
  value,
  choices,
  none,
  onChange,
}: {
  value: string | undefined;
  choices: { path: string; length: number }[];
  none: string;
  onChange: (path: string | undefined) => void;
}) {
  return (
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{none}</option>
      {choices.map((choice) => (
        <option key={choice.path} value={choice.path}>
          {choice.path} ({choice.length})
        </option>
      ))}
    </select>
  );
}
