/** The live simulator's settings and frames: plain data shared by the UI and the worker. */
import type { PdeId } from '../../pde/types';

export interface LiveConfig {
  pde: PdeId;
  /** The equation's own params (coefficients and choices such as the forcing). */
  params: Record<string, number | string | boolean>;
  scheme: string;
  n: number;
  dt: number;
  recordInterval: number;
  initialCondition: string;
  initialParams: Record<string, unknown>;
  seed: number;
}

export interface LiveFrame {
  time: number;
  /** Solver steps taken since the last reset. */
  steps: number;
  n: number;
  channels: readonly string[];
  /** [N, N, C], axis 0 = x. */
  data: Float32Array;
  /** The equation's measures (energy, enstrophy…) of this state, and their labels. */
  measures: number[];
  measureLabels: readonly string[];
  /** (u, v) as [N, N, 2], for equations with a flow velocity. */
  velocity?: Float32Array;
  /** Set while the requested Δt is beyond the stability limit and the lab sub-steps. */
  substepNote?: string;
}

/** A brush stroke on the field, in fractions of the box (0…1) and of its value range. */
export interface PaintStroke {
  x: number;
  y: number;
  radius: number;
  amount: number;
  channel: number;
}
