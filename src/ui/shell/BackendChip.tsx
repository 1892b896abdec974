/** Always-visible status: which backend runs the compute, and on which GPU. */
import { useRuntime } from '../../state/runtimeStore';

export function BackendChip({ onOpen }: { onOpen: () => void }) {
  const { status, report } = useRuntime();
  let text: string;
  let detail = '';
  if (status === 'starting') text = 'starting…';
  else if (status === 'failed') text = 'no backend';
  else if (status === 'device-lost') text = 'GPU lost';
  else text = report?.active ?? '?';
  if (status === 'ready' && report?.adapter) {
    const { vendor, architecture, description } = report.adapter;
    detail = description || [vendor, architecture].filter(Boolean).join(' ');
  }
  return (
    <button
      type="button"
      className={`backend-chip backend-chip--${status} backend-chip--${report?.active ?? 'none'}`}
      onClick={onOpen}
      title="Compute backend (open settings to change it)"
      aria-label={`Compute backend: ${text}${detail ? ` on ${detail}` : ''}. Open settings.`}
    >
      <span className="backend-chip__dot" aria-hidden="true" />
      <span data-testid="backend-name">{text}</span>
      {detail ? <span className="backend-chip__detail">{detail}</span> : null}
    </button>
  );
}
