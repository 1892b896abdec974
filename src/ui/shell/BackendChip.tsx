/** Always-visible status: which backend runs the compute, on which GPU, and why this one. */
import { useRuntime } from '../../state/runtimeStore';

export function BackendChip({ onOpen }: { onOpen: () => void }) {
  const { status, report } = useRuntime();
  let text: string;
  let detail = '';
  let why = '';
  let sentence = '';
  if (status === 'starting') text = 'starting…';
  else if (status === 'failed') text = 'no backend';
  else if (status === 'device-lost') text = 'GPU lost';
  else text = report?.active ?? '?';
  if (status === 'ready' && report?.adapter) {
    const { vendor, architecture, description } = report.adapter;
    detail = description || [vendor, architecture].filter(Boolean).join(' ');
  }
  if (status === 'ready' && report?.choice) {
    // A backend the user picked needs no reason on the chip; the tooltip still says it.
    if (report.choice.reason !== 'forced') why = report.choice.summary;
    sentence = ` ${report.choice.sentence}`;
  }
  return (
    <button
      type="button"
      className={`backend-chip backend-chip--${status} backend-chip--${report?.active ?? 'none'}`}
      onClick={onOpen}
      title={`${sentence.trim() || 'Compute backend.'} Open settings to change it.`}
      aria-label={`Compute backend: ${text}${detail ? ` on ${detail}` : ''}.${sentence} Open settings.`}
    >
      <span className="backend-chip__dot" aria-hidden="true" />
      <span className="backend-chip__name" data-testid="backend-name">
        {text}
      </span>
      {detail ? <span className="backend-chip__detail">{detail}</span> : null}
      {why ? (
        <span className="backend-chip__why" data-testid="backend-why">
          {why}
        </span>
      ) : null}
    </button>
  );
}
