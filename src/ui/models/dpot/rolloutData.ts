/**
 * The arrays DPOT's rollout pictures draw, from a rollout's plain numbers: one step's frames of
 * one channel (truth, predictions, errors) on shared colour scales; the log-scale chart of the
 * relative L2 error at each step with the 0.5 threshold and each horizon; and a block's mixer
 * spectrum laid out as pictures (frequency along x across, along y up) with its gain per mode
 * and a one-line summary.
 */
import type { MixerSpectrum } from '../../../models/snapshot';
import type { Field, ValueRange } from '../../views/fieldImage';
import { fieldRange } from '../../views/fieldImage';
import { channelImage } from '../../views/frameImage';
import type { PlotlyLayout, PlotlyTrace } from '../../views/PlotlyChart';
import { formatValue } from '../../format';

/** The error a rollout's horizon is measured against (methods §2g, Claim A). */
export const HORIZON_THRESHOLD = 0.5;

export const ROLLOUT_COLORS = {
  first: '#4c6ef5',
  second: '#e8590c',
  persistence: '#868e96',
  threshold: '#c92a2a',
} as const;

/** One rollout of a trajectory: its predicted frames [K, X, Y, C] and its error at each step. */
export interface RolloutForecast {
  label: string;
  values: Float32Array;
  errors: readonly number[];
  horizon: number | null;
}

/** What the frames view shows: the last input frame [X, Y, C], the truth [K, X, Y, C], rollouts. */
export interface RolloutFramesData {
  /** [K, X, Y, C]. */
  shape: [number, number, number, number];
  input: Float32Array;
  truth: Float32Array;
  forecasts: readonly RolloutForecast[];
}

