import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from './adamw';
import { initAttention, multiHeadAttention } from './attention';
import {
  CHECKPOINT_VERSION,
  captureCheckpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  loadWeights,
  type Checkpoint,
} from './checkpoint';
import { initLinear, linear } from './linear';
import { Params } from './params';
import { seededTensor } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

const attention = { dim: 4, heads: 2, dimHead: 3 };
const config = { width: 4, heads: 2, note: 'tiny' };

function model(seed: number): Params {
  const params = new Params(seed);
  initLinear(params, 'embed', 3, 4);
  initAttention(params, 'attn', attention);
  params.normal('token', [4]);
  disposables.push(params);
  return params;
}

function forward(params: Params, x: tf.Tensor): Float32Array {
  return tf.tidy(() => {
    const h = linear(params, 'embed', x).add(params.get('token')) as tf.Tensor3D;
    return multiHeadAttention(params, 'attn', h, attention).dataSync() as Float32Array;
  });
}

async function trainedCheckpoint(): Promise<{
  params: Params;
  checkpoint: Checkpoint;
  bytes: Uint8Array;
}> {
  const params = model(1);
  const optimizer = new AdamW(params);
  disposables.push(optimizer);
  tf.tidy(() => {
    const grads = Object.fromEntries(params.trainable().map(([n, v]) => [n, tf.onesLike(v)]));
    optimizer.apply(grads, 1e-2);
  });
  const checkpoint = await captureCheckpoint({
    modelId: 'tiny',
    modelVersion: 2,
    config,
    step: 1,
    params,
    optimizer,
    history: { loss: [0.5, 0.25] },
  });
  return { params, checkpoint, bytes: encodeCheckpoint(checkpoint) };
}

/** Rewrites the JSON header of an encoded checkpoint, moving the payload after it unchanged. */
function withHeader(
  bytes: Uint8Array,
  edit: (header: Record<string, unknown>) => void,
): Uint8Array {
  const align = (n: number) => Math.ceil(n / 8) * 8;
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Record<
    string,
    unknown
  >;
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const payload = bytes.subarray(align(12 + length));
  const out = new Uint8Array(align(12 + json.length) + payload.length);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(payload, align(12 + json.length));
  return out;
}

