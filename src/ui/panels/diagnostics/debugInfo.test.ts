import { describe, expect, it } from 'vitest';
import { formatDebugInfo } from './debugInfo';

describe('formatDebugInfo', () => {
  const base = {
    appVersion: '0.1.0',
    url: 'http://x/?v=1',
    userAgent: 'UA',
    screen: '1280×720 @1x',
  };

  it('says plainly when no backend runs', () => {
    expect(formatDebugInfo(base)).toContain('Backend: not running');
  });

  it('lists the backend, every attempt, the adapter, features and limits', () => {
    const text = formatDebugInfo({
      ...base,
      report: {
        active: 'webgl',
        preference: 'auto',
        attempts: [
          { backend: 'webgpu', ok: false, reason: 'no WebGPU adapter', ms: 12 },
          { backend: 'webgl', ok: true, ms: 80 },
        ],
        adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
        features: ['timestamp-query'],
        limits: { maxBufferSize: 1024 },
        tfjsVersion: '4.22.0',
        workerUserAgent: 'UA',
      },
      memory: { numTensors: 3, numBytes: 48 },
    });
    expect(text).toContain('Backend: webgl (asked for auto); TensorFlow.js 4.22.0');
    expect(text).toContain('tried webgpu: failed: no WebGPU adapter (12 ms)');
    expect(text).toContain('architecture=swiftshader');
    expect(text).toContain('GPU features: timestamp-query');
    expect(text).toContain('  maxBufferSize: 1024');
    expect(text).toContain('Tensors: 3; bytes: 48');
  });

  it('says what the WebAssembly backend computes with', () => {
    const text = formatDebugInfo({
      ...base,
      report: {
        active: 'wasm',
        preference: 'wasm',
        attempts: [{ backend: 'wasm', ok: true, ms: 40 }],
        tfjsVersion: '4.22.0',
        workerUserAgent: 'UA',
        wasm: { simd: true, threads: 1, isolated: false, note: 'not isolated' },
      },
    });
    expect(text).toContain('WebAssembly: SIMD yes, 1 thread (not isolated)');
  });
});
