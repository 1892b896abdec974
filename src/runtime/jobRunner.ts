/**
 * Runs jobs inside the compute worker: gives each one progress reporting with an ETA, metrics,
 * snapshots, pause/resume and cooperative cancellation that take effect at the job's next step. Free of tfjs, so the
 * same runner drives jobs in Node tests and in the CLI.
 */
import { JOB_CANCELLED, type JobEvent, type JobProgress, type SnapshotData } from './protocol';

export class JobCancelledError extends Error {
  override name = JOB_CANCELLED;
  constructor() {
    super('Stopped on request.');
  }
}

export interface JobContext {
  readonly signal: AbortSignal;
  /** Reports overall progress (0…1) and what the job is doing now. */
  progress(fraction: number, message: string): void;
  metric(name: string, step: number, value: number): void;
  /** Sends a picture of the job's current state (its arrays are transferred, not copied). */
  snapshot(step: number, data: SnapshotData): void;
  /** True from a pause request until the resume. */
  readonly paused: boolean;
  /**
   * Call once per step: yields to the event loop so that a Stop or Pause message can arrive,
   * waits while the job is paused, then throws JobCancelledError if it was stopped.
   */
  step(): Promise<void>;
  /** Resolves at once when not paused, else on resume; throws JobCancelledError on a stop. */
  whilePaused(): Promise<void>;
}

export type JobHandler<P, R> = (params: P, ctx: JobContext) => Promise<R>;

/** Progress events are limited to this rate; the final one and message changes always pass. */
const PROGRESS_INTERVAL_MS = 100;

/** One running job's controls: its stop signal and its pause state. */
class JobControl {
  readonly controller = new AbortController();
  paused = false;
  private waiters: (() => void)[] = [];
  /** Called on resume (the ETA restarts, so the pause does not count as slowness). */
  onResume: () => void = () => {};

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.onResume();
    this.wake();
  }

  abort(): void {
    this.controller.abort();
    this.wake();
  }

  async whilePaused(): Promise<void> {
    while (this.paused && !this.controller.signal.aborted) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.controller.signal.aborted) throw new JobCancelledError();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

export class JobRunner {
  private readonly active = new Map<string, JobControl>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  async run<P, R>(
    jobId: string,
    handler: JobHandler<P, R>,
    params: P,
    emit: (event: JobEvent) => void,
  ): Promise<R> {
    if (this.active.has(jobId)) throw new Error(`Job ${jobId} is already running.`);
    const control = new JobControl();
    this.active.set(jobId, control);
    const ctx = this.createContext(control, emit);
    try {
      return await handler(params, ctx);
    } finally {
      this.active.delete(jobId);
    }
  }

  cancel(jobId: string): void {
    this.active.get(jobId)?.abort();
  }

  pause(jobId: string): void {
    this.active.get(jobId)?.pause();
  }

  resume(jobId: string): void {
    this.active.get(jobId)?.resume();
  }

  get runningJobIds(): string[] {
    return [...this.active.keys()];
  }

  private createContext(control: JobControl, emit: (event: JobEvent) => void): JobContext {
    const signal = control.controller.signal;
    let eta = new EtaEstimator(this.now);
    control.onResume = () => {
      eta = new EtaEstimator(this.now);
    };
    let lastSent = -Infinity;
    let lastMessage = '';
    return {
      signal,
      progress: (fraction, message) => {
        const clamped = Math.min(1, Math.max(0, fraction));
        const etaSeconds = eta.update(clamped);
        const t = this.now();
        if (clamped < 1 && message === lastMessage && t - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = t;
        lastMessage = message;
        const progress: JobProgress = { fraction: clamped, etaSeconds, message };
        emit({ type: 'progress', progress });
      },
      metric: (name, step, value) => emit({ type: 'metric', name, step, value }),
      snapshot: (step, data) => emit({ type: 'snapshot', step, data }),
      get paused() {
        return control.paused;
      },
      step: async () => {
        await yieldToEventLoop();
        await control.whilePaused();
      },
      whilePaused: () => control.whilePaused(),
    };
  }
}

/** An estimate needs this many progress reports (the first one included)… */
const ETA_MIN_REPORTS = 3;
/** …spanning at least this long, so one fast first step cannot promise everything. */
const ETA_MIN_ELAPSED_MS = 300;
/** Time constant with which the shown estimate follows the computed one. */
const ETA_SMOOTHING_MS = 2000;

/**
 * Remaining time from the rate over the latest half of the elapsed time (so a job whose steps
 * slow down is caught up with, while a long window keeps per-step noise out), from the third
 * report on. The shown value counts down between reports and follows the computed one smoothly
 * (time constant ETA_SMOOTHING_MS), so it doesn't flicker.
 */
export class EtaEstimator {
  /** Reports from the start of the rate window on (the oldest may precede it). */
  private samples: { t: number; fraction: number }[] = [];
  private first: { t: number; fraction: number } | null = null;
  private reports = 0;
  private shown: { t: number; seconds: number } | null = null;

  constructor(private readonly now: () => number) {}

  update(fraction: number): number | null {
    const t = this.now();
    this.reports += 1;
    this.first ??= { t, fraction };
    this.samples.push({ t, fraction });
    if (fraction >= 1) return 0;
    const elapsed = t - this.first.t;
    const windowStart = t - Math.max(ETA_MIN_ELAPSED_MS, elapsed / 2);
    while (this.samples.length > 2 && this.samples[1]!.t <= windowStart) this.samples.shift();
    const from = this.samples[0]!;
    const done = fraction - from.fraction;
    if (this.reports < ETA_MIN_REPORTS || elapsed < ETA_MIN_ELAPSED_MS || !(done > 0)) {
      return this.shown ? this.countdown(t) : null;
    }
    const computed = (((t - from.t) / done) * (1 - fraction)) / 1000;
    if (!this.shown) {
      this.shown = { t, seconds: computed };
      return computed;
    }
    const projected = this.countdown(t);
    const weight = 1 - Math.exp(-(t - this.shown.t) / ETA_SMOOTHING_MS);
    this.shown = { t, seconds: projected + weight * (computed - projected) };
    return this.shown.seconds;
  }

  /** The last shown estimate, less the time since. */
  private countdown(t: number): number {
    return Math.max(0, this.shown!.seconds - (t - this.shown!.t) / 1000);
  }
}

/** A macrotask boundary: lets queued messages (such as a Stop) be handled. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
