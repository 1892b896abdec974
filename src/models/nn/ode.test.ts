import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { odeint, rk4Step } from './ode';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** y' = A·y with A = [[−0.5, 2], [−2, −0.5]]: a decaying rotation, y(t) = e^{−t/2}·R(2t)·y0. */
const decayingRotation = (y: tf.Tensor) =>
  tf.tidy(() => tf.matMul(y, tf.tensor2d([-0.5, -2, 2, -0.5], [2, 2])));

function exactRotation(t: number, y0: [number, number]): [number, number] {
  const decay = Math.exp(-0.5 * t);
  const [c, s] = [Math.cos(2 * t), Math.sin(2 * t)];
  return [decay * (c * y0[0] + s * y0[1]), decay * (-s * y0[0] + c * y0[1])];
}

/**
 * Final-state error of odeint for a unit rotation y' = (y₂, −y₁) over [0, 8] with n equal steps.
 * The errors (6e-2 … 3e-4 for n = 8 … 32) stay far above float32 rounding.
 */
function rotationError(steps: number): number {
  const T = 8;
  const times = Array.from({ length: steps + 1 }, (_, i) => (i * T) / steps);
  const rotate = (y: tf.Tensor) => tf.tidy(() => tf.matMul(y, tf.tensor2d([0, -1, 1, 0], [2, 2])));
  return tf.tidy(() => {
    const path = odeint(rotate, tf.tensor2d([[1, 0]]), times);
    const values = path.dataSync();
    const [a, b] = [values[2 * steps]!, values[2 * steps + 1]!];
    return Math.hypot(a - Math.cos(T), b + Math.sin(T));
  });
}

describe('rk4Step', () => {
  it('is the 3/8 rule (torchdiffeq "rk4"), not the classical Simpson-weighted RK4', () => {
    // For y' = t⁴ one step from 0 is a quadrature of ∫₀¹ t⁴ dt = 0.2: the 3/8 rule gives
    // (3·(1/3)⁴ + 3·(2/3)⁴ + 1)/8 = 0.2037…, the classical scheme (4·(1/2)⁴ + 1)/6 = 0.2083….
    const y = rk4Step((x, t) => tf.fill(x.shape, t ** 4), tf.scalar(0), 1, 0);
    expect(y.dataSync()[0]).toBeCloseTo(132 / 81 / 8, 6);
    y.dispose();
  });

  it('passes the time of each stage to f', () => {
    const seen: number[] = [];
    const y = rk4Step(
      (x, t) => {
        seen.push(t);
        return tf.zerosLike(x);
      },
      tf.scalar(1),
      0.3,
      2,
    );
    y.dispose();
    expect(seen.map((t) => +t.toFixed(6))).toEqual([2, 2.1, 2.2, 2.3]);
  });
});

describe('odeint', () => {
  it('follows a linear system closely, one step per interval, starting from y0', () => {
    const times = Array.from({ length: 21 }, (_, i) => i * 0.05);
    const y0: [number, number] = [1, 0.5];
    const path = odeint(decayingRotation, tf.tensor2d([y0], [1, 2]), times);
    expect(path.shape).toEqual([21, 1, 2]);
    const values = path.dataSync();
    path.dispose();
    expect([values[0], values[1]]).toEqual([1, 0.5]);
    for (let i = 0; i < times.length; i++) {
      const [a, b] = exactRotation(times[i]!, y0);
      expect(Math.abs(values[2 * i]! - a)).toBeLessThan(1e-5);
      expect(Math.abs(values[2 * i + 1]! - b)).toBeLessThan(1e-5);
    }
  });

  it('is fourth order: halving the step divides the error by about 16', () => {
    const errors = [8, 16, 32].map(rotationError);
    for (let i = 0; i + 1 < errors.length; i++) {
      const ratio = errors[i]! / errors[i + 1]!;
      expect(ratio).toBeGreaterThan(14.5);
      expect(ratio).toBeLessThan(17.5);
    }
  });

  it('integrates backwards in time when the times decrease', () => {
    const path = odeint((y) => y, tf.tensor1d([Math.E]), [1, 0.75, 0.5, 0.25, 0]);
    expect(path.dataSync()[4]).toBeCloseTo(1, 3);
    path.dispose();
  });

  it('leaves no tensors behind but its result', () => {
    const y0 = tf.tensor2d([[1, 2]]);
    const before = tf.memory().numTensors;
    const path = odeint(decayingRotation, y0, [0, 0.1, 0.2, 0.3]);
    expect(tf.memory().numTensors).toBe(before + 1);
    path.dispose();
    expect(tf.memory().numTensors).toBe(before);
    y0.dispose();
  });
});
