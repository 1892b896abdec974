import { describe, expect, it } from 'vitest';
import { collectTransferables } from './transferables';

describe('collectTransferables', () => {
  it('finds each buffer once, however deeply nested or shared', () => {
    const shared = new Float32Array(4);
    const other = new Int32Array(2);
    const result = { a: shared, nested: { list: [shared.subarray(1), other], n: 3, s: 'x' } };
    const found = collectTransferables(result);
    expect(found).toHaveLength(2);
    expect(found).toContain(shared.buffer);
    expect(found).toContain(other.buffer);
  });
});
