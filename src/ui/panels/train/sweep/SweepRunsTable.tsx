/**
 * A sweep's runs in a table sorted by a click on any column header (again to reverse) and
 * narrowed by a text filter over every cell: each swept parameter, the status and the metrics.
 */
import { useId, useState } from 'react';
import type { ExportableRun } from '../../../../sweep/exportRuns';
import { formatSweepValue } from '../../../../sweep/formatValue';
import type { AxisSpec } from '../../../../sweep/parcoords';
import { metricValue, paramValue } from '../../../../sweep/sweepRuns';
import { formatValue } from '../../../format';

interface Column {
  key: string;
  label: string;
  /** What the column sorts by, and what it shows. */
  sortValue(run: ExportableRun): number | string | undefined;
  text(run: ExportableRun): string;
}

export function SweepRunsTable({
  runs,
  axes,
  metrics,
}: {
  runs: readonly ExportableRun[];
  axes: readonly AxisSpec[];
  metrics: readonly { id: string; label: string }[];
}) {
  const captionId = useId();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: string; ascending: boolean }>({
    key: 'run',
    ascending: true,
  });
  const columns: Column[] = [
    {
      key: 'run',
      label: 'Run',
      sortValue: (r) => r.meta.startedAt,
      text: (r) => r.name,
    },
    ...axes.map((a): Column => ({
      key: a.id,
      label: a.label,
      sortValue: (r) => {
        const v = paramValue(r, a.id);
        return typeof v === 'boolean' ? Number(v) : v;
      },
      text: (r) => formatSweepValue(a.param, paramValue(r, a.id)),
    })),
    { key: 'status', label: 'Status', sortValue: (r) => r.meta.status, text: (r) => r.meta.status },
    ...metrics.map((m): Column => ({
      key: `metric:${m.id}`,
      label: m.label,
      sortValue: (r) => metricValue(r, m.id),
      text: (r) => {
        const v = metricValue(r, m.id);
        return v === undefined ? '—' : formatValue(v);
      },
    })),
  ];
  const needle = filter.trim().toLowerCase();
  const shown = runs.filter(
    (run) => !needle || columns.some((c) => c.text(run).toLowerCase().includes(needle)),
  );
  const sortColumn = columns.find((c) => c.key === sort.key) ?? columns[0]!;
  const sorted = [...shown].sort((a, b) => {
    const x = sortColumn.sortValue(a);
    const y = sortColumn.sortValue(b);
    // Runs without a value go last whichever the direction.
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : 1) : -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.ascending ? order : -order;
  });

  return (
    <div className="sweep-runs">
      <label className="sweep-runs__filter">
        Filter runs
        <input
          type="search"
          value={filter}
          placeholder="any value, e.g. 0.01 or done"
          onChange={(e) => setFilter(e.target.value)}
        />
      </label>
      <p id={captionId} className="muted small">
        The sweep’s runs ({shown.length} of {runs.length} shown). Click a heading to sort.
      </p>
      <div className="train-runs__table">
        <table className="results-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = c.key === sortColumn.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      className="link-button sweep-runs__sort"
                      onClick={() =>
                        setSort({ key: c.key, ascending: active ? !sort.ascending : true })
                      }
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((run) => (
              <tr key={run.id}>
                {columns.map((c) => (
                  <td key={c.key}>{c.text(run)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
