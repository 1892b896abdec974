import type { Schema, SchemaValues } from '../../schema/params';
import type { Grid } from '../grid';
import type { PdeId } from '../types';

/**
 * One family of initial conditions. `generate` is pure and deterministic: trajectory b is drawn
 * from `seeds[b]` alone (one seed per trajectory, e.g. from trajectorySeeds; the batch size is
 * seeds.length), and it returns a Float32Array [B, N, N, channels], axis 1 = x, axis 2 = y.
 */
export interface InitialConditionSpec<S extends Schema = Schema> {
  id: string;
  label: string;
  /** One line for the UI. */
  explanation: string;
  params: S;
  /** How many channels it fills, e.g. 2 for the wave's (u, u_t). */
  channels: number;
  /** False for the deterministic presets: every trajectory is the same. */
  usesSeed: boolean;
  /** Equations it is meant for (the papers' pairing or the classroom's). */
  suggestedFor: readonly PdeId[];
  generate(grid: Grid, seeds: readonly number[], params: SchemaValues<S>): Float32Array;
}

/** Declares a spec with its schema type kept, so `generate` sees typed params. */
export function defineInitialCondition<const S extends Schema>(
  spec: InitialConditionSpec<S>,
): InitialConditionSpec<S> {
  return spec;
}
