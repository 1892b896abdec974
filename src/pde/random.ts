/**
 * Seeded random numbers drawn in JavaScript, so that a seed gives the same data on every tfjs
 * backend and in Node (tf.random* differs between backends). The generator is xoshiro128**
 * (Blackman & Vigna, v1.1): 32-bit integer operations only, exact in JS. Seeds are expanded and
 * hashed with SplitMix64, the seeder its authors recommend.
 *
 * Integers, uniforms and every accept/reject decision are bit-exact everywhere. Normals use
 * Math.log, which ECMAScript does not require to be correctly rounded: V8 (Chromium, Node) is
 * bit-identical, other engines may differ in the last float64 bit, which almost never survives
 * the rounding to float32.
 */

/** A source of raw 32-bit outputs: the one piece to replace to swap in another generator. */
export interface Uint32Source {
  /** The next output, an integer in [0, 2³²). */
  next(): number;
}

export interface Rng {
  nextUint32(): number;
  /** Uniform float64 in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform float64 in [low, high). */
  uniformIn(low: number, high: number): number;
  /** Uniform integer in [min, max], both included, without modulo bias (span ≤ 2³²). */
  integer(min: number, max: number): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
}

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** SplitMix64's output function: a bijection on 64-bit words with good avalanche. */
function mix64(z: bigint): bigint {
  z &= MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** The SplitMix64 generator (reference: prng.di.unimi.it/splitmix64.c). */
export function splitMix64(seed: bigint): { next(): bigint } {
  let state = BigInt.asUintN(64, seed);
  return {
    next() {
      state = (state + GOLDEN_GAMMA) & MASK64;
      return mix64(state);
    },
  };
}

/** xoshiro128** 1.1 on a given state of four 32-bit words (not all zero). */
export function xoshiro128StarStar(state: readonly [number, number, number, number]): Uint32Source {
  let [s0, s1, s2, s3] = state.map((w) => w | 0) as [number, number, number, number];
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** needs a nonzero state');
  return {
    next() {
      const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      return result;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function toUint64(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer`);
  return BigInt.asUintN(64, BigInt(value));
}

/**
 * A generator for one seed (any safe integer, e.g. from seedFor). The state is two SplitMix64
 * outputs, low word first, as rand_xoshiro's seed_from_u64 does.
 */
export function createRng(seed: number): Rng {
  const seeder = splitMix64(toUint64(seed, 'seed'));
  const a = seeder.next();
  const b = seeder.next();
  const words = [a, a >> 32n, b, b >> 32n].map((w) => Number(w & 0xffffffffn));
  return rngFrom(xoshiro128StarStar(words as [number, number, number, number]));
}

/** Builds the float, integer and normal draws on top of any 32-bit source. */
export function rngFrom(source: Uint32Source): Rng {
  let spareNormal: number | null = null;
  const uniform = () => {
    const high = source.next() >>> 5; // 27 bits
    const low = source.next() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  };
  return {
    nextUint32: () => source.next(),
    uniform,
    uniformIn: (low, high) => low + (high - low) * uniform(),
    integer(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
        throw new RangeError(`bad integer range [${min}, ${max}]`);
      }
      const span = max - min + 1;
      if (span > 2 ** 32) throw new RangeError('integer range wider than 2³²');
      const limit = Math.floor(2 ** 32 / span) * span;
      for (;;) {
        const x = source.next();
        if (x < limit) return min + (x % span);
      }
    },
    normal() {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      for (;;) {
        const u = 2 * uniform() - 1;
        const v = 2 * uniform() - 1;
        const s = u * u + v * v;
        if (s >= 1 || s === 0) continue;
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        spareNormal = v * factor;
        return u * factor;
      }
    },
  };
}

/**
 * The seed of one trajectory's random stream: a 53-bit integer hashed from the dataset seed,
 * the trajectory's index and a stream number (to give one trajectory several independent
 * streams, e.g. its initial condition and its coefficients). It depends on nothing else, so a
 * dataset comes out the same whatever batch size generates it. Distinct indices (or streams)
 * give distinct 64-bit hashes; the top 53 bits kept collide with odds ~n²/2⁵⁴.
 */
export function seedFor(datasetSeed: number, index: number, stream = 0): number {
  const words = [
    toUint64(datasetSeed, 'datasetSeed'),
    toUint64(index, 'index'),
    toUint64(stream, 'stream'),
  ];
  const hash = words.reduce((h, word) => mix64((h ^ word) + GOLDEN_GAMMA), 0n);
  return Number(hash >> 11n);
}

/** Seeds for trajectories start, start+1, …, start+count−1 of a dataset. */
export function trajectorySeeds(
  datasetSeed: number,
  start: number,
  count: number,
  stream = 0,
): number[] {
  return Array.from({ length: count }, (_, i) => seedFor(datasetSeed, start + i, stream));
}
