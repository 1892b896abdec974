/**
 * One MAE training step as the Train panel takes it (createMaeTraining + the generic trainLoop,
 * AdamW, clipping at 1, the shift augmentation), on the bench's in-memory smooth trajectories,
 * like src/runtime/jobs/benchTrain.ts but for any preset and under a wall-clock cap. Every step is
 * synced, so the time between the loop's yields is the honest step time.
 */
import { MAE_PRESETS, maeParameterCount, type MaePresetId } from '../../../src/models/mae/config';
import { createMaeTraining } from '../../../src/models/mae/train';
import { trainLoop } from '../../../src/models/nn/trainLoop';
import { smoothTrajectories } from '../../../src/runtime/jobs/benchTrainData';
import { median, now, round } from './timing';

export interface MaeFigure {
  preset: MaePresetId;
  parameters: number;
  batchSize: number;
  warmupMs: number;
  steps: number;
  msPerStep: number;
  samplesPerSecond: number;
}

class CapReached extends Error {}

/** The work of one step relative to another preset's: parameters × tokens (a rough guide). */
export function relativeCost(preset: MaePresetId, to: MaePresetId): number {
  const cost = (id: MaePresetId) => {
    const c = MAE_PRESETS[id].config;
    const tokens = (c.frames / c.patchT) * (c.size / c.patchXY) ** 2;
    return maeParameterCount(c) * tokens;
  };
  return cost(preset) / cost(to);
}

export async function measureMaeStep(
  preset: MaePresetId,
  { batchSize, maxSteps, capSeconds }: { batchSize: number; maxSteps: number; capSeconds: number },
): Promise<MaeFigure> {
  const config = MAE_PRESETS[preset].config;
  const warmupSteps = 1;
  const training = createMaeTraining({
    config,
    train: smoothTrajectories(4, 2 * config.frames, config.size),
    steps: warmupSteps + maxSteps,
    batchSize,
    schedule: 'warmup-cosine',
    weightDecay: 0.01,
    clipNorm: 1,
    validationWindows: 1,
  });
  const marks: number[] = [];
  try {
    await trainLoop({
      ...training.loopOptions({
        syncAt: () => true,
        yieldStep: async () => {
          marks.push(now());
          const timed = marks.length - 1 - warmupSteps;
          if (timed >= 1 && now() - marks[warmupSteps]! > capSeconds * 1000) throw new CapReached();
        },
      }),
      validate: undefined,
    });
    marks.push(now());
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
  } finally {
    training.dispose();
  }
  const stepMs = marks.slice(warmupSteps + 1).map((t, i) => t - marks[warmupSteps + i]!);
  const msPerStep = median(stepMs);
  return {
    preset,
    parameters: maeParameterCount(config),
    batchSize,
    warmupMs: round(marks[warmupSteps]! - marks[0]!, 4),
    steps: stepMs.length,
    msPerStep: round(msPerStep, 4),
    samplesPerSecond: round((1000 * batchSize) / msPerStep),
  };
}
