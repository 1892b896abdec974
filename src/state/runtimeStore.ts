/**
 * The compute worker as the UI sees it: starting, ready (with its backend report), or down
 * (crashed or GPU lost) with a restart. Follows the backend setting: changing it restarts the
 * worker on the chosen backend.
 */
import { create } from 'zustand';
import { fallbackConsequence } from '../runtime/backendSelection';
import { ComputeClient } from '../runtime/client';
import type {
  BackendPreference,
  BackendReport,
  RuntimeEvent,
  StartOptions,
} from '../runtime/protocol';
import { useNotices } from './noticesStore';
import { useSettings } from './settingsStore';
import { errorMessage } from '../util/errorMessage';

export type RuntimeStatus = 'starting' | 'ready' | 'failed' | 'device-lost';

interface RuntimeState {
  status: RuntimeStatus;
  report?: BackendReport;
  /** Why the worker is not ready, when it is not. */
  problem?: string;
  /** Counts worker starts, so views can tell a fresh worker from the old one. */
  generation: number;
  /** Starts a fresh worker; `recalibrate` measures the backends again in automatic mode. */
  restart(options?: StartOptions): Promise<void>;
}

let client: ComputeClient | undefined;

export function computeClient(): ComputeClient {
  if (!client) throw new Error('The compute runtime has not been started.');
  return client;
}

export const useRuntime = create<RuntimeState>()((set, get) => ({
  status: 'starting',
  generation: 0,
  async restart(options) {
    const preference = useSettings.getState().values.app.backend as BackendPreference;
    const generation = get().generation + 1;
    set({ status: 'starting', problem: undefined, report: undefined, generation });
    useNotices.getState().dismiss('runtime');
    try {
      const report = await computeClient().start(preference, options);
      if (get().generation !== generation) return; // a newer restart superseded this one
      set({ status: 'ready', report });
      performance.mark('compute-ready', { detail: report.active });
      showFallbackNotice(report);
    } catch (error) {
      if (get().generation !== generation) return;
      const message = errorMessage(error);
      set({ status: 'failed', problem: message });
      showRuntimeProblem('The compute worker could not start.', message);
    }
  },
}));

export function startRuntime(): () => void {
  client = new ComputeClient(handleRuntimeEvent);
  void useRuntime.getState().restart();
  const unsubscribe = useSettings.subscribe((state, previous) => {
    if (state.values.app.backend !== previous.values.app.backend)
      void useRuntime.getState().restart();
  });
  return () => {
    unsubscribe();
    client?.stop('The lab was closed.');
  };
}

function handleRuntimeEvent(event: RuntimeEvent): void {
  if (event.type === 'device-lost') {
    const message = `${event.message} Work in progress was stopped; your settings and saved data are safe.`;
    computeClient().failPending(message);
    useRuntime.setState({ status: 'device-lost', problem: message });
    showRuntimeProblem('The GPU device was lost.', message);
  } else {
    useRuntime.setState({ problem: event.message });
    showRuntimeProblem('The compute worker reported an error.', event.message);
  }
}

function showRuntimeProblem(title: string, detail: string): void {
  useNotices.getState().show({
    id: 'runtime',
    tone: 'error',
    title,
    detail,
    action: { label: 'Restart compute', run: () => void useRuntime.getState().restart() },
    dismissible: false,
  });
}

function showFallbackNotice(report: BackendReport): void {
  const notices = useNotices.getState();
  const failed = report.attempts.filter((a) => !a.ok);
  if (failed.length === 0) {
    notices.dismiss('backend-fallback');
    return;
  }
  // A backend the calibration measured fastest is no bad news, whatever else failed to start.
  const measuredBest =
    report.choice?.reason === 'measured' || report.choice?.reason === 'remembered';
  notices.show({
    id: 'backend-fallback',
    tone:
      measuredBest || report.active === 'webgpu' || report.active === 'webgl' ? 'info' : 'warning',
    title: `Running on ${report.active}: ${failed.map((a) => a.backend).join(' and ')} could not start.`,
    detail: [
      ...failed.map((a) => `${a.backend}: ${a.reason}`),
      measuredBest ? report.choice!.sentence : fallbackConsequence(report.active),
    ].join('\n'),
    dismissible: true,
  });
}
