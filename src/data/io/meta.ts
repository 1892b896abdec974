/**
 * The metadata that travels with a dataset's array (meta.json in a zip, root attributes in
 * HDF5), its validator and its JSON writer. The array is [N, T, X, Y, C]: N trajectories of T
 * frames on an X×Y grid with C channels.
 */
import type { Grid } from '../../pde/grid';
import type { AppliedNoise } from '../noise';
import { DatasetFormatError } from './errors';
import { describeValue, plural } from './text';

/** Trajectory counts per split; the trajectories are stored in this order along N. */
export interface DatasetSplit {
  train: number;
  val: number;
  test: number;
}

export interface DatasetMeta {
  /** Equation id, e.g. 'heat' or 'ns' (a PdeId for data made by the lab). */
  equation: string;
  scheme: string;
  /** The initial condition's id (e.g. 'hot-square'), when known; a mix names it per component. */
  initial?: string;
  seed: number;
  /** The square periodic grid: X = Y = grid.n, x_i = origin + i·length/n. */
  grid: Grid;
  /** Time of each frame, length T, increasing. */
  times: number[];
  /** Channel names, length C. */
  channels: string[];
  /**
   * Per-trajectory coefficient values: each array has length N. In a mix, a trajectory whose
   * equation has no such coefficient holds NaN (null in JSON).
   */
  coefficients: Record<string, number[]>;
  split: DatasetSplit;
  /** Present when the dataset mixes equations. */
  mix?: DatasetMix;
  /**
   * Present when Gaussian observation noise was added to the stored frames: its σ (relative to
   * each channel's std over the clean data), its own seed, and the absolute σ per channel.
   */
  noise?: AppliedNoise;
}

/** One equation of a mixed dataset. */
export interface MixComponent {
  equation: string;
  scheme: string;
  initial?: string;
  /** The equation's own channels: they fill the dataset's first channels, the rest are zero. */
  channels: string[];
  /** Its relative share of the trajectories. */
  weight: number;
}

export interface DatasetMix {
  components: MixComponent[];
  /** For each trajectory (length N), the index of its component. */
  index: number[];
}

/** The `equation` of a mixed dataset. */
export const MIXED_EQUATION = 'mix';

/** Written into meta.json so a reader can tell the file apart and migrate older versions. */
export const DATASET_META_FORMAT = 'pde-lab-dataset';
export const DATASET_META_VERSION = 1;

/** At most this many problems are listed in one error message. */
const MAX_LISTED_PROBLEMS = 6;

export function trajectoryCount(meta: DatasetMeta): number {
  return meta.split.train + meta.split.val + meta.split.test;
}

