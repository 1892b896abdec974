/**
 * One PhysicNet-style training run in Node (trainPhysicNet with a progress line): what
 * `npm run pretrain -- physicnet` runs, and the progress lines of the experiment.
 */
import type { StepMetrics } from '../../nn/trainLoop';

/** A validation's progress line: loss, held-out errors, codebook use, flow error, time left. */
export function validationLine(
  label: string,
  m: StepMetrics,
  steps: number,
  elapsedSeconds: number,
): string | undefined {
  const v = m.validation;
  if (!v) return undefined;
  const eta = (elapsedSeconds / m.step) * (steps - m.step);
  const parts = [
    `loss ${m.loss.toExponential(2)}`,
    `held-out MSE ${v.testMse!.toExponential(2)}`,
    `SSIM ${v.ssim!.toFixed(3)}`,
    ...(v.perplexity !== undefined ? [`perplexity ${v.perplexity.toFixed(1)}`] : []),
    ...(v.deadCodes !== undefined ? [`dead ${(100 * v.deadCodes).toFixed(0)} %`] : []),
    ...(v.flowEndPointError !== undefined ? [`flow EPE ${v.flowEndPointError.toFixed(3)}`] : []),
  ];
  return `  ${label} step ${m.step}: ${parts.join(', ')}, ${elapsedSeconds.toFixed(0)} s, ETA ${eta.toFixed(0)} s`;
}
