/**
 * The evaluation job: loads a saved checkpoint of a model that fills hidden patches and a saved
 * dataset, takes one split's trajectories, and for each asked mask ratio scores the model per
 * equation against the linear and nearest interpolation baselines on the same windows and masks
 * (the model's reconstructor). One ratio is the Results panel's table; several are its
 * error-vs-ratio sweep.
 */
import { patchGeometry, type TokenGrid } from '../../data/masks/patches';
import { MASK_STRATEGIES, maskedCount, type MaskStrategy } from '../../data/masks/strategies';
import { equationGroups } from '../../data/trajectoryGroups';
import { PDE_CATALOG } from '../../pde/catalog';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import type { JobContext } from '../jobRunner';
import { ModelCache, reconstructorOf } from '../models/modelCache';
import {
  DEFAULT_WINDOWS_PER_GROUP,
  splitRange,
  type EvaluateModelParams,
  type EvaluateModelResult,
  type RatioErrors,
} from './evaluateModelConfig';
import { readSavedDataset } from './readSavedDataset';

const SPLIT_NAMES = { validation: 'validation', test: 'test', all: 'any' } as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const title = (id: string) =>
  Object.hasOwn(PDE_CATALOG, id) ? PDE_CATALOG[id as keyof typeof PDE_CATALOG].title : id;

/** Why a ratio cannot be scored with this model's patches, or undefined when it can. */
function ratioProblem(grid: TokenGrid, strategy: MaskStrategy, ratio: number): string | undefined {
  const { nt, nx, ny } = grid;
  const hidden = maskedCount(grid, { strategy, ratio });
  if (hidden === 0) {
    return `at a mask ratio of ${ratio}, ${strategy} masking hides no patch of the model's ${nt} × ${nx} × ${ny} patch grid`;
  }
  if (hidden === nt * nx * ny) return `at a mask ratio of ${ratio} every patch is hidden`;
  return undefined;
}

function checkParams(params: EvaluateModelParams): void {
  if (params.ratios.length === 0) throw new RangeError('Give at least one mask ratio.');
  if (params.strategy !== undefined && !MASK_STRATEGIES.includes(params.strategy)) {
    throw new RangeError(`Unknown masking strategy "${String(params.strategy)}".`);
  }
  const windows = params.windowsPerGroup ?? DEFAULT_WINDOWS_PER_GROUP;
  if (!Number.isInteger(windows) || windows < 1) {
    throw new RangeError(`Windows per equation must be a whole number ≥ 1 (got ${windows}).`);
  }
}

export async function evaluateModel(
  params: EvaluateModelParams,
  ctx: JobContext,
  openStorage: () => Promise<LabStorage> = () => openLabStorage(),
): Promise<EvaluateModelResult> {
  checkParams(params);
  const strategy = params.strategy ?? 'random';
  const windowsPerGroup = params.windowsPerGroup ?? DEFAULT_WINDOWS_PER_GROUP;
  const seed = params.seed ?? 0;

  ctx.progress(0, 'Reading the dataset');
  const dataset = await readSavedDataset(openStorage, params.datasetId);
  const { meta } = dataset.summary;
  const { data, shape } = dataset.payload;
  const [N, T, X, Y, C] = shape as [number, number, number, number, number];
  const range = splitRange(meta.split, N, params.split);
  if (range.count < 1) {
    throw new Error(
      `This dataset keeps no ${SPLIT_NAMES[params.split]} trajectories; choose another split.`,
    );
  }
  const groups = equationGroups(meta.equation, meta.mix, range.first, range.count);

  ctx.progress(0, 'Loading the model');
  const models = new ModelCache(openStorage, 'choose another model');
  try {
    const loaded = await models.get({ checkpointId: params.checkpointId });
    const reconstructor = reconstructorOf(loaded);
    const { model } = loaded;
    const window = reconstructor.window(model);
    const grid = patchGeometry([window.frames, window.size, window.size, window.channels], {
      pt: window.patchT,
      px: window.patchXY,
      py: window.patchXY,
    });
    const skipped: EvaluateModelResult['skipped'] = [];
    const ratios = params.ratios.filter((ratio) => {
      const problem = ratioProblem(grid, strategy, ratio);
      if (problem) skipped.push({ ratio, reason: problem });
      return !problem;
    });
    if (ratios.length === 0) {
      throw new RangeError(`Nothing to score: ${skipped.map((s) => s.reason).join('; ')}.`);
    }

    const total = ratios.length * groups.length;
    const rows: RatioErrors[] = [];
    let done = 0;
    for (const ratio of ratios) {
      const row: RatioErrors = { ratio, equations: [] };
      for (const group of groups) {
        ctx.progress(
          done / total,
          `Mask ratio ${ratio} · ${title(group.id)} (${plural(group.trajectories.length, 'trajectory', 'trajectories')})`,
        );
        await ctx.step();
        const [errors] = await reconstructor.errorsByGroup(
          model,
          { data, shape: [N, T, X, Y, C] },
          [group],
          { windowsPerGroup, seed, ratio, strategy },
        );
        row.equations.push(errors!);
        done += 1;
      }
      rows.push(row);
    }
    ctx.progress(
      1,
      `Scored ${plural(groups.length, 'equation')} at ${ratios.length === 1 ? `mask ratio ${ratios[0]}` : plural(ratios.length, 'mask ratio')}`,
    );
    return {
      rows,
      modelMaskRatio: window.maskRatio,
      skipped,
      strategy,
      windowsPerGroup,
      seed,
      runName: loaded.runName,
      step: loaded.step,
    };
  } finally {
    models.release();
  }
}