/** meta.json text: the metadata plus the format name and version, indented for people. */
export function stringifyDatasetMeta(meta: DatasetMeta): string {
  const {
    equation,
    scheme,
    initial,
    seed,
    grid,
    times,
    channels,
    coefficients,
    split,
    mix,
    noise,
  } = meta;
  const document = {
    format: DATASET_META_FORMAT,
    version: DATASET_META_VERSION,
    equation,
    scheme,
    ...(initial ? { initial } : {}),
    seed,
    grid: { n: grid.n, length: grid.length, origin: grid.origin },
    times,
    channels,
    // JSON has no NaN: a coefficient a mixed trajectory's equation lacks is written as null.
    coefficients: Object.fromEntries(
      Object.entries(coefficients).map(([name, values]) => [
        name,
        values.map((v) => (Number.isNaN(v) ? null : v)),
      ]),
    ),
    split: { train: split.train, val: split.val, test: split.test },
    ...(mix ? { mix } : {}),
    ...(noise ? { noise } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function parseDatasetMetaJson(text: string): DatasetMeta {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetFormatError(`The dataset metadata is not valid JSON (${reason}).`);
  }
  return parseDatasetMeta(value);
}

/**
 * Checks a parsed meta.json (or any value) and returns a clean copy; unknown fields are dropped.
 * Throws DatasetFormatError listing every problem found.
 */
export function parseDatasetMeta(value: unknown): DatasetMeta {
  const problems: string[] = [];
  const fail = (path: string, expected: string, got: unknown): undefined => {
    problems.push(
      got === undefined
        ? `"${path}" is missing`
        : `"${path}" should be ${expected}, not ${describeValue(got)}`,
    );
    return undefined;
  };
  if (!isRecord(value)) {
    throw new DatasetFormatError(
      `The dataset metadata should be a JSON object, not ${describeValue(value)}.`,
    );
  }
  checkFormatVersion(value);

  const text = (path: string, v: unknown): string | undefined =>
    typeof v === 'string' && v.trim() !== '' ? v : fail(path, 'a non-empty string', v);
  const finite = (path: string, v: unknown): number | undefined =>
    typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'a finite number', v);
  const integer = (path: string, v: unknown, min = Number.MIN_SAFE_INTEGER): number | undefined =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min
      ? v
      : fail(path, min > Number.MIN_SAFE_INTEGER ? `a whole number ≥ ${min}` : 'a whole number', v);

  const equation = text('equation', value.equation);
  const scheme = text('scheme', value.scheme);
  const initial = value.initial === undefined ? undefined : text('initial', value.initial);
  const seed = integer('seed', value.seed);

  let grid: Grid | undefined;
  if (isRecord(value.grid)) {
    const n = integer('grid.n', value.grid.n, 1);
    const length = finite('grid.length', value.grid.length);
    if (length !== undefined && length <= 0) fail('grid.length', 'a positive number', length);
    const origin = finite('grid.origin', value.grid.origin);
    if (n !== undefined && length !== undefined && length > 0 && origin !== undefined) {
      grid = { n, length, origin };
    }
  } else {
    fail('grid', 'an object { n, length, origin }', value.grid);
  }

  const times = numberList('times', value.times, problems);
  if (times?.length === 0) problems.push('"times" is empty: a dataset needs at least one frame');
  const unordered = times?.findIndex((t, i) => i > 0 && t <= (times[i - 1] ?? t));
  if (times && unordered !== undefined && unordered > 0) {
    problems.push(
      `"times" should increase, but times[${unordered}] = ${times[unordered]} follows ` +
        `${times[unordered - 1]}`,
    );
  }

  let channels: string[] | undefined;
  if (Array.isArray(value.channels)) {
    const bad = value.channels.findIndex((c) => typeof c !== 'string' || c.trim() === '');
    if (value.channels.length === 0) problems.push('"channels" is empty: name at least one');
    else if (bad >= 0) fail(`channels[${bad}]`, 'a non-empty string', value.channels[bad]);
    else if (new Set(value.channels).size !== value.channels.length) {
      problems.push('"channels" names a channel twice');
    } else channels = (value.channels as string[]).slice();
  } else {
    fail('channels', 'a list of channel names', value.channels);
  }

  let split: DatasetSplit | undefined;
  if (isRecord(value.split)) {
    const train = integer('split.train', value.split.train, 0);
    const val = integer('split.val', value.split.val, 0);
    const test = integer('split.test', value.split.test, 0);
    if (train !== undefined && val !== undefined && test !== undefined) {
      if (train + val + test === 0) problems.push('"split" counts add up to 0 trajectories');
      else split = { train, val, test };
    }
  } else {
    fail('split', 'an object { train, val, test }', value.split);
  }

  const n = split ? split.train + split.val + split.test : undefined;
  const coefficientEntries: [string, number[]][] = [];
  if (isRecord(value.coefficients)) {
    for (const [name, list] of Object.entries(value.coefficients)) {
      const values = numberList(`coefficients.${name}`, list, problems, { allowMissing: true });
      if (!values) continue;
      if (n !== undefined && values.length !== n) {
        problems.push(
          `"coefficients.${name}" has ${plural(values.length, 'value')} but the split has ` +
            `${plural(n, 'trajectory', 'trajectories')}: it needs one value per trajectory`,
        );
      }
      coefficientEntries.push([name, values]);
    }
  } else {
    fail('coefficients', 'an object of per-trajectory value lists', value.coefficients);
  }

  const mix = value.mix === undefined ? undefined : parseMix(value.mix, n, channels, problems);
  const noise = value.noise === undefined ? undefined : parseNoise(value.noise, channels, problems);

  // Every undefined field has recorded a problem; the checks below only narrow the types.
  if (
    problems.length > 0 ||
    equation === undefined ||
    scheme === undefined ||
    seed === undefined ||
    grid === undefined ||
    times === undefined ||
    channels === undefined ||
    split === undefined
  ) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    const more = problems.length - listed.length;
    throw new DatasetFormatError(
      `The dataset metadata is invalid: ${listed.join('; ')}` +
        `${more > 0 ? `; and ${plural(more, 'more problem')}` : ''}.`,
    );
  }
  // fromEntries defines own properties, so even a coefficient named "__proto__" stays data.
  const coefficients = Object.fromEntries(coefficientEntries);
  return {
    equation,
    scheme,
    ...(initial ? { initial } : {}),
    seed,
    grid,
    times,
    channels,
    coefficients,
    split,
    ...(mix ? { mix } : {}),
    ...(noise ? { noise } : {}),
  };
}

