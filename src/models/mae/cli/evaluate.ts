/**
 * `npm run evaluate -- --checkpoint F.ckpt --data D.npy [--data E.npy … | D.npy E.npy …] [--ratio 0.75]
 *   [--strategy random] [--seed 0] [--windows 32] [--json out.json]`
 * Scores an MAE checkpoint (as `npm run pretrain` writes it or the lab exports it) on dataset
 * files (.npy with the meta .json beside it, as `npm run generate` and the lab write them): per
 * equation and initial condition, the masked-region relative L2 of the model and of linear and
 * nearest interpolation on the same windows and masks.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDatasetMetaJson, type DatasetMeta } from '../../../data/io/meta';
import { decodeNpy } from '../../../data/io/npy';
import { MASK_STRATEGIES, type MaskStrategy } from '../../../data/masks/strategies';
import { maeFromCheckpoint } from '../checkpoint';
import { datasetGroups, maeErrorsByGroup } from '../evaluation';
import type { TrajectoryArray } from '../windows';
import { decodeCheckpoint } from '../../nn/checkpoint';
import {
  DEFAULT_NODE_BACKEND,
  describeBackend,
  NODE_BACKEND_CHOICES,
  startNodeBackend,
} from '../../../node/backend';
import { integer } from '../../../cli/common';

const FLAGS = {
  checkpoint: { type: 'string' },
  data: { type: 'string', multiple: true },
  ratio: { type: 'string' },
  strategy: { type: 'string', default: 'random' },
  seed: { type: 'string', default: '0' },
  windows: { type: 'string', default: '32' },
  json: { type: 'string' },
  backend: { type: 'string', default: DEFAULT_NODE_BACKEND },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HELP = `Score an MAE checkpoint on dataset files, per equation and initial condition.

Usage: npm run evaluate -- --checkpoint F.ckpt [options] --data D.npy [--data E.npy …]
       npm run evaluate -- --checkpoint F.ckpt [options] data/*.npy

Options:
  --checkpoint F   an MAE checkpoint (npm run pretrain, or Export in the lab's runs tables)
  --data F.npy     float32 [N, T, X, Y, C]; F.json beside it (npm run generate, the lab's
                   export) names the equation and initial condition; repeat for more files
  --ratio R        mask ratio in (0, 1) (default: the model's)
  --strategy S     ${MASK_STRATEGIES.join(' | ')} (default random)
  --seed S         seeds the windows and masks (default 0)
  --windows W      scored windows per group (default 32)
  --json F         also write the scores as JSON: groups[].equation, .initial, .mae, .linear,
                   .nearest (masked-region relative L2)
  --backend NAME   ${NODE_BACKEND_CHOICES}
`;

export interface EvaluatedGroup {
  file: string;
  equation: string;
  initial: string;
  trajectories: number;
  windows: number;
  mae: number;
  linear: number;
  nearest: number;
}

/** The dataset's meta .json beside its .npy, or undefined when there is none. */
function readMeta(path: string): DatasetMeta | undefined {
  const metaPath = path.replace(/\.npy$/i, '.json');
  if (metaPath === path || !existsSync(metaPath)) return undefined;
  return parseDatasetMetaJson(readFileSync(metaPath, 'utf8'));
}

export async function evaluate(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: FLAGS, allowPositionals: true });
  // Files may also follow the options, so that a shell glob (data/*.npy) works.
  const files = [...(values.data ?? []), ...positionals];
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (!values.checkpoint) throw new Error('Name the checkpoint: --checkpoint F.ckpt.');
  if (files.length === 0) throw new Error('Name at least one dataset: --data F.npy.');
  const strategy = values.strategy as MaskStrategy;
  if (!MASK_STRATEGIES.includes(strategy)) {
    throw new RangeError(`--strategy must be one of ${MASK_STRATEGIES.join(', ')}.`);
  }
  const ratio = values.ratio === undefined ? undefined : Number(values.ratio);
  if (ratio !== undefined && !(ratio > 0 && ratio < 1)) {
    throw new RangeError('--ratio must lie strictly between 0 and 1.');
  }
  const seed = integer(values.seed, 'seed', 0);
  const windows = integer(values.windows, 'windows', 1);

  const backend = await startNodeBackend(values.backend);
  console.error(`Backend: ${describeBackend(backend)}`);
  const model = maeFromCheckpoint(
    decodeCheckpoint(new Uint8Array(readFileSync(values.checkpoint))),
  );
  const results: EvaluatedGroup[] = [];
  try {
    for (const path of files) {
      const { data, shape } = decodeNpy(readFileSync(path));
      if (shape.length !== 5) {
        throw new RangeError(`${path}: expected [N, T, X, Y, C], got [${shape.join(', ')}].`);
      }
      const dataset: TrajectoryArray = {
        data,
        shape: shape as unknown as TrajectoryArray['shape'],
      };
      const groups = datasetGroups(readMeta(path), shape[0]!);
      const scores = await maeErrorsByGroup(model, dataset, groups, {
        windowsPerGroup: windows,
        ratio,
        strategy,
        seed,
      });
      scores.forEach((row, k) => {
        results.push({
          file: basename(path),
          equation: groups[k]!.equation,
          initial: groups[k]!.initial,
          trajectories: row.trajectories,
          windows: row.windows,
          mae: row.relL2,
          linear: row.relL2Linear,
          nearest: row.relL2Nearest,
        });
      });
    }
  } finally {
    model.dispose();
  }

  const used = ratio ?? model.config.maskRatio;
  console.log(`Masked-region relative L2 (ratio ${used}, ${strategy} masks, seed ${seed}):`);
  for (const row of results) {
    console.log(
      `  ${row.equation.padEnd(10)} ${row.initial.padEnd(22)} MAE ${row.mae.toFixed(3)}  linear ${row.linear.toFixed(3)}  nearest ${row.nearest.toFixed(3)}  ${row.mae < row.linear ? 'beats linear' : 'loses to linear'}`,
    );
  }
  if (values.json) {
    const report = {
      checkpoint: basename(values.checkpoint),
      ratio: used,
      strategy,
      seed,
      windowsPerGroup: windows,
      groups: results,
    };
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${values.json}.`);
  }
}
