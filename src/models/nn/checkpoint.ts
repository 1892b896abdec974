/**
 * Self-describing checkpoints: model id and version, config, step, every weight by name with its
 * shape, optionally the optimizer state, a training history and the record of the run it came
 * from (when a run is exported as a file), encoded as one byte array:
 *
 *   bytes 0…7    magic "PDELABCK"
 *   bytes 8…11   header length L, uint32 little-endian
 *   bytes 12…    UTF-8 JSON header (L bytes), then zero padding to a multiple of 8
 *   payload      float32 little-endian; the header gives each tensor's offset (in floats) and shape
 *
 * The header's `payloadCrc32` (CRC-32 of the payload's bytes) lets a reader refuse a file whose
 * weights were damaged; checkpoints written before it was added carry none and are read as ever.
 */
import type { AdamWHyperparameters, OptimizerState } from './adamw';
import type { AdamW } from './adamw';
import { crc32 } from './crc32';
import { matchNamedShapes, sizeOf, type NamedTensorData, type Params } from './params';

export const CHECKPOINT_FORMAT = 'pde-lab-checkpoint';
export const CHECKPOINT_VERSION = 1;
const MAGIC = 'PDELABCK';
const PREFIX_BYTES = 12;
const ALIGN = 8;

/** Any JSON value (configs and histories are stored as they are). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The run a checkpoint belongs to, as JSON: its name and whatever the lab keeps about it
 * (settings, history, times; storage/checkpointFile reads and checks those). Only files exported
 * from the lab carry one; `npm run pretrain` writes none.
 */
export interface CheckpointRun {
  name: string;
  [key: string]: Json;
}

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  modelId: string;
  modelVersion: number;
  config: Json;
  /** Optimizer steps completed when the checkpoint was taken. */
  step: number;
  weights: NamedTensorData[];
  optimizer?: OptimizerState;
  /** Models trained by several optimizers (DINo: codes, decoder, dynamics) keep each by name. */
  optimizers?: Record<string, OptimizerState>;
  history?: Json;
  run?: CheckpointRun;
}

export interface CheckpointSource {
  modelId: string;
  modelVersion: number;
  config: Json;
  step: number;
  params: Params;
  optimizer?: AdamW;
  optimizers?: Readonly<Record<string, AdamW>>;
  history?: Json;
}

/** Reads the current weights (and optimizer moments) into a checkpoint. */
export async function captureCheckpoint(source: CheckpointSource): Promise<Checkpoint> {
  const checkpoint: Checkpoint = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    modelId: source.modelId,
    modelVersion: source.modelVersion,
    config: source.config,
    step: source.step,
    weights: await source.params.snapshot(),
  };
  if (source.optimizer) checkpoint.optimizer = await source.optimizer.snapshot();
  if (source.optimizers) {
    const named = Object.entries(source.optimizers);
    const states = await Promise.all(named.map(([, optimizer]) => optimizer.snapshot()));
    checkpoint.optimizers = Object.fromEntries(named.map(([name], i) => [name, states[i]!]));
  }
  if (source.history !== undefined) checkpoint.history = source.history;
  return checkpoint;
}

interface TensorEntry {
  name: string;
  shape: number[];
  offset: number;
}

interface OptimizerHeader {
  kind: 'adamw';
  step: number;
  hyper: AdamWHyperparameters;
  m: TensorEntry[];
  v: TensorEntry[];
}

interface Header {
  format: string;
  version: number;
  modelId: string;
  modelVersion: number;
  config: Json;
  step: number;
  weights: TensorEntry[];
  optimizer?: OptimizerHeader;
  optimizers?: Record<string, OptimizerHeader>;
  history?: Json;
  run?: CheckpointRun;
  /** CRC-32 of the payload bytes. */
  payloadCrc32?: number;
}

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  let floats = 0;
  const place = (list: NamedTensorData[]): TensorEntry[] =>
    list.map(({ name, shape, data }) => {
      if (data.length !== sizeOf(shape)) {
        throw new CheckpointError(
          `"${name}" has ${data.length} values for shape [${shape.join(', ')}].`,
        );
      }
      const entry = { name, shape: [...shape], offset: floats };
      floats += data.length;
      return entry;
    });
  const header: Header = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    modelId: checkpoint.modelId,
    modelVersion: checkpoint.modelVersion,
    config: checkpoint.config,
    step: checkpoint.step,
    weights: place(checkpoint.weights),
  };
  const tensors = [...checkpoint.weights];
  const placeOptimizer = ({ kind, step, hyper, m, v }: OptimizerState): OptimizerHeader => {
    tensors.push(...m, ...v);
    return { kind, step, hyper, m: place(m), v: place(v) };
  };
  if (checkpoint.optimizer) header.optimizer = placeOptimizer(checkpoint.optimizer);
  if (checkpoint.optimizers) {
    header.optimizers = Object.fromEntries(
      Object.entries(checkpoint.optimizers).map(([name, state]) => [name, placeOptimizer(state)]),
    );
  }
  if (checkpoint.history !== undefined) header.history = checkpoint.history;
  if (checkpoint.run !== undefined) {
    const problem = runProblem(checkpoint.run);
    if (problem) throw new CheckpointError(`The run record cannot be saved: ${problem}.`);
    header.run = checkpoint.run;
  }

  // The payload first: the header carries its checksum.
  const payload = new Uint8Array(4 * floats);
  const payloadView = new DataView(payload.buffer);
  let offset = 0;
  for (const { data } of tensors) {
    writeFloats(payloadView, offset, data);
    offset += data.length;
  }
  header.payloadCrc32 = crc32(payload);

  const json = new TextEncoder().encode(JSON.stringify(header));
  const payloadStart = alignUp(PREFIX_BYTES + json.length);
  const bytes = new Uint8Array(payloadStart + payload.length);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, PREFIX_BYTES);
  bytes.set(payload, payloadStart);
  return bytes;
}

