/**
 * What an equation provides to the rest of the lab. Each equation folder has an info.ts (plain
 * data, listed in pde/catalog.ts for the UI) and a spec.ts (info + solvers, listed in
 * pde/registry.ts for the worker and the CLI); controls, URL codec, CLI flags and docs come from it.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Schema, SchemaValues } from '../schema/params';
import type { Grid } from './grid';

export type PdeId = 'heat' | 'wave' | 'ns' | 'advection' | 'swirl' | 'burgers';

export interface SchemeSpec {
  id: string;
  label: string;
  /** One sentence: what the scheme is and when to pick it. */
  explanation: string;
  /** True when its solver is exact (jumps a whole record interval in one step); see Solver. */
  exact?: boolean;
  /**
   * Relative cost of one solver step per grid cell (heat's spectral propagator = 1; measured
   * on tfjs cpu at 32², rounded), for progress and ETA by work rather than by trajectories.
   * Default 1.
   */
  stepCost?: number;
}

/** Numeric coefficients for a batch: one value per trajectory for each number param. */
export type BatchCoefficients = Record<string, Float32Array>;

export interface SolverSetup {
  grid: Grid;
  scheme: string;
  batch: number;
  coefficients: BatchCoefficients;
  /** Values of the spec's choice and boolean params (e.g. the forcing), shared by the batch. */
  options: Record<string, string | boolean>;
}

/** Advances a batch of states [B, N, N, C] in time. Owns its tensors until dispose(). */
export interface Solver {
  /**
   * True when `advance` is exact for any Δt (spectral propagators): the driver then jumps
   * straight from one record time to the next.
   */
  readonly exact: boolean;
  /**
   * The largest Δt the scheme is stable with for this state and these coefficients
   * (Infinity when unconditionally stable). May read a small value back from the GPU.
   */
  stableDt(state: tf.Tensor4D): Promise<number>;
  /** One step (or, when exact, the exact evolution) over Δt. Returns a new tensor. */
  advance(state: tf.Tensor4D, dt: number): tf.Tensor4D;
  dispose(): void;
}

/** Everything about an equation except its solvers: plain data, safe for the main thread. */
export interface PdeInfo<P extends Schema = Schema> {
  id: PdeId;
  title: string;
  /** The equation in plain text, e.g. "u_t = ν Δu". */
  equation: string;
  /** A paragraph a student can read next to the controls. */
  explanation: string;
  /** Physical coefficients with the seed papers' ranges and defaults. */
  params: P;
  /** Names of the state channels, in order (e.g. ['u', 'u_t']). */
  channels: readonly string[];
  /**
   * How a one-channel initial condition fills the other channels: 'zeros' (a wave starts at
   * rest) or 'repeat' (MAE's Burgers starts with v = u). Default 'zeros'.
   */
  initialFill?: 'zeros' | 'repeat';
  /** The initial condition the live simulator starts from (an id in pde/initial/registry). */
  defaultInitialCondition: string;
  /** Scalar diagnostics worth plotting over time (energy, enstrophy), in the order `measure` returns them. */
  measures: readonly { id: string; label: string }[];
  /** The default periodic box: side length and first coordinate. */
  domain: { length: number; origin: number };
  schemes: readonly SchemeSpec[];
  defaultScheme: string;
  /** Default solver step and record interval (time units), from the reference datasets. */
  defaultDt: number;
  defaultRecordInterval: number;
}

/** An equation with its solvers (tfjs): used in the worker, in Node tests and in the CLI. */
export interface PdeSpec<P extends Schema = Schema> extends PdeInfo<P> {
  createSolver(setup: SolverSetup): Solver;
  /** The `measures` of each trajectory: [B, measures.length]. */
  measure(state: tf.Tensor4D, setup: SolverSetup): tf.Tensor2D;
  /** The flow velocity (u, v) as [B, N, N, 2], for equations that have one. */
  velocity?(state: tf.Tensor4D, setup: SolverSetup): tf.Tensor4D;
}

export type PdeParams<S extends PdeInfo> = SchemaValues<S['params']>;
