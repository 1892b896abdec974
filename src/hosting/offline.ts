/**
 * Offline use: registers the service worker the build generates (vite.config.ts, offlinePlugin)
 * and tells the page where it stands — whether this browser holds the whole lab and can open it
 * without network, and when a newer version is waiting. A new version never takes over by itself:
 * the user reloads when it suits them (a lesson mid-way is not interrupted).
 */
import { Workbox } from 'workbox-window';
import { create } from 'zustand';
import { useNotices } from '../state/noticesStore';

export type OfflineStatus =
  /** Development, or a browser without service workers. */
  | 'unsupported'
  /** Registering, or downloading the lab into the cache for the first time. */
  | 'preparing'
  /** Every file of the lab is cached: it opens without network. */
  | 'ready'
  /** The registration failed (private window, blocked by the browser); the lab still works online. */
  | 'failed';

export const useOffline = create<{ status: OfflineStatus; detail?: string }>()(() => ({
  status: 'unsupported',
}));

export function startOfflineSupport(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  useOffline.setState({ status: 'preparing' });
  // Relative, like every asset URL: under a sub-path the worker's scope is that sub-path.
  const workbox = new Workbox('./sw.js');
  workbox.addEventListener('activated', () => useOffline.setState({ status: 'ready' }));
  workbox.addEventListener('waiting', () => offerUpdate(workbox));
  workbox
    .register()
    .then(async (registration) => {
      if (!registration) throw new Error('the browser did not register the service worker');
      if (registration.active) useOffline.setState({ status: 'ready' });
      await navigator.serviceWorker.ready;
    })
    .catch((error: unknown) => {
      useOffline.setState({
        status: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      });
    });
}

function offerUpdate(workbox: Workbox): void {
  useNotices.getState().show({
    id: 'offline-update',
    tone: 'info',
    title: 'A new version of the lab is ready.',
    detail: 'Reload to use it; your datasets, models and runs stay where they are.',
    action: {
      label: 'Reload',
      run: () => {
        workbox.addEventListener('controlling', () => window.location.reload());
        workbox.messageSkipWaiting();
      },
    },
    dismissible: true,
  });
}
