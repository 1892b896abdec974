/**
 * A trajectory's first frame from a saved dataset, so the forecast lab can show where sensors go
 * before anything is forecast. Plain arrays; no model is loaded.
 */
import type { ModelJobContext } from '../../runtime';
import type { DinoFirstFrameParams, DinoFirstFrameResult } from './forecastConfig';

export async function dinoFirstFrame(
  params: DinoFirstFrameParams,
  ctx: ModelJobContext,
): Promise<DinoFirstFrameResult> {
  if (!Number.isInteger(params.trajectory) || params.trajectory < 0) {
    throw new RangeError(
      `The trajectory must be a whole number from 0 (got ${params.trajectory}).`,
    );
  }
  ctx.progress(0, 'Reading the dataset');
  const { meta, payload } = await ctx.readDataset(params.datasetId);
  if (payload.shape.length !== 5) {
    throw new RangeError('The dataset is not a [N, T, X, Y, C] array of trajectories.');
  }
  const [N, T, X, Y, C] = payload.shape as unknown as [number, number, number, number, number];
  if (params.trajectory >= N) {
    throw new RangeError(
      `This dataset has ${N} trajectories (0…${N - 1}); trajectory ${params.trajectory} does not exist.`,
    );
  }
  const size = X * Y * C;
  const start = params.trajectory * T * size;
  ctx.progress(1, 'First frame read');
  return {
    trajectory: params.trajectory,
    frame: payload.data.slice(start, start + size),
    gridX: X,
    gridY: Y,
    channels: [...meta.channels],
  };
}
