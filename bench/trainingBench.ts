/**
 * The MAE training-speed plan shared by the browser and Node benches: per backend, the tiny
 * preset, then the small one unless the tiny figure says it would take too long here, each under
 * a wall-clock cap. A run left out is recorded with its reason, never with a made-up figure.
 */
import type { BenchTrainParams, BenchTrainResult } from '../src/runtime/jobs/benchTrainConfig';

/** The MAE presets the plan times. */
export type BenchTrainPreset = 'tiny' | 'small';

export const TRAINING_BENCH = {
  runs: {
    tiny: { modelId: 'mae', preset: 'tiny', batchSize: 8, warmupSteps: 1, steps: 5 },
    small: { modelId: 'mae', preset: 'small', batchSize: 8, warmupSteps: 1, steps: 2 },
  } satisfies Record<BenchTrainPreset, BenchTrainParams>,
  /**
   * A small-preset step has taken 40–140× a tiny one here (Node wasm 40×, emulated WebGPU 42×,
   * Node cpu 136×): above this tiny step time the small preset's warm-up and timed steps would run
   * past the cap, so it is skipped at once.
   */
  skipSmallAboveTinyMs: 3000,
  /** Wall-clock cap on one preset's run, warm-up included (emulated WebGPU's small run: 1.5–4 min). */
  capSeconds: 420,
};

export type TrainingRun =
  Omit<BenchTrainResult, 'backend'> | { error: string } | { skipped: string };

export type BackendTraining = Record<BenchTrainPreset, TrainingRun>;

export class TrainingCapError extends Error {
  override name = 'TrainingCap';
}

/**
 * Runs the plan on one backend. `run` times one preset and must reject with TrainingCapError when
 * `capSeconds` pass first (the caller knows how to stop its job).
 */
export async function measureTrainingOn(
  where: string,
  backend: string,
  run: (params: BenchTrainParams) => Promise<BenchTrainResult>,
): Promise<BackendTraining> {
  const { runs, skipSmallAboveTinyMs, capSeconds } = TRAINING_BENCH;
  const out: Partial<BackendTraining> = {};
  for (const preset of ['tiny', 'small'] as const) {
    const tiny = out.tiny;
    if (
      preset === 'small' &&
      tiny &&
      'msPerStep' in tiny &&
      tiny.msPerStep > skipSmallAboveTinyMs
    ) {
      out.small = {
        skipped: `tiny took ${tiny.msPerStep.toFixed(0)} ms/step, over ${skipSmallAboveTinyMs}`,
      };
    } else if (preset === 'small' && tiny && !('msPerStep' in tiny)) {
      out.small = { skipped: 'tiny did not run' };
    } else {
      try {
        const { backend: ranOn, ...result } = await run(runs[preset]);
        if (ranOn !== backend) throw new Error(`ran on ${ranOn}, not on ${backend}`);
        out[preset] = result;
      } catch (error) {
        out[preset] =
          error instanceof TrainingCapError
            ? { skipped: `over the ${capSeconds} s cap` }
            : { error: firstLine(error) };
      }
    }
    console.log(`training ${where} ${backend} ${preset}: ${JSON.stringify(out[preset])}`);
  }
  return out as BackendTraining;
}

/** Rejects with TrainingCapError after `seconds` unless `work` settles first; calls `onCap` then. */
export function capped<T>(work: Promise<T>, seconds: number, onCap: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onCap();
      reject(new TrainingCapError(`over ${seconds} s`));
    }, seconds * 1000);
  });
  return Promise.race([work, cap]).finally(() => clearTimeout(timer));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
