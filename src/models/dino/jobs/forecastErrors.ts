/**
 * Errors of one forecast trajectory against its truth, split DINo's way: by frame, at the sensors
 * (In-s) and between them (Out-s), and as the 2 × 2 table of training frames (In-t) or later
 * ones (Out-t) by In-s or Out-s. Plain arrays, no tfjs.
 */
import type { ErrorByFrame, ForecastErrorTable } from './forecastConfig';

/** Arrays [frames, points, channels] and which points are observed (1) among `points`. */
export interface ForecastArrays {
  truth: ArrayLike<number>;
  forecast: ArrayLike<number>;
  frames: number;
  points: number;
  channels: number;
  observed: Uint8Array;
}

interface Sums {
  error: number;
  truth: number;
  count: number;
}

const empty = (): Sums => ({ error: 0, truth: 0, count: 0 });

/** ‖forecast − truth‖ / ‖truth‖; NaN for an empty group or a zero truth. */
export function relativeL2({ error, truth, count }: Sums): number {
  if (count === 0 || !(truth > 0)) return NaN;
  return Math.sqrt(error / truth);
}

function check(a: ForecastArrays): void {
  const size = a.frames * a.points * a.channels;
  if (a.truth.length !== size || a.forecast.length !== size) {
    throw new RangeError(
      `Truth (${a.truth.length}) and forecast (${a.forecast.length}) must both hold ${a.frames} frames × ${a.points} points × ${a.channels} channels.`,
    );
  }
  if (a.observed.length !== a.points) {
    throw new RangeError(`The observed mask has ${a.observed.length} points, not ${a.points}.`);
  }
}

/** Sums of squared errors and truths per frame, at observed (1) and unobserved (0) points. */
function frameSums(a: ForecastArrays): { observed: Sums[]; unobserved: Sums[] } {
  check(a);
  const observed = Array.from({ length: a.frames }, empty);
  const unobserved = Array.from({ length: a.frames }, empty);
  let i = 0;
  for (let t = 0; t < a.frames; t++) {
    for (let p = 0; p < a.points; p++) {
      const group = a.observed[p] ? observed[t]! : unobserved[t]!;
      for (let c = 0; c < a.channels; c++, i++) {
        const truth = a.truth[i]!;
        const d = a.forecast[i]! - truth;
        group.error += d * d;
        group.truth += truth * truth;
        group.count += 1;
      }
    }
  }
  return { observed, unobserved };
}

function add(...groups: Sums[]): Sums {
  return groups.reduce(
    (s, g) => ({ error: s.error + g.error, truth: s.truth + g.truth, count: s.count + g.count }),
    empty(),
  );
}

/** Each frame's relative L2 error at the observed points, the others, and all of them. */
export function errorByFrame(a: ForecastArrays): ErrorByFrame {
  const { observed, unobserved } = frameSums(a);
  return {
    observed: observed.map(relativeL2),
    unobserved: unobserved.map(relativeL2),
    all: observed.map((o, t) => relativeL2(add(o, unobserved[t]!))),
  };
}

/** DINo's table: frames before `trainFrames` are In-t, later ones Out-t; observed points In-s. */
export function errorTable(a: ForecastArrays, trainFrames: number): ForecastErrorTable {
  const { observed, unobserved } = frameSums(a);
  const split = Math.max(0, Math.min(a.frames, trainFrames));
  const sum = (groups: Sums[], from: number, to: number) => add(...groups.slice(from, to));
  return {
    inTimeInSpace: relativeL2(sum(observed, 0, split)),
    inTimeOutSpace: relativeL2(sum(unobserved, 0, split)),
    outTimeInSpace: relativeL2(sum(observed, split, a.frames)),
    outTimeOutSpace: relativeL2(sum(unobserved, split, a.frames)),
    all: relativeL2(add(...observed, ...unobserved)),
  };
}