export interface DecodeOptions {
  /** Reject a checkpoint of another model. */
  modelId?: string;
}

/** Parses and validates a checkpoint; every problem is reported as a CheckpointError in words. */
export function decodeCheckpoint(bytes: Uint8Array, options: DecodeOptions = {}): Checkpoint {
  if (bytes.length < PREFIX_BYTES) {
    throw new CheckpointError(`Not a checkpoint: only ${bytes.length} bytes.`);
  }
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new CheckpointError('Not a PDE Lab checkpoint: the file does not start with "PDELABCK".');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (PREFIX_BYTES + headerLength > bytes.length) {
    throw new CheckpointError(
      `Truncated checkpoint: the header needs ${headerLength} bytes, only ${bytes.length - PREFIX_BYTES} are there.`,
    );
  }
  let header: Header;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength),
      ),
    ) as Header;
  } catch {
    throw new CheckpointError('Corrupt checkpoint: the header is not valid JSON.');
  }
  checkHeader(header, options);

  const payloadStart = alignUp(PREFIX_BYTES + headerLength);
  const payloadFloats = Math.max(0, Math.floor((bytes.length - payloadStart) / 4));
  const payload = new DataView(
    bytes.buffer,
    bytes.byteOffset + Math.min(payloadStart, bytes.length),
  );
  const read = (entries: TensorEntry[], what: string): NamedTensorData[] =>
    entries.map(({ name, shape, offset }) => {
      const size = sizeOf(shape);
      if (offset + size > payloadFloats) {
        throw new CheckpointError(
          `Truncated checkpoint: ${what} "${name}" needs floats ${offset}…${offset + size}, the file holds ${payloadFloats}.`,
        );
      }
      return { name, shape, data: readFloats(payload, offset, size) };
    });

  const weights = read(header.weights, 'weight');
  const checkpoint: Checkpoint = {
    format: CHECKPOINT_FORMAT,
    version: header.version,
    modelId: header.modelId,
    modelVersion: header.modelVersion,
    config: header.config,
    step: header.step,
    weights,
  };
  const expected = new Map(weights.map((w) => [w.name, w.shape]));
  const readOptimizer = ({ kind, step, hyper, m, v }: OptimizerHeader): OptimizerState => {
    const state: OptimizerState = {
      kind,
      step,
      hyper,
      m: read(m, 'first moment'),
      v: read(v, 'second moment'),
    };
    for (const list of [state.m, state.v]) {
      const unknown = list.filter((t) => {
        const shape = expected.get(t.name);
        return !shape || shape.join() !== t.shape.join();
      });
      if (unknown.length) {
        throw new CheckpointError(
          `Corrupt checkpoint: optimizer moments for ${unknown.map((t) => `"${t.name}" [${t.shape.join(', ')}]`).join(', ')} match no weight.`,
        );
      }
    }
    return state;
  };
  if (header.optimizer) checkpoint.optimizer = readOptimizer(header.optimizer);
  const optimizerHeaders = Object.values(header.optimizers ?? {});
  if (header.optimizers) {
    checkpoint.optimizers = Object.fromEntries(
      Object.entries(header.optimizers).map(([name, h]) => [name, readOptimizer(h)]),
    );
  }
  if (header.payloadCrc32 !== undefined) {
    const entries = [
      ...header.weights,
      ...(header.optimizer ? [...header.optimizer.m, ...header.optimizer.v] : []),
      ...optimizerHeaders.flatMap((h) => [...h.m, ...h.v]),
    ];
    const floats = entries.reduce((end, e) => Math.max(end, e.offset + sizeOf(e.shape)), 0);
    const region =
      floats === 0
        ? new Uint8Array(0)
        : new Uint8Array(bytes.buffer, bytes.byteOffset + payloadStart, 4 * floats);
    if (crc32(region) !== header.payloadCrc32) {
      throw new CheckpointError(
        'Damaged checkpoint: its weights do not match the checksum written with them (the file was changed or corrupted after it was saved).',
      );
    }
  }
  if (header.history !== undefined) checkpoint.history = header.history;
  if (header.run !== undefined) checkpoint.run = header.run;
  return checkpoint;
}

