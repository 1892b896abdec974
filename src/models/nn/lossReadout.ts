/**
 * Reads a training loop's per-step loss and gradient norm back from the device in batches,
 * without blocking the steps: each step leaves its two scalars here, a read concatenates every
 * waiting scalar into one tensor and starts `data()` on it, and the values are collected once
 * the promise has settled. At most one read is in flight: starting a second waits for the
 * first, which bounds how far the loop can run ahead of the device.
 */
import * as tf from '@tensorflow/tfjs';

/** What a step leaves behind for its metrics besides the two numbers on the device. */
export interface StepRecord {
  /** Steps completed, this one included. */
  step: number;
  lr: number;
  /** Wall time of the step's own work (no readback wait). */
  stepMs: number;
}

export interface ReadStep extends StepRecord {
  loss: number;
  gradNorm: number;
  /** Mean wall time per step over this read's steps, waits for the device included. */
  meanStepMs: number;
}

/** The steps of one finished read, in order, up to (excluding) the first non-finite one. */
export interface ReadResult {
  steps: ReadStep[];
  /** The first step whose loss or gradient norm is NaN or ±Infinity. */
  diverged?: ReadStep;
}

interface Waiting extends StepRecord {
  loss: tf.Scalar;
  gradNorm: tf.Scalar;
}

interface InFlight {
  records: StepRecord[];
  /** Wall time of the read's steps' own work. */
  spanMs: number;
  readout: tf.Tensor;
  values: Promise<Float32Array>;
  settled: boolean;
}

export class LossReadout {
  constructor(private readonly now: () => number) {}

  private waiting: Waiting[] = [];
  private inFlight: InFlight | null = null;
  private spanMs = 0;
  /** Settled reads not collected yet (at most one: a new read waits for the old one). */
  private done: ReadResult[] = [];

  /** Steps handed over and not yet started on a read. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Takes ownership of the step's loss and norm scalars. */
  push(record: StepRecord, loss: tf.Scalar, gradNorm: tf.Scalar): void {
    this.waiting.push({ ...record, loss, gradNorm });
  }

  /** Adds wall time spent on the steps now waiting (their work; waits are added on settling). */
  addTime(ms: number): void {
    this.spanMs += ms;
  }

  /** Starts reading every waiting step; first waits for the read in flight, if any. */
  async start(): Promise<void> {
    if (this.waiting.length === 0) return;
    if (this.inFlight) await this.settleInFlight();
    const waiting = this.waiting;
    this.waiting = [];
    const readout = tf.stack(waiting.flatMap((w) => [w.loss, w.gradNorm]));
    tf.dispose(waiting.flatMap((w) => [w.loss, w.gradNorm]));
    const flight: InFlight = {
      records: waiting.map(({ step, lr, stepMs }) => ({ step, lr, stepMs })),
      spanMs: this.spanMs,
      readout,
      values: readout.data<'float32'>(),
      settled: false,
    };
    this.spanMs = 0;
    flight.values.then(
      () => (flight.settled = true),
      () => (flight.settled = true),
    );
    this.inFlight = flight;
  }

  /** The reads that have settled by now; awaiting a settled promise takes no device time. */
  async poll(): Promise<ReadResult[]> {
    if (this.inFlight?.settled) await this.settleInFlight();
    return this.done.splice(0);
  }

  /** Reads every step handed over so far and waits for all of it. */
  async drain(): Promise<ReadResult[]> {
    await this.start();
    if (this.inFlight) await this.settleInFlight();
    return this.done.splice(0);
  }

  /** Frees everything still held, waiting for a read in flight to finish first. */
  async dispose(): Promise<void> {
    tf.dispose(this.waiting.flatMap((w) => [w.loss, w.gradNorm]));
    this.waiting = [];
    const flight = this.inFlight;
    this.inFlight = null;
    if (flight) {
      await flight.values.catch(() => undefined);
      flight.readout.dispose();
    }
    this.done = [];
  }

  private async settleInFlight(): Promise<void> {
    const flight = this.inFlight!;
    this.inFlight = null;
    const waitStarted = this.now();
    let values: Float32Array;
    try {
      values = await flight.values;
    } finally {
      flight.readout.dispose();
    }
    // Waiting for the device is part of these steps' cost (on the CPU backends it is ~0).
    const meanStepMs = (flight.spanMs + this.now() - waitStarted) / flight.records.length;
    const result: ReadResult = { steps: [] };
    for (const [i, record] of flight.records.entries()) {
      const step: ReadStep = {
        ...record,
        loss: values[2 * i]!,
        gradNorm: values[2 * i + 1]!,
        meanStepMs,
      };
      if (!Number.isFinite(step.loss) || !Number.isFinite(step.gradNorm)) {
        result.diverged = step;
        break;
      }
      result.steps.push(step);
    }
    this.done.push(result);
  }
}