function rangeOf(arrays: readonly Float32Array[], channels: number, channel: number): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (const values of arrays) {
    for (let i = channel; i < values.length; i += channels) {
      const v = values[i]!;
      if (v - v !== 0) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return fieldRange(min <= max ? [min, max] : [], false);
}

/** Each rollout's error, prediction − truth, [K, X, Y, C]. */
export function rolloutErrors(data: RolloutFramesData): Float32Array[] {
  return data.forecasts.map(({ values }) =>
    Float32Array.from(values, (v, i) => v - data.truth[i]!),
  );
}

/**
 * The colour scales of one channel over the whole rollout: the fields' (truth, input and every
 * prediction) and the errors' (symmetric about 0, shared by the rollouts so they compare).
 */
export function rolloutRanges(
  data: RolloutFramesData,
  errors: readonly Float32Array[],
  channel: number,
): { field: ValueRange; error: ValueRange } {
  const C = data.shape[3];
  const field = rangeOf(
    [data.truth, data.input, ...data.forecasts.map((f) => f.values)],
    C,
    channel,
  );
  const error = rangeOf(errors, C, channel);
  const m = Math.max(Math.abs(error.min), Math.abs(error.max));
  return { field, error: m > 0 && Number.isFinite(m) ? { min: -m, max: m } : { min: -1, max: 1 } };
}

/** Step `step` (1-based) of one channel: the truth, each prediction and each error, as pictures. */
export function stepFields(
  data: RolloutFramesData,
  errors: readonly Float32Array[],
  step: number,
  channel: number,
): { truth: Field; forecasts: Field[]; errors: Field[] } {
  const [K, X, , C] = data.shape;
  if (!(Number.isInteger(step) && step >= 1 && step <= K)) {
    throw new RangeError(`The rollout has steps 1 to ${K}; step ${step} does not exist.`);
  }
  const size = X * X * C;
  const at = (values: Float32Array) =>
    channelImage(values.subarray((step - 1) * size, step * size), X, C, channel);
  return {
    truth: at(data.truth),
    forecasts: data.forecasts.map((f) => at(f.values)),
    errors: errors.map(at),
  };
}

/** The first step (1-based) whose error exceeds the threshold, or NaN's step; null when none does. */
export function horizonOf(errors: readonly number[]): number | null {
  const at = errors.findIndex((e) => e > HORIZON_THRESHOLD || Number.isNaN(e));
  return at < 0 ? null : at + 1;
}

/** One rollout's error in words: when it first passes the threshold, or that it never does. */
export function horizonWords(errors: readonly number[], horizon: number | null): string {
  const steps = errors.length;
  if (horizon === null) {
    return `stays under an error of ${HORIZON_THRESHOLD} for all ${steps} ${steps === 1 ? 'step' : 'steps'}`;
  }
  return horizon === 1
    ? `passes an error of ${HORIZON_THRESHOLD} at the first step`
    : `stays under an error of ${HORIZON_THRESHOLD} for ${horizon - 1} ${horizon === 2 ? 'step' : 'steps'}, passing it at step ${horizon}`;
}

/** A series of the per-step error chart. */
export interface ErrorSeries {
  name: string;
  errors: readonly number[];
  /** The first step over the threshold, marked on the line; null: never. */
  horizon: number | null;
  color: string;
  dash?: string;
}

/** Log axes cannot show 0, negatives or NaN: Plotly leaves a gap at null. */
function positive(values: readonly number[]): (number | null)[] {
  return values.map((v) => (Number.isFinite(v) && v > 0 ? v : null));
}

/**
 * Labelled ticks of a log axis over the positive values: 1, 2 and 5 times each power of ten in
 * their range, or only the powers of ten where that would be more than 8 ticks.
 */
export function logTicks(values: readonly number[]): number[] {
  const shown = values.filter((v) => Number.isFinite(v) && v > 0);
  if (shown.length === 0) return [];
  const [low, high] = [Math.min(...shown), Math.max(...shown)];
  const ticks: { value: number; decade: boolean }[] = [];
  for (let p = Math.floor(Math.log10(low)); p <= Math.ceil(Math.log10(high)); p++) {
    // toPrecision keeps 0.2 from becoming 0.20000000000000004.
    for (const m of [1, 2, 5])
      ticks.push({ value: Number((m * 10 ** p).toPrecision(1)), decade: m === 1 });
  }
  // The nearest ticks at or outside the values frame them.
  const from = Math.max(...ticks.filter((t) => t.value <= low).map((t) => t.value));
  const to = Math.min(...ticks.filter((t) => t.value >= high).map((t) => t.value));
  const inside = ticks.filter((t) => t.value >= from && t.value <= to);
  if (inside.length <= 8) return inside.map((t) => t.value);
  // Only the powers of ten, from the one at or below the least value to the one at or above the largest.
  return ticks.filter((t) => t.decade).map((t) => t.value);
}

/**
 * The relative L2 error at each rollout step on a log axis: one line per series, the 0.5
 * threshold as a red dashed line, and each series' horizon marked with a ring.
 */
export function errorChart(series: readonly ErrorSeries[]): {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
} {
  const steps = Math.max(1, ...series.map((s) => s.errors.length));
  const ticks = logTicks([...series.flatMap((s) => s.errors), HORIZON_THRESHOLD]);
  const lines: PlotlyTrace[] = series.map((s) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: s.name,
    x: s.errors.map((_, k) => k + 1),
    y: positive(s.errors),
    hovertemplate: `${s.name}<br>step %{x}<br>error %{y:.3g}<extra></extra>`,
    line: { color: s.color, ...(s.dash && { dash: s.dash }) },
    marker: { color: s.color, size: 6 },
  }));
  const horizons: PlotlyTrace[] = series.flatMap((s) =>
    s.horizon === null || !(s.errors[s.horizon - 1]! > 0)
      ? []
      : [
          {
            type: 'scatter',
            mode: 'markers',
            name: `${s.name}: horizon, step ${s.horizon}`,
            // The list under the chart says each horizon in words.
            showlegend: false,
            x: [s.horizon],
            y: [s.errors[s.horizon - 1]!],
            hovertemplate: `${s.name}<br>passes ${HORIZON_THRESHOLD} at step %{x}<extra></extra>`,
            marker: {
              color: s.color,
              size: 16,
              symbol: 'circle-open',
              line: { width: 2, color: s.color },
            },
          },
        ],
  );
  const threshold: PlotlyTrace = {
    type: 'scatter',
    mode: 'lines',
    name: `error ${HORIZON_THRESHOLD}`,
    x: [0.5, steps + 0.5],
    y: [HORIZON_THRESHOLD, HORIZON_THRESHOLD],
    hoverinfo: 'skip',
    line: { color: ROLLOUT_COLORS.threshold, dash: 'dash', width: 1.5 },
  };
  return {
    data: [...lines, threshold, ...horizons],
    layout: {
      // The section's heading names the axes: steps across, the error up.
      xaxis: { range: [0.5, steps + 0.5], dtick: steps > 10 ? Math.ceil(steps / 10) : 1 },
      yaxis: {
        title: { text: 'relative L2 error' },
        type: 'log',
        tickvals: ticks,
        ticktext: ticks.map((t) => String(t)),
      },
      legend: { orientation: 'h', x: 0, y: -0.12, yanchor: 'top' },
      margin: { l: 64, r: 12, t: 12, b: 12 },
      hovermode: 'closest',
    },
  };
}

/** The frequency of each kept row of the DFT (0, 1, …, then negatives) on a side of `side`. */
function rowFrequency(row: number, side: number | undefined): number {
  return side !== undefined && row >= side / 2 ? row - side : row;
}

/**
 * The patch grid's side, as far as the spectrum tells it: with fewer kept columns than rows the
 * columns are the whole half spectrum, side / 2 + 1. Otherwise every kept row is a frequency
 * from 0 up (the last may be the Nyquist one, ± the same), so the side is not needed.
 */
