/**
 * Kernel launches and readbacks per MAE training step on the active backend: a few steps of a
 * preset through the generic trainLoop (clipping and AdamW as the Train panel), counted from one
 * `trainStep` call to the next, so each step's count holds its forward and backward pass, its
 * update and whatever readback the loop started after it.
 */
import { countsBetween, startKernelCounter, type KernelCounts } from '../nn/kernelCounter';
import { trainLoop } from '../nn/trainLoop';
import { MAE_PRESETS, type MaePresetId } from './config';
import { createMaeTraining } from './train';
import type { TrajectoryArray } from './windows';

export interface StepCountOptions {
  batchSize?: number;
  /** Counted steps after the warm-up (default 2 × readEvery, so reads average out). */
  steps?: number;
  /**
   * Uncounted steps first (default 0: the first step launches what the others do). With a
   * multiple of readEvery, the counted steps' reads are those of a long run, the last step's
   * included.
   */
  warmupSteps?: number;
  /** The loop's readEvery (default its own default). */
  readEvery?: number;
}

export interface StepCounts {
  preset: MaePresetId;
  batchSize: number;
  steps: number;
  readEvery: number;
  /** Means over the counted steps. */
  kernelsPerStep: number;
  readbacksPerStep: number;
  syncReadbacksPerStep: number;
  /** GPU programs per step (webgpu dispatches, webgl draws); null on the CPU backends. */
  gpuProgramsPerStep: number | null;
  /** Each counted step's own counts. */
  perStep: KernelCounts[];
  /** Trainable tensors: what a per-parameter guard or update costs in kernels scales with. */
  parameterTensors: number;
}

export async function measureStepCounts(
  preset: MaePresetId,
  options: StepCountOptions = {},
): Promise<StepCounts> {
  const batchSize = options.batchSize ?? 8;
  const readEvery = options.readEvery ?? 10;
  const steps = options.steps ?? 2 * readEvery;
  const warmupSteps = options.warmupSteps ?? 0;
  const config = MAE_PRESETS[preset].config;
  const training = createMaeTraining({
    config,
    train: waves(2, 2 * config.frames, config.size),
    steps: warmupSteps + steps,
    batchSize,
    schedule: 'warmup-cosine',
    clipNorm: 1,
    validationWindows: 1,
  });
  const parameterTensors = training.model.params.trainable().length;
  const marks: KernelCounts[] = [];
  const counter = startKernelCounter();
  try {
    const loop = training.loopOptions();
    await trainLoop({
      ...loop,
      validate: undefined,
      readEvery,
      // Reads by step count only, whatever the speed of this machine.
      readEveryMs: Infinity,
      trainStep: (index) => {
        marks.push(counter.read());
        return training.trainStep(index);
      },
    });
    marks.push(counter.read());
  } finally {
    counter.stop();
    training.dispose();
  }
  const perStep = marks
    .slice(warmupSteps + 1)
    .map((m, i) => countsBetween(marks[warmupSteps + i]!, m));
  const mean = (pick: (c: KernelCounts) => number) =>
    perStep.reduce((sum, c) => sum + pick(c), 0) / perStep.length;
  return {
    preset,
    batchSize,
    steps,
    readEvery,
    kernelsPerStep: mean((c) => c.kernels),
    readbacksPerStep: mean((c) => c.readbacks),
    syncReadbacksPerStep: mean((c) => c.syncReadbacks),
    gpuProgramsPerStep: perStep[0]?.gpuPrograms === null ? null : mean((c) => c.gpuPrograms!),
    perStep,
    parameterTensors,
  };
}

/** Smooth travelling waves [count, frames, n, n, 1]: values do not change the counts. */
function waves(count: number, frames: number, n: number): TrajectoryArray {
  const data = new Float32Array(count * frames * n * n);
  let i = 0;
  for (let k = 0; k < count; k++) {
    for (let t = 0; t < frames; t++) {
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          data[i++] = Math.sin((2 * Math.PI * (x + (k + 1) * y)) / n + 0.2 * t);
        }
      }
    }
  }
  return { data, shape: [count, frames, n, n, 1] };
}
