/**
 * The coefficient-regression job: loads the pretrained MAE and a saved dataset, then runs the
 * paper's three-arm protocol (../downstream/regressionExperiment) with the dataset's
 * train split as the label pool and its test split (or validation, when there is no test) scored.
 */
import { checkTrainable } from '../../../data/io/nonFinite';
import { splitRange } from '../../../data/trajectories';
import type { ModelJobContext } from '../../runtime';
import { regressionSet } from '../downstream/regression';
import { runRegressionExperiment } from '../downstream/regressionExperiment';
import { loadEncoder } from './loadEncoder';
import {
  regressionParamsProblem,
  type RegressionExperimentParams,
  type RegressionExperimentResult,
} from './regressionExperimentConfig';

const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

export async function regressionExperiment(
  params: RegressionExperimentParams,
  ctx: ModelJobContext,
): Promise<RegressionExperimentResult> {
  const problem = regressionParamsProblem(params);
  if (problem) throw new RangeError(problem);

  ctx.progress(0, 'Reading the dataset');
  const dataset = await ctx.readDataset(params.datasetId);
  const { meta } = dataset;
  checkTrainable(meta);
  const { data, shape } = dataset.payload;
  const total = shape[0]!;
  const pool = range(0, Math.min(meta.split.train, total));
  const test = splitRange(meta.split, total, 'test');
  const scored = test.count > 0 ? test : splitRange(meta.split, total, 'validation');
  const split = test.count > 0 ? 'test' : 'validation';
  if (pool.length === 0) {
    throw new Error(
      'This dataset keeps no training trajectories to label; build one with a train split.',
    );
  }
  if (scored.count === 0) {
    throw new Error(
      'This dataset keeps no test or validation trajectories to score the regression on.',
    );
  }

  ctx.progress(0, 'Loading the encoder');
  const loaded = await loadEncoder(ctx, params.checkpointId, 'choose another encoder');
  try {
    const { model } = loaded;
    const set = regressionSet(
      model,
      { data, shape: shape as [number, number, number, number, number] },
      meta,
    );
    const scoredRows = range(scored.first, scored.count);
    const result = await runRegressionExperiment(
      model,
      set,
      pool,
      scoredRows,
      {
        arms: params.arms,
        budgets: params.budgets,
        seeds: params.seeds,
        training: {
          steps: params.steps,
          batchSize: params.batchSize,
          lr: params.lr,
          minLr: params.lr / 10,
          weightDecay: 0.01,
        },
      },
      {
        yieldStep: () => ctx.step(),
        progress: (fraction, message) => ctx.progress(fraction, message),
      },
    );
    const slots = set.targets.slots.length;
    const pick = (array: Float32Array) => {
      const out = new Float32Array(scoredRows.length * slots);
      scoredRows.forEach((n, k) => out.set(array.subarray(n * slots, (n + 1) * slots), k * slots));
      return out;
    };
    return {
      ...result,
      slots: set.targets.slots,
      columns: set.targets.columns,
      truth: {
        equations: scoredRows.map((n) => set.targets.equations[n]!),
        values: pick(set.targets.values),
        present: pick(set.targets.present),
      },
      pool: pool.length,
      scored: { split, count: scored.count },
      runName: loaded.runName,
      step: loaded.step,
    };
  } finally {
    loaded.model.dispose();
  }
}
