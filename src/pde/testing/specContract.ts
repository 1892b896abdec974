/** Test helper: checks what every PdeSpec promises, for the spec tests of each equation. */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { defaults } from '../../schema/params';
import type { PdeSpec } from '../types';

/**
 * Defaults inside their ranges; every listed scheme builds from the defaults, advances a state
 * [B, N, N, C] to the same shape with finite values, and frees everything; an unknown scheme and
 * a missing coefficient are refused with a message naming them.
 */
export async function expectSpecContract(spec: PdeSpec): Promise<void> {
  for (const param of Object.values(spec.params)) {
    if (param.kind === 'number') {
      expect(param.default).toBeGreaterThanOrEqual(param.min);
      expect(param.default).toBeLessThanOrEqual(param.max);
    }
  }
  expect(spec.schemes.map((s) => s.id)).toContain(spec.defaultScheme);
  expect(spec.defaultDt).toBeGreaterThan(0);
  expect(spec.defaultRecordInterval).toBeGreaterThan(0);
  for (const text of [spec.title, spec.equation, spec.explanation])
    expect(text.length).toBeGreaterThan(0);

  const batch = 2;
  const grid = { n: 16, ...spec.domain };
  const values = defaults(spec.params) as Record<string, unknown>;
  const coefficients: Record<string, Float32Array> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number') coefficients[name] = new Float32Array(batch).fill(value);
  }
  const setup = { grid, batch, coefficients, options: {} };
  const channels = spec.channels.length;

  for (const scheme of spec.schemes) {
    expect(scheme.explanation.length).toBeGreaterThan(0);
    const before = tf.memory().numTensors;
    const solver = spec.createSolver({ ...setup, scheme: scheme.id });
    const state = tf.randomNormal([batch, grid.n, grid.n, channels]) as tf.Tensor4D;
    const dt = Math.min(spec.defaultDt, 0.5 * (await solver.stableDt(state)));
    const next = solver.advance(state, dt);
    expect(next.shape).toEqual(state.shape);
    const data = await next.data();
    expect(data.every((v) => Number.isFinite(v))).toBe(true);
    tf.dispose([state, next]);
    solver.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }

  expect(() => spec.createSolver({ ...setup, scheme: 'no-such-scheme' })).toThrow(
    /Unknown .*scheme "no-such-scheme"/,
  );
  for (const name of Object.keys(coefficients)) {
    const { [name]: _missing, ...rest } = coefficients;
    expect(() =>
      spec.createSolver({ ...setup, coefficients: rest, scheme: spec.defaultScheme }),
    ).toThrow(new RegExp(`"${name}"`));
  }
}
