import * as tf from '@tensorflow/tfjs';

/** Tensors that depend only on Δt, kept for the most recent Δt (drivers step with a fixed Δt). */
export interface StepCache<T> {
  get(dt: number): T;
  dispose(): void;
}

export function createStepCache<T extends Record<string, tf.Tensor>>(
  compute: (dt: number) => T,
): StepCache<T> {
  let cachedDt: number | undefined;
  let cached: T | undefined;
  return {
    get(dt) {
      if (cached === undefined || dt !== cachedDt) {
        if (cached) tf.dispose(Object.values(cached));
        const value = tf.tidy(() => compute(dt));
        // Safe to call inside an outer tf.tidy: kept tensors outlive it.
        for (const t of Object.values(value)) tf.keep(t);
        cached = value;
        cachedDt = dt;
      }
      return cached;
    },
    dispose() {
      if (cached) tf.dispose(Object.values(cached));
      cached = undefined;
      cachedDt = undefined;
    },
  };
}