function parseNoise(
  value: unknown,
  channels: string[] | undefined,
  problems: string[],
): AppliedNoise | undefined {
  const expected =
    '"noise" should be { sigma > 0, seed (a whole number ≥ 0), relativeTo: "channel-std", ' +
    'absolute (one σ ≥ 0 per channel) }';
  if (
    !isRecord(value) ||
    typeof value.sigma !== 'number' ||
    !(value.sigma > 0 && Number.isFinite(value.sigma)) ||
    typeof value.seed !== 'number' ||
    !Number.isSafeInteger(value.seed) ||
    value.seed < 0 ||
    value.relativeTo !== 'channel-std' ||
    !Array.isArray(value.absolute) ||
    !value.absolute.every((a) => typeof a === 'number' && a >= 0 && Number.isFinite(a))
  ) {
    problems.push(`${expected}, not ${describeValue(value)}`);
    return undefined;
  }
  if (channels && value.absolute.length !== channels.length) {
    problems.push(
      `"noise.absolute" has ${plural(value.absolute.length, 'value')} but the dataset has ` +
        `${plural(channels.length, 'channel')}`,
    );
    return undefined;
  }
  return {
    sigma: value.sigma,
    seed: value.seed,
    relativeTo: 'channel-std',
    absolute: (value.absolute as number[]).slice(),
  };
}

function parseMix(
  value: unknown,
  count: number | undefined,
  channels: string[] | undefined,
  problems: string[],
): DatasetMix | undefined {
  if (!isRecord(value) || !Array.isArray(value.components) || !Array.isArray(value.index)) {
    problems.push(`"mix" should be an object { components, index }, not ${describeValue(value)}`);
    return undefined;
  }
  const before = problems.length;
  const components: MixComponent[] = [];
  value.components.forEach((c: unknown, k) => {
    const path = `mix.components[${k}]`;
    if (
      !isRecord(c) ||
      typeof c.equation !== 'string' ||
      c.equation === '' ||
      typeof c.scheme !== 'string' ||
      typeof c.weight !== 'number' ||
      !(c.weight > 0) ||
      !Array.isArray(c.channels) ||
      c.channels.length === 0 ||
      !c.channels.every((name) => typeof name === 'string' && name !== '')
    ) {
      problems.push(
        `"${path}" should be { equation, scheme, channels, weight > 0 }, not ${describeValue(c)}`,
      );
      return;
    }
    if (channels && c.channels.length > channels.length) {
      problems.push(`"${path}" has more channels than the dataset's ${channels.length}`);
    }
    components.push({
      equation: c.equation,
      scheme: c.scheme,
      ...(typeof c.initial === 'string' && c.initial !== '' ? { initial: c.initial } : {}),
      channels: (c.channels as string[]).slice(),
      weight: c.weight,
    });
  });
  if (components.length === 0 && problems.length === before) {
    problems.push('"mix.components" is empty');
  }
  const index = value.index as unknown[];
  if (count !== undefined && index.length !== count) {
    problems.push(
      `"mix.index" has ${plural(index.length, 'entry', 'entries')} but the split has ` +
        `${plural(count, 'trajectory', 'trajectories')}`,
    );
  }
  const bad = index.findIndex(
    (i) => typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= components.length,
  );
  if (bad >= 0) {
    problems.push(
      `"mix.index[${bad}]" should be a component index below ${components.length}, not ${describeValue(index[bad])}`,
    );
  }
  return problems.length === before ? { components, index: index as number[] } : undefined;
}

function checkFormatVersion(value: Record<string, unknown>): void {
  if (value.format !== undefined && value.format !== DATASET_META_FORMAT) {
    throw new DatasetFormatError(
      `This metadata is not a PDE Lab dataset's (its format is ${describeValue(value.format)}, ` +
        `expected "${DATASET_META_FORMAT}").`,
    );
  }
  if (value.version === undefined) return;
  if (typeof value.version !== 'number' || !Number.isInteger(value.version)) {
    throw new DatasetFormatError(
      `The metadata's "version" should be a whole number, not ${describeValue(value.version)}.`,
    );
  }
  if (value.version > DATASET_META_VERSION) {
    throw new DatasetFormatError(
      `This dataset was written by a newer PDE Lab (format version ${value.version}); this ` +
        `version reads format version ${DATASET_META_VERSION}. Update PDE Lab to open it.`,
    );
  }
}

/** A list of finite numbers; with `allowMissing`, null entries (NaN in memory) are accepted too. */
function numberList(
  path: string,
  value: unknown,
  problems: string[],
  { allowMissing = false } = {},
): number[] | undefined {
  if (!Array.isArray(value)) {
    problems.push(
      value === undefined
        ? `"${path}" is missing`
        : `"${path}" should be a list of numbers, not ${describeValue(value)}`,
    );
    return undefined;
  }
  const missing = (v: unknown) => allowMissing && (v === null || Number.isNaN(v));
  const bad = value.findIndex((v) => !missing(v) && (typeof v !== 'number' || !Number.isFinite(v)));
  if (bad >= 0) {
    problems.push(`"${path}[${bad}]" should be a finite number, not ${describeValue(value[bad])}`);
    return undefined;
  }
  return value.map((v) => (missing(v) ? NaN : (v as number)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
