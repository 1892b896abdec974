/** A model's named tf.Variables, created with seeded PyTorch-like initialisation. */
import * as tf from '@tensorflow/tfjs';
import { createRng, seedFor, type Rng } from '../../pde/random';

/** One tensor's values as plain data: what snapshots, checkpoints and optimizer states hold. */
export interface NamedTensorData {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface ParamOptions {
  /** Non-trainable parameters are saved and restored but get no gradient (default true). */
  trainable?: boolean;
}

interface Entry {
  variable: tf.Variable;
  trainable: boolean;
}

/** The bound of PyTorch's default Linear/Conv init, U(−1/√fan_in, 1/√fan_in). */
export function pytorchUniformBound(fanIn: number): number {
  if (!(fanIn > 0)) throw new RangeError(`fan_in must be positive, got ${fanIn}`);
  return 1 / Math.sqrt(fanIn);
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** FNV-1a over the UTF-16 code units: a stable 32-bit hash of a parameter's name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Named variables (`encoder.block0.attn.qkv.weight`), kept in creation order. Each parameter's
 * initial values come from its own JS random stream, seeded by (seed, name): the same seed gives
 * the same weights on every backend, whatever order or subset of parameters a model creates.
 * Linear weights are stored [in, out] (x·W), the transpose of PyTorch's [out, in].
 */
export class Params {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly seed = 0) {}

  /** U(low, high), drawn in float64 and rounded to float32. */
  uniform(
    name: string,
    shape: number[],
    low: number,
    high: number,
    options?: ParamOptions,
  ): tf.Variable {
    const rng = this.rngFor(name);
    return this.fromData(
      name,
      shape,
      fill(shape, () => rng.uniformIn(low, high)),
      options,
    );
  }

  /** PyTorch's Linear/Conv default: U(−1/√fan_in, 1/√fan_in) for weights and biases alike. */
  pytorchUniform(name: string, shape: number[], fanIn: number, options?: ParamOptions) {
    const bound = pytorchUniformBound(fanIn);
    return this.uniform(name, shape, -bound, bound, options);
  }

  /** N(mean, std²), as torch.randn for embeddings and learned tokens. */
  normal(name: string, shape: number[], mean = 0, std = 1, options?: ParamOptions): tf.Variable {
    const rng = this.rngFor(name);
    return this.fromData(
      name,
      shape,
      fill(shape, () => mean + std * rng.normal()),
      options,
    );
  }

  /** Every entry equal to `value` (ones and zeros for LayerNorm). */
  constant(name: string, shape: number[], value: number, options?: ParamOptions): tf.Variable {
    return this.fromData(name, shape, new Float32Array(sizeOf(shape)).fill(value), options);
  }

  fromData(
    name: string,
    shape: number[],
    data: Float32Array,
    options: ParamOptions = {},
  ): tf.Variable {
    if (this.entries.has(name)) throw new Error(`Parameter "${name}" already exists.`);
    if (!name) throw new Error('A parameter needs a name.');
    if (data.length !== sizeOf(shape)) {
      throw new Error(
        `Parameter "${name}": ${data.length} values do not fill shape [${shape.join(', ')}].`,
      );
    }
    const trainable = options.trainable ?? true;
    // No tfjs name: tfjs names are global, and two models may share parameter names.
    // Copied: on the CPU backend a tensor would alias the caller's array.
    const initial = tf.tensor(data.slice(), shape, 'float32');
    const variable = tf.variable(initial, trainable);
    initial.dispose(); // the variable keeps its own reference to the data
    this.entries.set(name, { variable, trainable });
    return variable;
  }

  get(name: string): tf.Variable {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`No parameter named "${name}".`);
    return entry.variable;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** [name, variable] pairs of the trainable parameters, in creation order. */
  trainable(): [string, tf.Variable][] {
    return [...this.entries].filter(([, e]) => e.trainable).map(([n, e]) => [n, e.variable]);
  }

  /** Number of scalar parameters (all, or only trainable ones). */
  count(which: 'all' | 'trainable' = 'all'): number {
    let total = 0;
    for (const entry of this.entries.values()) {
      if (which === 'all' || entry.trainable) total += entry.variable.size;
    }
    return total;
  }

  /** Every parameter's values, copied to the host (async: no blocking GPU readback). */
  async snapshot(): Promise<NamedTensorData[]> {
    const names = this.names;
    const values = await Promise.all(names.map((n) => this.get(n).data<'float32'>()));
    return names.map((name, i) => ({
      name,
      shape: [...this.get(name).shape],
      data: Float32Array.from(values[i]!),
    }));
  }

  /** Overwrites every parameter from a snapshot with exactly the same names and shapes. */
  restore(snapshot: readonly NamedTensorData[]): void {
    const problems = matchNamedShapes(this.shapes(), snapshot);
    if (problems.length) throw new Error(`Cannot restore parameters: ${problems.join('; ')}.`);
    for (const { name, shape, data } of snapshot) {
      tf.tidy(() => this.get(name).assign(tf.tensor(data.slice(), shape, 'float32')));
    }
  }

  /** name → shape of every parameter, in creation order. */
  shapes(): Map<string, number[]> {
    return new Map([...this.entries].map(([n, e]) => [n, [...e.variable.shape]]));
  }

  dispose(): void {
    for (const { variable } of this.entries.values()) variable.dispose();
    this.entries.clear();
  }

  private rngFor(name: string): Rng {
    return createRng(seedFor(this.seed, hashName(name)));
  }
}

function fill(shape: number[], draw: () => number): Float32Array {
  return Float32Array.from({ length: sizeOf(shape) }, draw);
}

/**
 * Differences between expected name → shape and a list of tensors, in words (unknown names,
 * missing names, wrong shapes, wrong data lengths); empty when they match.
 */
export function matchNamedShapes(
  expected: Map<string, number[]>,
  given: readonly { name: string; shape: readonly number[]; data?: Float32Array }[],
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { name, shape, data } of given) {
    const want = expected.get(name);
    if (seen.has(name)) problems.push(`"${name}" appears twice`);
    seen.add(name);
    if (!want) problems.push(`unknown parameter "${name}"`);
    else if (want.length !== shape.length || want.some((d, i) => d !== shape[i])) {
      problems.push(`"${name}" has shape [${shape.join(', ')}], expected [${want.join(', ')}]`);
    } else if (data && data.length !== sizeOf(want)) {
      problems.push(`"${name}" has ${data.length} values, expected ${sizeOf(want)}`);
    }
  }
  const missing = [...expected.keys()].filter((n) => !seen.has(n));
  if (missing.length) problems.push(`missing ${missing.map((n) => `"${n}"`).join(', ')}`);
  return problems;
}
