/** The recipe study's chart as a self-contained SVG: held-out masked error against steps. */
import type { RecipeCandidate } from './recipeCandidates';

interface ChartInput {
  candidates: RecipeCandidate[];
  runs: {
    candidate: string;
    seed: number;
    steps: number[];
    relL2: number[];
    linear?: number;
    nearest?: number;
  }[];
  steps: number;
}

const COLOURS = ['#7f7f7f', '#bcbd22', '#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
const W = 720;
const H = 400;
const M = { left: 56, right: 16, top: 16, bottom: 120 };

/** A baseline's mean over the runs that recorded it (each seed has its own validation set). */
function meanOf(runs: ChartInput['runs'], key: 'linear' | 'nearest'): number {
  const values = runs
    .map((run) => run[key])
    .filter((v): v is number => typeof v === 'number' && v > 0);
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

export function recipeChart({ candidates, runs, steps }: ChartInput): string {
  const baselines = { linear: meanOf(runs, 'linear'), nearest: meanOf(runs, 'nearest') };
  const yMax = 1.3;
  const x = (s: number) => M.left + (s / steps) * (W - M.left - M.right);
  const y = (v: number) => M.top + (1 - Math.min(v, yMax) / yMax) * (H - M.top - M.bottom);
  const parts: string[] = [];
  for (let v = 0; v <= yMax + 1e-9; v += 0.2) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`,
    );
    parts.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  for (let k = 0; k <= 5; k++) {
    const s = (steps * k) / 5;
    parts.push(
      `<text x="${x(s)}" y="${H - M.bottom + 16}" text-anchor="middle">${Math.round(s)}</text>`,
    );
  }
  parts.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - M.bottom + 34}" text-anchor="middle">optimizer step (batch of 16 windows)</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">held-out masked relative L2</text>`,
  );
  for (const [name, value, dash] of [
    ['linear interpolation (mean over seeds)', baselines.linear, '6 4'],
    ['nearest (mean over seeds)', baselines.nearest, '2 3'],
  ] as const) {
    if (!(value > 0)) continue;
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(value)}" y2="${y(value)}" stroke="#000" stroke-dasharray="${dash}"/>`,
    );
    parts.push(
      `<text x="${W - M.right - 4}" y="${y(value) - 4}" text-anchor="end">${name} ${value.toFixed(3)}</text>`,
    );
  }
  candidates.forEach((candidate, i) => {
    const colour = COLOURS[i % COLOURS.length];
    for (const run of runs.filter((r) => r.candidate === candidate.id)) {
      const points = run.steps.map((s, k) => `${x(s).toFixed(1)},${y(run.relL2[k]!).toFixed(1)}`);
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points.join(' ')}"><title>${candidate.label}, seed ${run.seed}</title></polyline>`,
      );
    }
    const seeds = runs.filter((r) => r.candidate === candidate.id).map((r) => r.seed);
    const ly = H - M.bottom + 52 + i * 13;
    parts.push(
      `<line x1="${M.left}" x2="${M.left + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
    );
    parts.push(
      `<text x="${M.left + 30}" y="${ly}">${candidate.id}: ${candidate.label} (seeds ${seeds.join(', ')})</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11"><rect width="${W}" height="${H}" fill="#fff"/>${parts.join('')}</svg>\n`;
}