function spectrumSide({ rows, columns }: Pick<MixerSpectrum, 'rows' | 'columns'>) {
  return columns < rows ? 2 * (columns - 1) : undefined;
}

/** A block's mixer spectrum as pictures: frequency along x across (negative to positive), along y up. */
export interface SpectrumPictures {
  /** Frequencies along x, left to right; along y, bottom to top. */
  kx: number[];
  ky: number[];
  /** log₁₀ of the energy entering and leaving the mixer (NaN where it is 0). */
  input: Field;
  output: Field;
  /** log₁₀ of output / input per mode: above 0 the mixer amplifies the mode, below it damps it. */
  gain: Field;
  /** One scale for input and output, so their colours compare; the gain's is symmetric. */
  energyRange: ValueRange;
  gainRange: ValueRange;
}

const log10 = (v: number) => (v > 0 ? Math.log10(v) : Number.NaN);

export function spectrumPictures(spectrum: MixerSpectrum): SpectrumPictures {
  const { rows, columns } = spectrum;
  const side = spectrumSide(spectrum);
  const order = Array.from({ length: rows }, (_, r) => r).sort(
    (a, b) => rowFrequency(a, side) - rowFrequency(b, side),
  );
  const picture = (value: (index: number) => number): Field => {
    const data = new Float32Array(rows * columns);
    order.forEach((row, x) => {
      for (let c = 0; c < columns; c++)
        data[(columns - 1 - c) * rows + x] = value(row * columns + c);
    });
    return { data, width: rows, height: columns };
  };
  const input = picture((i) => log10(spectrum.input[i]!));
  const output = picture((i) => log10(spectrum.output[i]!));
  const gain = picture((i) => log10(spectrum.output[i]! / spectrum.input[i]!));
  const energy = rangeOf([input.data, output.data], 1, 0);
  const g = rangeOf([gain.data], 1, 0);
  const m = Math.max(Math.abs(g.min), Math.abs(g.max));
  return {
    kx: order.map((row) => rowFrequency(row, side)),
    ky: Array.from({ length: columns }, (_, c) => c),
    input,
    output,
    gain,
    energyRange: energy,
    gainRange: m > 0 && Number.isFinite(m) ? { min: -m, max: m } : { min: -1, max: 1 },
  };
}

/**
 * What a block's mixer does to its tokens' energy: output / input over all kept modes, over the
 * smoother half (|k| at most half the largest kept |k|) and over the finer rest.
 */
export function spectrumGains(spectrum: MixerSpectrum): {
  all: number;
  smooth: number;
  fine: number;
} {
  const { rows, columns } = spectrum;
  const side = spectrumSide(spectrum);
  const radius = (i: number) =>
    Math.hypot(rowFrequency(Math.floor(i / columns), side), i % columns);
  let largest = 0;
  for (let i = 0; i < rows * columns; i++) largest = Math.max(largest, radius(i));
  const sums = {
    all: { input: 0, output: 0 },
    smooth: { input: 0, output: 0 },
    fine: { input: 0, output: 0 },
  };
  for (let i = 0; i < rows * columns; i++) {
    const part = radius(i) <= largest / 2 ? sums.smooth : sums.fine;
    for (const sum of [sums.all, part]) {
      sum.input += spectrum.input[i]!;
      sum.output += spectrum.output[i]!;
    }
  }
  const ratio = ({ input, output }: { input: number; output: number }) =>
    input > 0 ? output / input : Number.NaN;
  return { all: ratio(sums.all), smooth: ratio(sums.smooth), fine: ratio(sums.fine) };
}

/** What the mixer does to `what`, with its factor: "amplifies the smoother modes ×1.8". */
function gainPhrase(ratio: number, what: string): string {
  if (!Number.isFinite(ratio)) return `sees no energy in ${what}`;
  if (ratio >= 1.1) return `amplifies ${what} ×${formatValue(ratio)}`;
  if (ratio > 1 / 1.1) return `passes ${what} about unchanged (×${formatValue(ratio)})`;
  return `damps ${what} ×${formatValue(ratio)}`;
}

/** "Block 2’s mixer amplifies the smoother modes ×1.8 and damps the finer ones ×0.31." */
export function spectrumSummary(block: number, spectrum: MixerSpectrum): string {
  const gains = spectrumGains(spectrum);
  if (!Number.isFinite(gains.fine)) {
    return `Block ${block}’s mixer ${gainPhrase(gains.all, 'its tokens’ modes')}.`;
  }
  return `Block ${block}’s mixer ${gainPhrase(gains.smooth, 'the smoother modes')} and ${gainPhrase(gains.fine, 'the finer ones')}.`;
}
