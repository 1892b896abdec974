/**
 * The step axis of loss charts: linear or logarithmic. Steps count from 1, so a log axis shows a
 * 40-step run and a 30,000-step run side by side; runs whose lengths differ by more than
 * LOG_STEPS_RATIO default to it.
 */

export type StepAxisType = 'linear' | 'log';

/** Longest over shortest run beyond which the overlay starts on a log step axis. */
export const LOG_STEPS_RATIO = 10;

/** True when the longest of these runs is more than LOG_STEPS_RATIO times the shortest. */
export function lengthsCallForLogSteps(lengths: readonly number[]): boolean {
  const positive = lengths.filter((n) => Number.isFinite(n) && n > 0);
  if (positive.length < 2) return false;
  return Math.max(...positive) > LOG_STEPS_RATIO * Math.min(...positive);
}

/** The last step of a run's recorded history (0 when it has none). */
export function lastStep(steps: readonly number[]): number {
  return steps.length === 0 ? 0 : steps[steps.length - 1]!;
}

/** Plotly's x axis for steps: a log axis drops step 0 and below, which Plotly cannot place. */
export function stepAxisLayout(type: StepAxisType) {
  return {
    title: { text: type === 'log' ? 'step (log scale)' : 'step' },
    type,
  } as const;
}
