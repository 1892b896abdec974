/**
 * The Data panel's live simulator: follows the simulation settings, plays by asking the worker
 * for one frame at a time (so it never runs ahead of the screen), keeps a short history to scrub
 * through, and pushes frames to views without re-rendering React.
 */
import { create } from 'zustand';
import type { LiveConfig, LiveFrame, PaintStroke } from '../runtime/live/config';
import type { PdeId } from '../pde/types';
import { errorMessage } from '../util/errorMessage';
import { computeClient, useRuntime } from './runtimeStore';
import { initialSectionId, pdeSectionId } from './simulationSchema';
import { useSettings } from './settingsStore';
import type { Settings } from './settingsSchema';

const HISTORY = 200;

export type LiveStatus = 'idle' | 'paused' | 'playing' | 'busy';

export interface FrameSummary {
  time: number;
  steps: number;
  /** The equation's measures (energy, enstrophy…), labelled by `measureLabels`. */
  measures: number[];
}

interface LiveState {
  status: LiveStatus;
  /** The frame on screen: the newest, or one picked from the history. */
  shownIndex: number;
  history: FrameSummary[];
  channels: readonly string[];
  measureLabels: readonly string[];
  /** Whether frames carry a flow velocity (Navier–Stokes, Burgers). */
  hasVelocity: boolean;
  n: number;
  problem?: string;
  substepNote?: string;
  play(): void;
  pause(): void;
  step(): Promise<void>;
  reset(): Promise<void>;
  show(index: number): void;
  paint(stroke: PaintStroke): Promise<void>;
}

type FrameListener = (frame: LiveFrame) => void;
const listeners = new Set<FrameListener>();
let frames: LiveFrame[] = [];
/** Worker calls run one at a time, in order: a settings change waits for the frame in flight. */
let queue: Promise<unknown> = Promise.resolve();

/** Runs a worker call after the previous one settles, so calls reach the worker in order. */
function inOrder<T>(call: () => Promise<T>): Promise<T> {
  const next = queue.then(call, call);
  queue = next.catch(() => undefined);
  return next;
}

/** Shows a frame from the worker: adds it to the history (or starts a new one) and draws it. */
function acceptFrame(frame: LiveFrame, restart = false): void {
  frames = restart ? [frame] : [...frames, frame].slice(-HISTORY);
  const summary: FrameSummary = {
    time: frame.time,
    steps: frame.steps,
    measures: frame.measures,
  };
  const history = restart ? [summary] : [...useLive.getState().history, summary].slice(-HISTORY);
  useLive.setState({
    history,
    shownIndex: history.length - 1,
    channels: frame.channels,
    measureLabels: frame.measureLabels,
    hasVelocity: frame.velocity !== undefined,
    n: frame.n,
    problem: undefined,
    substepNote: frame.substepNote,
  });
  for (const listener of listeners) listener(frame);
}

/** The newest frame's figures, for debugging and tests (`pdeLab.liveSummary()`). */
export function liveSummary() {
  const frame = frames.at(-1);
  if (!frame) return undefined;
  let finite = true;
  let sum = 0;
  for (const v of frame.data) {
    if (!Number.isFinite(v)) finite = false;
    sum += v * v;
  }
  return {
    time: frame.time,
    steps: frame.steps,
    n: frame.n,
    channels: frame.channels,
    finite,
    sumOfSquares: sum,
  };
}

/** Views draw frames as they arrive (or as the user scrubs) without a React render. */
export function subscribeLiveFrames(listener: FrameListener): () => void {
  listeners.add(listener);
  const current = frames[useLive.getState().shownIndex];
  if (current) listener(current);
  return () => listeners.delete(listener);
}

export function liveConfigFrom(values: Settings, pde?: PdeId): LiveConfig {
  const sim = values.sim as { pde: PdeId; n: string; seed: number };
  const id = pde ?? sim.pde;
  const section = values[pdeSectionId(id)] as Record<string, unknown>;
  const { scheme, initial, dt, record, ...params } = section;
  return {
    pde: id,
    params: params as LiveConfig['params'],
    scheme: String(scheme),
    n: Number(sim.n),
    dt: Number(dt),
    recordInterval: Number(record),
    initialCondition: String(initial),
    initialParams: values[initialSectionId(String(initial))] ?? {},
    seed: sim.seed,
  };
}

export const useLive = create<LiveState>()((set, get) => {
  const fail = (error: unknown) => set({ status: 'paused', problem: errorMessage(error) });

  const loop = async () => {
    while (get().status === 'playing') {
      const speed = Number(useSettings.getState().values.sim?.speed ?? 1);
      try {
        acceptFrame(await inOrder(() => computeClient().live().liveAdvance(speed)));
      } catch (error) {
        fail(error);
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  };

  return {
    status: 'idle',
    shownIndex: 0,
    history: [],
    channels: [],
    measureLabels: [],
    hasVelocity: false,
    n: 0,
    play() {
      if (get().status === 'playing' || frames.length === 0) return;
      set({ status: 'playing' });
      void loop();
    },
    pause() {
      if (get().status === 'playing') set({ status: 'paused' });
    },
    async step() {
      try {
        acceptFrame(await inOrder(() => computeClient().live().liveAdvance(1)));
      } catch (error) {
        fail(error);
      }
    },
    async reset() {
      try {
        acceptFrame(await inOrder(() => computeClient().live().liveReset()), true);
      } catch (error) {
        fail(error);
      }
    },
    show(index) {
      const frame = frames[index];
      if (!frame) return;
      set({ shownIndex: index, status: get().status === 'playing' ? 'paused' : get().status });
      for (const listener of listeners) listener(frame);
    },
    async paint(stroke) {
      try {
        acceptFrame(await inOrder(() => computeClient().live().livePaint(stroke)));
      } catch (error) {
        fail(error);
      }
    },
  };
});

let syncing = false;

/**
 * Sends the simulation settings to the worker whenever they (or the worker) change. Started by
 * the Data panel on its first visit, so other panels cost no simulation.
 */
export function ensureLiveSync(): void {
  if (syncing) return;
  syncing = true;
  let lastConfig = '';
  const configure = (force: boolean) => {
    if (useRuntime.getState().status !== 'ready') return;
    const config = liveConfigFrom(useSettings.getState().values);
    const key = JSON.stringify(config);
    if (!force && key === lastConfig) return;
    const restart = !lastConfig || restartNeeded(JSON.parse(lastConfig) as LiveConfig, config);
    lastConfig = key;
    useLive.setState((s) => ({ status: s.status === 'idle' ? 'paused' : s.status }));
    inOrder(() => computeClient().live().liveConfigure(config)).then(
      (frame) => acceptFrame(frame, restart),
      (error: unknown) => useLive.setState({ status: 'paused', problem: errorMessage(error) }),
    );
  };
  useSettings.subscribe(() => configure(false));
  // A fresh worker (first start, a restart, a new backend) has no simulation yet.
  useRuntime.subscribe((state, previous) => {
    if (state.status === 'ready' && previous.status !== 'ready') {
      lastConfig = '';
      configure(true);
    }
  });
  configure(true);
}

function restartNeeded(a: LiveConfig, b: LiveConfig): boolean {
  return (
    a.pde !== b.pde ||
    a.n !== b.n ||
    a.seed !== b.seed ||
    a.initialCondition !== b.initialCondition ||
    JSON.stringify(a.initialParams) !== JSON.stringify(b.initialParams)
  );
}
