import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(
      0x414fa339,
    );
  });

  it('changes when one bit flips', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
    const before = crc32(bytes);
    bytes[500]! ^= 1;
    expect(crc32(bytes)).not.toBe(before);
  });
});
