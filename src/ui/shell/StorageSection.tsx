/** Settings → Storage: how much the lab keeps in this browser, and a way to delete it all. */
import { useEffect, useState } from 'react';
import { formatBytes } from '../../storage/labStorage';
import { useStorage } from '../../state/storageStore';

const KIND_LABELS = { datasets: 'Datasets', checkpoints: 'Checkpoints', runs: 'Runs' } as const;

export function StorageSection() {
  const { usage, skipped, problem, refresh, clearAll } = useStorage();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="settings-section" aria-labelledby="storage-heading">
      <h3 id="storage-heading">Storage in this browser</h3>
      {problem ? (
        <p className="text-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {usage ? (
        <>
          <p>
            {formatBytes(usage.usedBytes)} used
            {usage.quotaBytes !== undefined ? ` of ${formatBytes(usage.quotaBytes)} available` : ''}
          </p>
          {usage.quotaBytes ? (
            <meter
              min={0}
              max={usage.quotaBytes}
              value={usage.usedBytes}
              aria-label="Storage used"
            />
          ) : null}
          <ul className="storage-kinds">
            {Object.entries(KIND_LABELS).map(([kind, label]) => {
              const stats = usage.perKind[kind as keyof typeof KIND_LABELS];
              return (
                <li key={kind}>
                  {label}: {stats.count} ({formatBytes(stats.bytes)})
                </li>
              );
            })}
          </ul>
        </>
      ) : !problem ? (
        <p>Measuring…</p>
      ) : null}
      {skipped.length > 0 ? (
        <div className="text-problem" role="status">
          <p>
            {skipped.length} saved record{skipped.length === 1 ? '' : 's'} could not be read and
            {skipped.length === 1 ? ' is' : ' are'} skipped:
          </p>
          <ul>
            {skipped.map((s) => (
              <li key={`${s.kind}:${s.id}`}>
                {KIND_LABELS[s.kind]} “{s.id}”: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm deleting everything">
          <p>
            Delete every dataset, checkpoint and run saved in this browser? This cannot be undone.
          </p>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setConfirming(false);
              void clearAll();
            }}
          >
            Delete everything
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => setConfirming(true)}
          disabled={!usage}
        >
          Clear all saved data…
        </button>
      )}
    </section>
  );
}
