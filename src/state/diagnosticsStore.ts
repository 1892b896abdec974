/** Self-test runs: the live loss curve of the one in progress and the finished results. */
import { create } from 'zustand';
import type { SelfTestParams, SelfTestResult } from '../runtime/selftest/config';
import { useJobs } from './jobsStore';
import { useRuntime } from './runtimeStore';
import type { Outcome } from './outcome';

const KEEP_RESULTS = 8;

interface DiagnosticsState {
  activeJobId?: string;
  liveLoss: number[];
  results: SelfTestResult[];
  /** How the last run ended, in words, when it did not produce a result. */
  lastOutcome?: Outcome;
  runSelfTest(params: SelfTestParams): Promise<void>;
  stopSelfTest(): void;
}

export const useDiagnostics = create<DiagnosticsState>()((set, get) => ({
  liveLoss: [],
  results: [],
  async runSelfTest(params) {
    if (get().activeJobId) return;
    const backend = useRuntime.getState().report?.active ?? 'unknown backend';
    const liveLoss: number[] = [];
    const { id, outcome } = useJobs.getState().start('selfTest', params, {
      title: `GPU self-test on ${backend}`,
      onMetric: (name, step, value) => {
        if (name !== 'fit.loss') return;
        liveLoss[step] = value;
        set({ liveLoss: liveLoss.slice() });
      },
    });
    set({ activeJobId: id, liveLoss, lastOutcome: undefined });
    const done = await outcome;
    if (done.status === 'done') {
      set((state) => ({
        activeJobId: undefined,
        results: [done.result, ...state.results].slice(0, KEEP_RESULTS),
      }));
    } else {
      const lastOutcome =
        done.status === 'cancelled'
          ? ({ tone: 'info', text: 'The self-test was stopped.' } as const)
          : ({ tone: 'problem', text: `The self-test failed: ${done.error}` } as const);
      set({ activeJobId: undefined, lastOutcome });
    }
  },
  stopSelfTest() {
    const id = get().activeJobId;
    if (id) useJobs.getState().cancel(id);
  },
}));
