/**
 * Runs jobs inside the compute worker: gives each one progress reporting with an ETA, metrics,
 * and cooperative cancellation that takes effect at the job's next step. Free of tfjs, so the
 * same runner drives jobs in Node tests and in the CLI.
 */
import { JOB_CANCELLED, type JobEvent, type JobProgress } from './protocol';

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
  /**
   * Call once per step: yields to the event loop so that a Stop message can arrive, then throws
   * JobCancelledError if it did.
   */
  step(): Promise<void>;
}

export type JobHandler<P, R> = (params: P, ctx: JobContext) => Promise<R>;

/** Progress events are limited to this rate; the final one and message changes always pass. */
const PROGRESS_INTERVAL_MS = 100;

export class JobRunner {
  private readonly active = new Map<string, AbortController>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  async run<P, R>(
    jobId: string,
    handler: JobHandler<P, R>,
    params: P,
    emit: (event: JobEvent) => void,
  ): Promise<R> {
    if (this.active.has(jobId)) throw new Error(`Job ${jobId} is already running.`);
    const controller = new AbortController();
    this.active.set(jobId, controller);
    const ctx = this.createContext(controller.signal, emit);
    try {
      return await handler(params, ctx);
    } finally {
      this.active.delete(jobId);
    }
  }

  cancel(jobId: string): void {
    this.active.get(jobId)?.abort();
  }

  get runningJobIds(): string[] {
    return [...this.active.keys()];
  }

  private createContext(signal: AbortSignal, emit: (event: JobEvent) => void): JobContext {
    const eta = new EtaEstimator(this.now);
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
      step: async () => {
        await yieldToEventLoop();
        if (signal.aborted) throw new JobCancelledError();
      },
    };
  }
}

/**
 * Remaining time from the average rate since the first progress report. Returns null until
 * at least 2% of the work and half a second have passed, so early guesses don't flicker.
 */
export class EtaEstimator {
  private start: { t: number; fraction: number } | null = null;

  constructor(private readonly now: () => number) {}

  update(fraction: number): number | null {
    const t = this.now();
    if (!this.start) {
      this.start = { t, fraction };
      return null;
    }
    if (fraction >= 1) return 0;
    const done = fraction - this.start.fraction;
    const elapsed = t - this.start.t;
    if (done < 0.02 || elapsed < 500) return null;
    return ((elapsed / done) * (1 - fraction)) / 1000;
  }
}

/** A macrotask boundary: lets queued messages (such as a Stop) be handled. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