describe('checkpoints', () => {
  it('round-trip: a fresh model loaded from the bytes gives exactly the same outputs', async () => {
    const { params, bytes } = await trainedCheckpoint();
    const x = seededTensor([2, 5, 3], 8);
    disposables.push(x);
    const decoded = decodeCheckpoint(bytes, { modelId: 'tiny' });
    expect(decoded.format).toBe('pde-lab-checkpoint');
    expect(decoded.version).toBe(CHECKPOINT_VERSION);
    expect([decoded.modelId, decoded.modelVersion, decoded.step]).toEqual(['tiny', 2, 1]);
    expect(decoded.config).toEqual(config);
    expect(decoded.history).toEqual({ loss: [0.5, 0.25] });
    expect(decoded.weights.map((w) => w.name)).toEqual(params.names);
    expect(decoded.optimizer?.step).toBe(1);
    expect(decoded.optimizer?.m.length).toBe(params.names.length);

    const fresh = model(99);
    expect(forward(fresh, x)).not.toEqual(forward(params, x));
    loadWeights(fresh, decoded);
    expect(forward(fresh, x)).toEqual(forward(params, x));
    const restored = new AdamW(fresh);
    disposables.push(restored);
    restored.restore(decoded.optimizer!);
    expect(restored.step).toBe(1);
  });

  it('lays out magic, header length and an 8-byte-aligned payload, and reads from any offset', async () => {
    const { bytes, checkpoint } = await trainedCheckpoint();
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('PDELABCK');
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const floats = [
      ...checkpoint.weights,
      ...checkpoint.optimizer!.m,
      ...checkpoint.optimizer!.v,
    ].reduce((n, t) => n + t.data.length, 0);
    expect(bytes.length).toBe(Math.ceil((12 + headerLength) / 8) * 8 + 4 * floats);
    // Inside a larger buffer at an odd offset (no aligned Float32Array view possible).
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const decoded = decodeCheckpoint(shifted.subarray(3));
    expect(decoded.weights.map((w) => Array.from(w.data))).toEqual(
      checkpoint.weights.map((w) => Array.from(w.data)),
    );
  });

  it('rejects malformed bytes with errors in words', async () => {
    const { bytes } = await trainedCheckpoint();
    const bad = (b: Uint8Array) => () => decodeCheckpoint(b);
    expect(bad(bytes.subarray(0, 5))).toThrow(/Not a checkpoint: only 5 bytes/);
    const magic = bytes.slice();
    magic[0] = 0x58;
    expect(bad(magic)).toThrow(/does not start with "PDELABCK"/);
    expect(bad(bytes.subarray(0, 40))).toThrow(/Truncated checkpoint: the header needs/);
    expect(bad(bytes.subarray(0, bytes.length - 4))).toThrow(
      /Truncated checkpoint: second moment "token"/,
    );
    const garbled = bytes.slice();
    garbled[12] = 0x7d; // '}' where '{' should be
    expect(bad(garbled)).toThrow(/header is not valid JSON/);
    expect(decodeCheckpoint(withHeader(bytes, () => {})).step).toBe(1); // the helper itself is sound
    expect(bad(withHeader(bytes, (h) => (h.format = 'other')))).toThrow(/format is "other"/);
    expect(bad(withHeader(bytes, (h) => (h.version = 9)))).toThrow(
      /format version 9; this app reads up to version 1/,
    );
    expect(bad(withHeader(bytes, (h) => (h.step = -1)))).toThrow(
      /step is not a non-negative integer/,
    );
    expect(
      bad(
        withHeader(bytes, (h) => {
          (h.weights as { shape: number[] }[])[0]!.shape = [3, -4];
        }),
      ),
    ).toThrow(/weight "embed.weight" has an invalid shape/);
    expect(
      bad(
        withHeader(bytes, (h) => {
          (h.weights as { name: string }[])[1]!.name = 'embed.weight';
        }),
      ),
    ).toThrow(/weight "embed.weight" appears twice/);
    expect(
      bad(
        withHeader(bytes, (h) => {
          (h.optimizer as { m: { name: string }[] }).m[0]!.name = 'ghost';
        }),
      ),
    ).toThrow(/optimizer moments for "ghost"/);
    expect(() => decodeCheckpoint(bytes, { modelId: 'mae' })).toThrow(
      /belongs to model "tiny", not "mae"/,
    );
  });

  it('carries a run record through the bytes, and reads files without one as before', async () => {
    const { checkpoint, bytes } = await trainedCheckpoint();
    expect(decodeCheckpoint(bytes).run).toBeUndefined();
    const run = {
      name: 'tiny run · “ü”',
      startedAt: 1_700_000_000_000,
      options: { steps: 10, augment: true },
      history: { loss: [0.5, null, 0.25] },
    };
    const withRun = encodeCheckpoint({ ...checkpoint, run });
    const decoded = decodeCheckpoint(withRun, { modelId: 'tiny' });
    expect(decoded.run).toEqual(run);
    expect(decoded.weights.map((w) => Array.from(w.data))).toEqual(
      checkpoint.weights.map((w) => Array.from(w.data)),
    );
    expect(decoded.optimizer?.step).toBe(1);
    // Only the header grows.
    const payloadBytes = (b: Uint8Array) => {
      const length = new DataView(b.buffer, b.byteOffset).getUint32(8, true);
      return b.length - Math.ceil((12 + length) / 8) * 8;
    };
    expect(payloadBytes(withRun)).toBe(payloadBytes(bytes));
    expect(() => encodeCheckpoint({ ...checkpoint, run: { name: ' ' } })).toThrow(
      /run record cannot be saved: it has no name/,
    );
    expect(() => decodeCheckpoint(withHeader(bytes, (h) => (h.run = [1, 2])))).toThrow(
      /run record is invalid: it is not an object/,
    );
    expect(() => decodeCheckpoint(withHeader(bytes, (h) => (h.run = { step: 3 })))).toThrow(
      /run record is invalid: it has no name/,
    );
  });

  it('refuses damaged weights by their checksum; files written without one still load', async () => {
    const { bytes } = await trainedCheckpoint();
    const length = new DataView(bytes.buffer).getUint32(8, true);
    const payloadStart = Math.ceil((12 + length) / 8) * 8;
    const flipped = bytes.slice();
    flipped[payloadStart + 17]! ^= 0x10;
    expect(() => decodeCheckpoint(flipped)).toThrow(
      /Damaged checkpoint: its weights do not match the checksum/,
    );
    const tail = bytes.slice();
    tail[tail.length - 1]! ^= 0x01;
    expect(() => decodeCheckpoint(tail)).toThrow(/Damaged checkpoint/);
    expect(() => decodeCheckpoint(withHeader(bytes, (h) => (h.payloadCrc32 = -1)))).toThrow(
      /checksum is not a 32-bit number/,
    );
    // As checkpoints were written before the checksum: no check, same weights.
    const old = withHeader(bytes, (h) => delete h.payloadCrc32);
    expect(decodeCheckpoint(old).weights).toEqual(decodeCheckpoint(bytes).weights);
    expect(decodeCheckpoint(withHeader(flipped, (h) => delete h.payloadCrc32)).step).toBe(1);
  });

  it('refuses to load weights into a model of another shape, naming names', async () => {
    const { checkpoint } = await trainedCheckpoint();
    const wider = new Params(0);
    initLinear(wider, 'embed', 3, 5);
    initAttention(wider, 'attn', attention);
    wider.normal('token', [4]);
    wider.normal('extra', [2]);
    disposables.push(wider);
    expect(() => loadWeights(wider, checkpoint)).toThrow(
      /"embed.weight" has shape \[3, 4\], expected \[3, 5\].*missing "extra"/,
    );
    const smaller = new Params(0);
    initLinear(smaller, 'embed', 3, 4);
    disposables.push(smaller);
    const before = Array.from(smaller.get('embed.weight').dataSync());
    expect(() => loadWeights(smaller, checkpoint)).toThrow(/unknown parameter "attn.qkv.weight"/);
    // Nothing was half-loaded, although "embed.weight" itself would have fitted.
    expect(Array.from(smaller.get('embed.weight').dataSync())).toEqual(before);
  });
});
