/** The banners: ignored link values, backend fallbacks, a lost GPU, worker crashes. */
import { useNotices } from '../../state/noticesStore';

export function Notices() {
  const { notices, dismiss } = useNotices();
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice--${n.tone}`}
          role={n.tone === 'error' ? 'alert' : 'status'}
        >
          <div className="notice__text">
            <strong>{n.title}</strong>
            {n.detail ? <p className="notice__detail">{n.detail}</p> : null}
          </div>
          <div className="notice__actions">
            {n.action ? (
              <button type="button" className="button button--primary" onClick={n.action.run}>
                {n.action.label}
              </button>
            ) : null}
            {n.dismissible ? (
              <button
                type="button"
                className="button"
                onClick={() => dismiss(n.id)}
                aria-label={`Dismiss: ${n.title}`}
              >
                Dismiss
              </button>
            ) : null}
          </div>
        </div>
      ))}
    </section>
  );
}
