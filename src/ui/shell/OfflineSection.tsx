/** Settings: whether this browser can open the lab without network. */
import { useOffline, type OfflineStatus } from '../../hosting/offline';

const STATUS_TEXT: Record<OfflineStatus, string> = {
  unsupported: 'Not available here (development server, or a browser without service workers).',
  preparing: 'Saving the lab in this browser…',
  ready: 'Ready: this browser opens the lab, pretrained models included, without network.',
  failed: 'Not available: the browser refused the service worker. The lab still works online.',
};

export function OfflineSection() {
  const { status, detail } = useOffline();
  return (
    <section className="settings-section" aria-labelledby="offline-title">
      <h3 id="offline-title">Offline</h3>
      <p role="status" data-testid="offline-status" data-status={status}>
        {STATUS_TEXT[status]}
        {status === 'failed' && detail ? ` (${detail})` : null}
      </p>
    </section>
  );
}
