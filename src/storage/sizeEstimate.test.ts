import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { estimateSizeBytes } from './sizeEstimate';

describe('estimateSizeBytes', () => {
  it('counts typed arrays and ArrayBuffers by their bytes, however deeply nested', () => {
    const base = estimateSizeBytes({ a: [{ b: new Float32Array(0) }], c: new ArrayBuffer(0) });
    const full = estimateSizeBytes({ a: [{ b: new Float32Array(1000) }], c: new ArrayBuffer(24) });
    expect(full - base).toBe(4024);
  });

  it('counts binary inside Maps and Sets', () => {
    const map = new Map([['w', new Float64Array(100)]]);
    const set = new Set([new Uint8Array(50)]);
    expect(estimateSizeBytes(map)).toBeGreaterThanOrEqual(800);
    expect(estimateSizeBytes(set)).toBeGreaterThanOrEqual(50);
  });

  it('counts a buffer shared by several views once, and a subarray as its whole buffer', () => {
    const whole = new Float32Array(1000);
    const parts = [whole.subarray(0, 10), whole.subarray(10, 20)];
    expect(estimateSizeBytes(parts)).toBe(estimateSizeBytes([whole, whole]));
    expect(estimateSizeBytes(parts)).toBeGreaterThanOrEqual(4000);
    expect(estimateSizeBytes(parts)).toBeLessThan(4100);
  });

  it('sizes plain data roughly like its JSON text', () => {
    const value = { name: 'burgers', nu: 0.01, grid: [64, 64], flags: { periodic: true } };
    const json = JSON.stringify(value).length;
    const estimate = estimateSizeBytes(value);
    expect(estimate).toBeGreaterThan(json * 0.5);
    expect(estimate).toBeLessThan(json * 2);
  });

  it('terminates on cycles', () => {
    const node: { self?: unknown; data: Float32Array } = { data: new Float32Array(4) };
    node.self = node;
    expect(estimateSizeBytes(node)).toBeGreaterThanOrEqual(16);
  });
});
