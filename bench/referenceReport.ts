/** The README's "lab against PyTorch and numpy" table, from referenceBench's report. */
import { MAE_PRESETS, maeParameterCount } from '../src/models/mae/config';
import type { NsCheck, PythonReport, ReferenceReport, StepFigures } from './referenceBench';

type Outcome = StepFigures | { error: string } | undefined;

const cellText = (text: string) => text.replace(/[|\n]/g, ' ');
/** Three significant digits, without exponents: 1,464 · 35.4 · 0.130. */
const figure = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

function cell(r: Outcome, missing: string): string {
  if (!r) return missing;
  if ('error' in r) return `failed: ${cellText(r.error)}`;
  return `${figure(r.msPerStep)} ms`;
}

const times = (ratio: number | undefined) => (ratio === undefined ? '' : `${figure(ratio)}×`);

function pythonReport(r: ReferenceReport): PythonReport {
  return 'report' in r.python ? r.python.report : {};
}

/** Why a column is empty: the bench's skip or failure reason, or what the Python said. */
function missingReasons(r: ReferenceReport): { torch: string; numpy: string } {
  if ('skipped' in r.python) return { torch: 'skipped', numpy: 'skipped' };
  if ('error' in r.python) return { torch: 'failed', numpy: 'failed' };
  const p = r.python.report;
  return { torch: p.torchMissing ? 'missing' : '', numpy: p.numpyMissing ? 'missing' : '' };
}

function torchColumn(p: PythonReport): string {
  const t = p.torch;
  if (!t) return 'PyTorch';
  return `PyTorch ${t.version} ${t.device} (${t.threads} thread${t.threads === 1 ? '' : 's'}, matmul ${figure(t.matmulGflops)} GFLOP/s, ${blasName(t.blas)})`;
}

/** Which BLAS torch loaded, by its folder: Debian's reference `blas`, `openblas-pthread`, MKL… */
function blasName(paths: string[] | null): string {
  if (!paths?.length) return 'BLAS unknown';
  const names = paths.map((path) => {
    const parts = path.split('/');
    const folder = parts.length > 1 ? parts[parts.length - 2]! : path;
    // Debian's libblas.so.3 alternative in …/blas/ is netlib's untuned reference BLAS.
    return folder === 'blas' ? 'reference BLAS' : folder;
  });
  return `BLAS: ${[...new Set(names)].join(', ')}`;
}

function skipLines(r: ReferenceReport): string[] {
  if ('skipped' in r.python) return [`Python reference skipped: ${r.python.skipped}.`];
  if ('error' in r.python) return [`Python reference failed: ${cellText(r.python.error)}.`];
  const p = r.python.report;
  return [
    ...(p.torchMissing ? [`PyTorch skipped: ${p.torchMissing}.`] : []),
    ...(p.numpyMissing ? [`numpy skipped: ${p.numpyMissing}.`] : []),
  ];
}

function checkText(label: string, c: NsCheck | undefined): string | undefined {
  if (!c) return undefined;
  return `${label} ${c.outputRelativeError.toExponential(1)} (step increment ${c.incrementRelativeError.toExponential(1)})`;
}

function checkLines(r: ReferenceReport): string[] {
  const p = pythonReport(r);
  const lines: string[] = [];
  const torchMae = p.torch?.maeSmall;
  const lab = 'msPerStep' in r.lab.maeSmall ? r.lab.maeSmall : undefined;
  if (torchMae) {
    const expected = maeParameterCount(MAE_PRESETS.small.config);
    lines.push(
      `Same model: the PyTorch MAE small has ${torchMae.parameters.toLocaleString('en-US')} parameters (the lab's ${expected.toLocaleString('en-US')}); loss at initialisation ${torchMae.initialLoss.toFixed(3)} in PyTorch${lab ? `, ${lab.initialLoss.toFixed(3)} in the lab` : ''} (different random weights and data of the same law).`,
    );
  }
  const checks = [
    checkText('numpy (float64)', p.nsCheck?.numpy),
    checkText('PyTorch (float32)', p.nsCheck?.torch),
  ];
  const stated = checks.filter((c): c is string => c !== undefined);
  if (stated.length) {
    lines.push(
      `Same step: one NS step (Δt = ${r.plan.checkDt}) from the same input, relative L2 difference from the lab's output: ${stated.join(', ')}.`,
    );
  }
  return lines;
}

export function referenceLines(r: ReferenceReport, reportDate?: string): string[] {
  const p = pythonReport(r);
  const missing = missingReasons(r);
  const { batch, n, nu, dt, steps } = r.plan.ns;
  const notes = [...skipLines(r), ...checkLines(r)];
  const maeRun = r.lab.maeSmall;
  const maeSource =
    'source' in maeRun && maeRun.source === 'training section'
      ? ' (the training table’s figure)'
      : '';
  return [
    `The lab against PyTorch and numpy (bench/python/reference.py: the same MAE training step, the same Navier–Stokes step written with real FFTs), measured in the same run, Node ${r.backend} for the lab${r.date.slice(0, 10) === reportDate?.slice(0, 10) ? '' : ` (measured ${r.date.slice(0, 10)})`}. Median step time after warm-up; the ratio is the lab's time over the reference's (above 1: the lab is slower):`,
    '',
    `| step | lab, Node ${r.backend} | ${torchColumn(p)} | numpy ${p.numpy?.version ?? ''} | lab ÷ PyTorch | lab ÷ numpy |`,
    '|---|---|---|---|---|---|',
    `| MAE small training step, batch 8${maeSource} | ${cell(r.lab.maeSmall, '')} | ${cell(p.torch?.maeSmall, missing.torch)} | | ${times(r.ratios.maeSmallTorch)} | |`,
    `| Navier–Stokes FNO step, ${batch} × ${n}², ν = ${nu}, Δt = ${dt} (median of ${steps}) | ${cell(r.lab.ns64, '')} | ${cell(p.torch?.ns64, missing.torch)} | ${cell(p.numpy?.ns64, missing.numpy)} (float64) | ${times(r.ratios.ns64Torch)} | ${times(r.ratios.ns64Numpy)} |`,
    ...(notes.length ? ['', notes.join(' ')] : []),
  ];
}
