import { describe, expect, it } from 'vitest';
import { adapterKey, softwareAdapterName, softwareRendererName } from './softwareAdapter';

describe('softwareAdapterName', () => {
  it.each([
    [{ vendor: 'google', architecture: 'swiftshader', device: '', description: '' }, 'SwiftShader'],
    [
      {
        vendor: 'mesa',
        architecture: '',
        device: '',
        description: 'llvmpipe (LLVM 15.0.6, 256 bits)',
      },
      'llvmpipe',
    ],
    [{ vendor: 'mesa', description: 'lavapipe' }, 'lavapipe'],
    [
      { vendor: 'microsoft', description: 'Microsoft Basic Render Driver' },
      'Microsoft Basic Render Driver',
    ],
    [{ vendor: 'unknown', description: 'Some GPU', isFallbackAdapter: true }, 'a fallback adapter'],
  ])('recognises %j as software', (facts, name) => {
    expect(softwareAdapterName(facts)).toBe(name);
  });

  it.each([
    { vendor: 'nvidia', architecture: 'ada', description: 'NVIDIA GeForce RTX 4070' },
    { vendor: 'apple', architecture: 'metal-3', device: '', description: '' },
    { vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: false },
    {},
  ])('treats %j as a real GPU', (facts) => {
    expect(softwareAdapterName(facts)).toBeUndefined();
  });
});

describe('softwareRendererName', () => {
  it('reads a WebGL renderer string', () => {
    expect(
      softwareRendererName(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe('SwiftShader');
    expect(softwareRendererName('ANGLE (NVIDIA, NVIDIA GeForce GTX 1080 Direct3D11 vs_5_0)')).toBe(
      undefined,
    );
  });
});

describe('adapterKey', () => {
  it('tells adapters apart and is stable', () => {
    const a = { vendor: 'google', architecture: 'swiftshader' };
    expect(adapterKey(a)).toBe(adapterKey({ ...a }));
    expect(adapterKey(a)).not.toBe(adapterKey({ vendor: 'nvidia', architecture: 'ada' }));
    expect(adapterKey(undefined)).toBe('none');
  });
});
