/**
 * Fixed-grid ODE integration over tensors: the classical fourth-order Runge–Kutta scheme in its
 * 3/8-rule form, which is what torchdiffeq's `method="rk4"` runs (`rk4_alt_step_func`), with one
 * step per interval of the requested times, as torchdiffeq does on a fixed grid without
 * `step_size` (DINo's latent rollouts).
 */
import * as tf from '@tensorflow/tfjs';

/** dy/dt = f(y, t). Autonomous systems ignore t. */
export type OdeFunction<T extends tf.Tensor = tf.Tensor> = (y: T, t: number) => T;

/**
 * One step of size dt from (t, y):
 *   k1 = f(t, y)
 *   k2 = f(t + dt/3, y + dt·k1/3)
 *   k3 = f(t + 2dt/3, y + dt·(k2 − k1/3))
 *   k4 = f(t + dt, y + dt·(k1 − k2 + k3))
 *   y' = y + dt·(k1 + 3k2 + 3k3 + k4)/8
 */
export function rk4Step<T extends tf.Tensor>(f: OdeFunction<T>, y: T, dt: number, t = 0): T {
  return tf.tidy(() => {
    const k1 = f(y, t);
    const k2 = f(y.add(k1.mul(dt / 3)) as T, t + dt / 3);
    const k3 = f(y.add(k2.sub(k1.div(3)).mul(dt)) as T, t + (2 * dt) / 3);
    const k4 = f(y.add(k1.sub(k2).add(k3).mul(dt)) as T, t + dt);
    const increment = k1
      .add(k2.add(k3).mul(3))
      .add(k4)
      .mul(dt / 8);
    return y.add(increment) as T;
  });
}

/**
 * The states at `times` (increasing or decreasing), stacked on a new leading axis:
 * [times.length, ...y0.shape]; the first is y0 itself. One rk4Step per interval.
 */
export function odeint<T extends tf.Tensor>(
  f: OdeFunction<T>,
  y0: T,
  times: readonly number[],
): tf.Tensor {
  if (times.length === 0) throw new Error('odeint needs at least one time.');
  return tf.tidy(() => {
    const states: tf.Tensor[] = [y0];
    let y = y0;
    for (let i = 1; i < times.length; i++) {
      y = rk4Step(f, y, times[i]! - times[i - 1]!, times[i - 1]!);
      states.push(y);
    }
    return tf.stack(states);
  });
}
