/**
 * The bench's "kernels and readbacks per training step" section: runs bench/dispatches.ts in a
 * child process per backend (each needs its own tfjs backend) and formats its rows for the README.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface DispatchRow {
  preset: string;
  batchSize: number;
  parameterTensors: number;
  kernelsPerStep: number;
  gpuProgramsPerStep: number | null;
  readbacksPerStep: number;
  before: { kernelsPerStep: number; readbacksPerStep: number };
}

type DispatchRun = { backend: string; rows: DispatchRow[] } | { backend: string; error: string };
export type DispatchReport = DispatchRun[];

/** wasm for every preset (the paper preset at batch 1: counts do not depend on the batch), and
 * webgpu for the tiny preset, where its real GPU programs per step can be counted. */
const RUNS: { backend: string; args: string[] }[] = [
  { backend: 'wasm', args: ['--paper-batch', '1'] },
  { backend: 'webgpu', args: ['--presets', 'tiny'] },
];

export function measureDispatches(): DispatchReport {
  return RUNS.map(({ backend, args }) => {
    const dir = mkdtempSync(join(tmpdir(), 'pde-lab-dispatches-'));
    const out = join(dir, 'out.json');
    try {
      const run = spawnSync(
        'npx',
        ['tsx', 'bench/dispatches.ts', '--backend', backend, ...args, '--json', out],
        { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
      );
      if (run.status !== 0) {
        const last = run.stderr.trim().split('\n').slice(-3).join(' ');
        return { backend, error: last || `exit code ${run.status}` };
      }
      const { rows } = JSON.parse(readFileSync(out, 'utf8')) as { rows: DispatchRow[] };
      return { backend, rows };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

const cell = (text: string) => text.replace(/[|\n]/g, ' ');

export function dispatchLines(report: DispatchReport): string[] {
  const rows = report.flatMap((run) =>
    'error' in run
      ? [`| ${run.backend} | failed: ${cell(run.error)} | | | | | |`]
      : run.rows.map(
          (r) =>
            `| ${run.backend} | ${r.preset} | ${r.batchSize} | ${Math.round(r.kernelsPerStep).toLocaleString('en-US')} | ${r.gpuProgramsPerStep === null ? '–' : Math.round(r.gpuProgramsPerStep).toLocaleString('en-US')} | ${r.readbacksPerStep.toFixed(2)} | ${r.before.readbacksPerStep.toFixed(2)} |`,
        ),
  );
  return [
    'Kernels and readbacks per MAE training step (`bench/dispatches.ts`, in Node): the loop reads the loss back every 10 steps without waiting; "before" is the previous policy (one awaited read per step). GPU programs are the dispatches the webgpu backend actually records:',
    '',
    '| backend | preset | batch | kernels/step | GPU programs/step | readbacks/step | before: readbacks/step |',
    '| ------- | ------ | ----- | ------------ | ----------------- | -------------- | ---------------------- |',
    ...rows,
  ];
}
