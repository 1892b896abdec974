/**
 * The forecast lab's two charts as Plotly traces: the error of each frame at the sensors and
 * between them, with the frames beyond the training horizon shaded; and the code trajectory on
 * its first two principal components. Both mark the frame on screen. Frames are numbered from 1.
 */
import type { DinoForecastResult } from '../../../../models/dino/jobs/forecastConfig';
import type { PlotlyLayout, PlotlyTrace } from '../../../views/PlotlyChart';

export const FORECAST_COLORS = {
  observed: '#4c6ef5',
  unobserved: '#f08c00',
  beyond: '#e4572e',
  current: '#e4572e',
} as const;

/** A Plotly layout shape (rect or line). */
type Shape = Record<string, unknown>;

type ErrorInputs = Pick<DinoForecastResult, 'errorByFrame' | 'frames' | 'trainFrames' | 'times'>;

/** Plotly skips nulls: NaN (an empty group) becomes a gap. */
function gaps(values: readonly number[]): (number | null)[] {
  return values.map((v) => (Number.isFinite(v) ? v : null));
}

/** The shading and line of the training horizon, and the frame on screen. */
function horizonShapes(frames: number, trainFrames: number, frame: number): Shape[] {
  const shapes: Shape[] = [];
  if (trainFrames < frames) {
    shapes.push({
      type: 'rect',
      xref: 'x',
      yref: 'paper',
      x0: trainFrames + 0.5,
      x1: frames + 0.5,
      y0: 0,
      y1: 1,
      fillcolor: FORECAST_COLORS.beyond,
      opacity: 0.1,
      line: { width: 0 },
      layer: 'below',
    });
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: trainFrames + 0.5,
      x1: trainFrames + 0.5,
      y0: 0,
      y1: 1,
      line: { color: FORECAST_COLORS.beyond, width: 1.5, dash: 'dash' },
    });
  }
  shapes.push({
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: frame + 1,
    x1: frame + 1,
    y0: 0,
    y1: 1,
    line: { color: 'rgba(128,128,128,0.8)', width: 1 },
  });
  return shapes;
}

/** Relative L2 error per frame at the sensors and between them; `frame` (from 0) is on screen. */
export function errorChart(
  result: ErrorInputs,
  frame: number,
): { data: PlotlyTrace[]; layout: PlotlyLayout } {
  const x = Array.from({ length: result.frames }, (_, t) => t + 1);
  const time = result.times.map((t) => `t = ${Number(t.toPrecision(4))}`);
  const trace = (name: string, values: readonly number[], color: string): PlotlyTrace => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y: gaps(values),
    text: time,
    hovertemplate: `${name}<br>frame %{x} (%{text})<br>relative error %{y:.3g}<extra></extra>`,
    line: { color },
    marker: { color, size: 6 },
  });
  const data: PlotlyTrace[] = [
    trace('At the sensors (observed)', result.errorByFrame.observed, FORECAST_COLORS.observed),
  ];
  if (result.errorByFrame.unobserved.some(Number.isFinite)) {
    data.push(
      trace(
        'Between the sensors (unobserved)',
        result.errorByFrame.unobserved,
        FORECAST_COLORS.unobserved,
      ),
    );
  }
  const annotations =
    result.trainFrames < result.frames
      ? [
          {
            x: (result.trainFrames + 0.5 + result.frames + 0.5) / 2,
            y: 1,
            xref: 'x',
            yref: 'paper',
            yanchor: 'bottom',
            text: 'beyond the training horizon',
            showarrow: false,
            font: { size: 11, color: FORECAST_COLORS.beyond },
          },
        ]
      : [];
  return {
    data,
    layout: {
      xaxis: {
        title: { text: 'frame' },
        range: [0.5, result.frames + 0.5],
        dtick: dtick(result.frames),
      },
      yaxis: { title: { text: 'relative L2 error' }, rangemode: 'tozero' },
      shapes: horizonShapes(result.frames, result.trainFrames, frame),
      annotations,
      legend: { orientation: 'h', y: -0.3 },
      margin: { l: 56, r: 16, t: 28, b: 84 },
      hovermode: 'closest',
    },
  };
}

/** A tick every 1, 2, 5, 10 … frames: about ten ticks. */
function dtick(frames: number): number {
  const raw = frames / 10;
  for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500]) if (step >= raw) return step;
  return 1000;
}

type PathInputs = Pick<DinoForecastResult, 'path' | 'explained' | 'frames' | 'trainFrames'>;

/** The code trajectory on PC1 and PC2: training frames, later frames, and the frame on screen. */
export function latentChart(
  result: PathInputs,
  frame: number,
): { data: PlotlyTrace[]; layout: PlotlyLayout } {
  const { path, frames, trainFrames } = result;
  const at = (t: number) => [path[2 * t]!, path[2 * t + 1]!] as const;
  const part = (
    from: number,
    to: number,
    name: string,
    color: string,
    dash?: string,
  ): PlotlyTrace => {
    const ts = Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: ts.map((t) => at(t)[0]),
      y: ts.map((t) => at(t)[1]),
      text: ts.map((t) => `frame ${t + 1}`),
      hovertemplate: '%{text}<extra></extra>',
      line: { color, ...(dash && { dash }) },
      marker: { color, size: 6 },
    };
  };
  const horizon = Math.min(trainFrames, frames);
  const data: PlotlyTrace[] = [
    part(0, horizon, `Training frames 1–${horizon}`, FORECAST_COLORS.observed),
  ];
  if (horizon < frames) {
    // Starts at the last training frame, so the line runs on without a gap.
    data.push(
      part(horizon - 1, frames, `Beyond the training horizon`, FORECAST_COLORS.beyond, 'dot'),
    );
  }
  const shown = Math.min(Math.max(0, frame), frames - 1);
  if (frames > 0) {
    const [x, y] = at(shown);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `frame ${shown + 1}`,
      x: [x],
      y: [y],
      marker: {
        size: 16,
        color: 'rgba(0,0,0,0)',
        line: { width: 2.5, color: FORECAST_COLORS.current },
      },
      hoverinfo: 'skip',
      showlegend: false,
    });
  }
  const [a, b] = result.explained.map((r) => `${(100 * r).toFixed(1)} %`);
  return {
    data,
    layout: {
      xaxis: { title: { text: `PC1 (${a} of the variance)` }, zeroline: false },
      yaxis: { title: { text: `PC2 (${b} of the variance)` }, zeroline: false },
      legend: { orientation: 'h', y: -0.3 },
      margin: { l: 56, r: 16, t: 16, b: 84 },
      hovermode: 'closest',
    },
  };
}