/** Copies a checkpoint's weights into params, which must have exactly the same names and shapes. */
export function loadWeights(params: Params, checkpoint: Pick<Checkpoint, 'weights'>): void {
  const problems = matchNamedShapes(params.shapes(), checkpoint.weights);
  if (problems.length) {
    throw new CheckpointError(`The checkpoint does not fit this model: ${problems.join('; ')}.`);
  }
  params.restore(checkpoint.weights);
}

function checkHeader(header: Header, options: DecodeOptions): void {
  const fail = (why: string): never => {
    throw new CheckpointError(`Corrupt checkpoint: ${why}.`);
  };
  if (typeof header !== 'object' || header === null) fail('the header is not an object');
  if (header.format !== CHECKPOINT_FORMAT)
    fail(`format is "${String(header.format)}", not "${CHECKPOINT_FORMAT}"`);
  if (!Number.isInteger(header.version) || header.version < 1)
    fail('the format version is missing');
  if (header.version > CHECKPOINT_VERSION) {
    throw new CheckpointError(
      `This checkpoint has format version ${header.version}; this app reads up to version ${CHECKPOINT_VERSION}. Update the app.`,
    );
  }
  if (typeof header.modelId !== 'string' || !header.modelId) fail('the model id is missing');
  if (typeof header.modelVersion !== 'number') fail('the model version is missing');
  if (!Number.isInteger(header.step) || header.step < 0)
    fail('the step is not a non-negative integer');
  if (options.modelId !== undefined && header.modelId !== options.modelId) {
    throw new CheckpointError(
      `This checkpoint belongs to model "${header.modelId}", not "${options.modelId}".`,
    );
  }
  const checkEntries = (entries: unknown, what: string) => {
    if (!Array.isArray(entries)) fail(`the ${what} list is missing`);
    const seen = new Set<string>();
    for (const e of entries as TensorEntry[]) {
      if (typeof e?.name !== 'string' || !e.name) fail(`a ${what} has no name`);
      if (seen.has(e.name)) fail(`${what} "${e.name}" appears twice`);
      seen.add(e.name);
      if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) {
        fail(`${what} "${e.name}" has an invalid shape`);
      }
      if (!Number.isInteger(e.offset) || e.offset < 0)
        fail(`${what} "${e.name}" has an invalid offset`);
    }
  };
  checkEntries(header.weights, 'weight');
  const checkOptimizer = (o: OptimizerHeader | undefined) => {
    if (o?.kind !== 'adamw') fail(`unknown optimizer "${String(o?.kind)}"`);
    if (!Number.isInteger(o!.step) || o!.step < 0) fail('the optimizer step is invalid');
    checkEntries(o!.m, 'first moment');
    checkEntries(o!.v, 'second moment');
  };
  if (header.optimizer !== undefined) checkOptimizer(header.optimizer);
  if (header.optimizers !== undefined) {
    if (typeof header.optimizers !== 'object' || header.optimizers === null) {
      fail('the optimizers are not an object');
    }
    Object.values(header.optimizers).forEach(checkOptimizer);
  }
  if (
    header.payloadCrc32 !== undefined &&
    !(
      Number.isInteger(header.payloadCrc32) &&
      header.payloadCrc32 >= 0 &&
      header.payloadCrc32 < 2 ** 32
    )
  ) {
    fail('the checksum is not a 32-bit number');
  }
  if (header.run !== undefined) {
    const problem = runProblem(header.run);
    if (problem) fail(`the run record is invalid: ${problem}`);
  }
}

/** What is wrong with a run record, or undefined when it is a JSON object with a name. */
function runProblem(run: unknown): string | undefined {
  if (typeof run !== 'object' || run === null || Array.isArray(run)) return 'it is not an object';
  const { name } = run as { name?: unknown };
  if (typeof name !== 'string' || !name.trim()) return 'it has no name';
  return undefined;
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function writeFloats(view: DataView, offset: number, data: Float32Array): void {
  const byteOffset = view.byteOffset + 4 * offset;
  if (LITTLE_ENDIAN && byteOffset % 4 === 0) {
    new Float32Array(view.buffer, byteOffset, data.length).set(data);
    return;
  }
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * (offset + i), data[i]!, true);
}

function readFloats(view: DataView, offset: number, size: number): Float32Array {
  const byteOffset = view.byteOffset + 4 * offset;
  if (LITTLE_ENDIAN && byteOffset % 4 === 0) {
    return new Float32Array(view.buffer, byteOffset, size).slice();
  }
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = view.getFloat32(4 * (offset + i), true);
  return out;
}
