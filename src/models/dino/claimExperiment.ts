/**
 * DINo's claim protocol (methods §3g) on any trajectories, tfjs only: for each subsampling rate
 * it trains DINo on the training trajectories observed at that rate, scores it on held-out ones
 * split In-t/Out-t × In-s/Out-s, trains the grid baseline on the same sparse data and scores it
 * the same way, then judges the claim on the numbers. The CLI and the browser's job both run it.
 */
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import type { StepMetrics } from '../nn/trainLoop';
import { judgeDinoClaim, type ClaimVerdict, type RateErrors } from './claim';
import type { DinoConfig } from './config';
import { errorTable } from './errorTable';
import { evaluateDino } from './evaluation';
import { trainGridBaseline } from './gridBaseline';
import type { DinoModel } from './model';
import { observationMask } from './observation';
import { trainDino } from './trainDino';

/** DINo's decoder learning rate, and the grid baseline's peak one. */
const DINO_LR = 1e-2;
const BASELINE_LR = 3e-3;

export interface ClaimExperimentHooks {
  /** Overall progress 0…1 and the phase in words. */
  progress?(fraction: number, message: string): void;
  /** Awaited before every training step: yields, and throws to stop. */
  step?(): Promise<void>;
  /** A line for a console. */
  log?(line: string): void;
  /** Each DINo training's metrics (with its rate). */
  onMetrics?(s: number, metrics: StepMetrics, elapsedSeconds: number): void;
  /** Awaited once a rate's DINo is scored, before it is disposed (super-resolution, say). */
  afterRate?(s: number, model: DinoModel): Promise<void>;
}

export interface ClaimExperimentOptions {
  train: TrajectoryArray;
  heldOut: TrajectoryArray;
  /** The dataset's description (DINo reads its channels). */
  meta: DatasetMeta;
  config: DinoConfig;
  rates: readonly number[];
  steps: number;
  batchSize: number;
  baselineSteps: number;
  seed: number;
  hooks?: ClaimExperimentHooks;
}

export interface DinoRateRow extends RateErrors {
  trainSeconds: number;
  finalLoss: number;
}

export interface BaselineRateRow extends RateErrors {
  trainSeconds: number;
}

export interface ClaimExperimentResult extends ClaimVerdict {
  rates: DinoRateRow[];
  baseline: BaselineRateRow[];
}

const round = (x: number) => Number(x.toFixed(4));

function roundedRow(s: number, table: ReturnType<typeof errorTable>): RateErrors {
  return {
    s,
    inT_inS: round(table.inT_inS),
    inT_outS: round(table.inT_outS),
    outT_inS: round(table.outT_inS),
    outT_outS: round(table.outT_outS),
    all: round(table.all),
  };
}

const rowLine = (name: string, row: RateErrors) =>
  `${name} s=${row.s}: In-t/In-s ${row.inT_inS}, In-t/Out-s ${row.inT_outS}, Out-t/In-s ${row.outT_inS}, Out-t/Out-s ${row.outT_outS}`;

/** Throws, in words, when a rate observes no point of the grid. */
function checkObserved(mask: Uint8Array, s: number, X: number, Y: number): void {
  if (!mask.some((m) => m === 1)) {
    throw new RangeError(
      `At ${Math.round(100 * s)} % of a ${X} × ${Y} grid no point is observed with this seed: use a larger grid or another seed.`,
    );
  }
}

export async function runClaimExperiment(
  options: ClaimExperimentOptions,
): Promise<ClaimExperimentResult> {
  const { train, heldOut, config, rates, steps, batchSize, baselineSteps, seed } = options;
  const hooks = options.hooks ?? {};
  const [, , X, Y] = heldOut.shape;
  // Progress counts training steps; scoring a model counts as a tenth of its training.
  const scoreUnits = Math.max(1, Math.round(0.1 * steps));
  const perRate = steps + baselineSteps + 2 * scoreUnits;
  const total = rates.length * perRate;
  let done = 0;
  const report = (message: string) => hooks.progress?.(Math.min(1, done / total), message);
  const trainingHooks = (message: string) => ({
    yieldStep: async () => {
      report(message);
      done++;
      await hooks.step?.();
    },
  });

  const rows: DinoRateRow[] = [];
  const baseline: BaselineRateRow[] = [];
  for (const s of rates) {
    const pct = `${Math.round(100 * s)} %`;
    const rateConfig = { ...config, subsamplingRate: s, maskSeed: seed };
    const mask = observationMask(X, Y, s, seed);
    checkObserved(mask, s, X, Y);
    const rateStart = rows.length * perRate;
    const started = performance.now();
    const run = await trainDino({
      config: rateConfig,
      train,
      meta: options.meta,
      steps,
      batchSize,
      peakLr: DINO_LR,
      seed,
      validateEvery: steps,
      hooks: {
        ...trainingHooks(`Training DINo on ${pct} of the grid`),
        onMetrics: (m) => hooks.onMetrics?.(s, m, (performance.now() - started) / 1000),
      },
    });
    try {
      done = rateStart + steps;
      report(`Scoring DINo (${pct}) on the held-out trajectories`);
      const evaluation = await evaluateDino(run.model, heldOut, { mask });
      const row: DinoRateRow = {
        s,
        inT_inS: round(evaluation.inTimeInSpace.relativeL2),
        inT_outS: round(evaluation.inTimeOutSpace.relativeL2),
        outT_inS: round(evaluation.outTimeInSpace.relativeL2),
        outT_outS: round(evaluation.outTimeOutSpace.relativeL2),
        all: round(evaluation.all.relativeL2),
        trainSeconds: Math.round(run.seconds),
        finalLoss: run.finalLoss,
      };
      rows.push(row);
      hooks.log?.(`${rowLine('DINo', row)} (${row.trainSeconds} s)`);
      await hooks.afterRate?.(s, run.model);

      done = rateStart + steps + scoreUnits;
      const gridStarted = performance.now();
      const grid = await trainGridBaseline({
        train,
        mask: run.mask,
        trainFrames: rateConfig.trainFrames,
        steps: baselineSteps,
        batchSize,
        lr: BASELINE_LR,
        seed,
        width: 16,
        blocks: 2,
        hooks: trainingHooks(`Training the grid baseline on ${pct} of the grid`),
      });
      try {
        report(`Scoring the grid baseline (${pct})`);
        const predicted = await grid.forecast(heldOut);
        const table = errorTable(predicted, heldOut.data, heldOut.shape, mask, config.trainFrames);
        const baselineRow: BaselineRateRow = {
          ...roundedRow(s, table),
          trainSeconds: Math.round((performance.now() - gridStarted) / 1000),
        };
        baseline.push(baselineRow);
        hooks.log?.(rowLine('Grid baseline', baselineRow));
      } finally {
        grid.dispose();
      }
    } finally {
      run.model.dispose();
    }
    done = rows.length * perRate;
  }
  report('Judging the claim');
  const judged = judgeDinoClaim(rows, baseline);
  return { rates: rows, baseline, ...judged };
}
