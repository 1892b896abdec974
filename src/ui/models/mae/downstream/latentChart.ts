/** The latent-space scatter as Plotly traces: coloured by equation or by one coefficient, hover text per point. */
import { PDE_CATALOG } from '../../../../pde/catalog';
import type { EmbedDatasetResult } from '../../../../models/mae/jobs/embedDatasetConfig';
import { COLOUR_BY_EQUATION, type LatentColouring } from './state/latentStore';
import type { PlotlyLayout, PlotlyTrace } from '../../../views/PlotlyChart';

const SYMBOLS: Record<string, string> = { nu: 'ν', ax: 'a_x', ay: 'a_y', cx: 'c_x', cy: 'c_y' };

export function equationTitle(id: string): string {
  return Object.hasOwn(PDE_CATALOG, id) ? PDE_CATALOG[id as keyof typeof PDE_CATALOG].title : id;
}

/** e.g. 'ν = 0.0123, c_x = 0.734': the coefficients trajectory `i` has. */
export function coefficientText(result: EmbedDatasetResult, i: number): string {
  const parts = result.slots.flatMap((name, slot) => {
    const value = result.coefficients[i * result.slots.length + slot]!;
    return Number.isFinite(value) ? [`${SYMBOLS[name] ?? name} = ${value.toPrecision(3)}`] : [];
  });
  return parts.join(', ') || 'no coefficients';
}

/** 'Trajectory 12 · Heat · ν = 0.0123'. */
export function pointText(result: EmbedDatasetResult, i: number): string {
  return `Trajectory ${i} · ${equationTitle(result.equations[i]!)} · ${coefficientText(result, i)}`;
}

function axisTitles(result: EmbedDatasetResult): [string, string] {
  if (result.explained) {
    const [a, b] = result.explained.map((r) => `${(100 * r).toFixed(1)}%`);
    return [`PC1 (${a} of the variance)`, `PC2 (${b} of the variance)`];
  }
  return ['UMAP 1', 'UMAP 2'];
}

function pointsTrace(result: EmbedDatasetResult, rows: number[], trace: PlotlyTrace): PlotlyTrace {
  return {
    type: 'scatter',
    mode: 'markers',
    x: rows.map((i) => result.points[2 * i]!),
    y: rows.map((i) => result.points[2 * i + 1]!),
    customdata: rows,
    text: rows.map((i) => pointText(result, i)),
    hovertemplate: '%{text}<extra></extra>',
    ...trace,
  };
}

/** The scatter, with `shown` (a trajectory index) ringed. */
export function latentChart(
  result: EmbedDatasetResult,
  colourBy: LatentColouring,
  shown: number | undefined,
): { data: PlotlyTrace[]; layout: PlotlyLayout } {
  const all = Array.from({ length: result.count }, (_, i) => i);
  const data: PlotlyTrace[] = [];
  const column = result.columns.find((c) => c.label === colourBy);
  if (colourBy === COLOUR_BY_EQUATION || !column) {
    for (const equation of [...new Set(result.equations)]) {
      const rows = all.filter((i) => result.equations[i] === equation);
      data.push(pointsTrace(result, rows, { name: equationTitle(equation), marker: { size: 8 } }));
    }
  } else {
    const has = (i: number) =>
      result.equations[i] === column.equation &&
      Number.isFinite(result.coefficients[i * result.slots.length + column.slot]);
    const rows = all.filter(has);
    const others = all.filter((i) => !has(i));
    if (others.length > 0) {
      data.push(
        pointsTrace(result, others, {
          name: `without ${column.label}`,
          marker: { size: 6, color: 'rgba(140,140,140,0.45)' },
        }),
      );
    }
    data.push(
      pointsTrace(result, rows, {
        name: column.label,
        marker: {
          size: 8,
          color: rows.map((i) => result.coefficients[i * result.slots.length + column.slot]!),
          colorscale: 'Viridis',
          showscale: true,
          colorbar: { title: { text: column.label }, thickness: 14 },
        },
      }),
    );
  }
  if (shown !== undefined && shown < result.count) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `trajectory ${shown}`,
      x: [result.points[2 * shown]!],
      y: [result.points[2 * shown + 1]!],
      marker: { size: 16, color: 'rgba(0,0,0,0)', line: { width: 2.5, color: '#e4572e' } },
      hoverinfo: 'skip',
      showlegend: false,
    });
  }
  const [x, y] = axisTitles(result);
  return {
    data,
    layout: {
      xaxis: { title: { text: x }, zeroline: false },
      yaxis: { title: { text: y }, zeroline: false },
      hovermode: 'closest',
      showlegend: colourBy === COLOUR_BY_EQUATION || !column || data.length > 2,
      legend: { orientation: 'h', y: -0.2 },
      margin: { l: 56, r: 16, t: 16, b: 84 },
    },
  };
}
