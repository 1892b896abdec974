/**
 * Recognises GPUs that are really the CPU in disguise: software rasterisers such as SwiftShader,
 * llvmpipe/lavapipe and Microsoft's Basic Render Driver. On such an adapter WebGPU and WebGL run
 * every kernel on the CPU through an emulation layer, far slower than WebAssembly. Pure: no
 * browser calls, so it is unit-tested in Node.
 */

/** What a WebGPU adapter tells about itself (GPUAdapterInfo's fields, all optional). */
export interface AdapterFacts {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** `adapter.info.isFallbackAdapter` (newer browsers) or `adapter.isFallbackAdapter` (older). */
  isFallbackAdapter?: boolean;
}

/** Known software renderers: the pattern found in adapter or renderer strings, and its name. */
const SOFTWARE_RENDERERS: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /swift\s*shader/i, name: 'SwiftShader' },
  { pattern: /lavapipe/i, name: 'lavapipe' },
  { pattern: /llvmpipe/i, name: 'llvmpipe' },
  { pattern: /softpipe/i, name: 'softpipe' },
  { pattern: /microsoft basic render driver/i, name: 'Microsoft Basic Render Driver' },
  { pattern: /\bwarp\b/i, name: 'WARP' },
  { pattern: /software (rasterizer|renderer|adapter)/i, name: 'a software renderer' },
];

/**
 * The name of the software renderer behind these adapter facts, or undefined for a real GPU.
 * A fallback adapter counts as software even when its strings name nothing we know.
 */
export function softwareAdapterName(facts: AdapterFacts): string | undefined {
  const text = [facts.vendor, facts.architecture, facts.device, facts.description]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(' ');
  const known = softwareRendererName(text);
  if (known) return known;
  return facts.isFallbackAdapter ? 'a fallback adapter' : undefined;
}

/**
 * The software renderer named in a free-text renderer string (e.g. WebGL's UNMASKED_RENDERER:
 * "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)").
 */
export function softwareRendererName(text: string): string | undefined {
  return SOFTWARE_RENDERERS.find(({ pattern }) => pattern.test(text))?.name;
}

/** A short, stable description of an adapter for cache keys and tables. */
export function adapterKey(facts: AdapterFacts | undefined): string {
  if (!facts) return 'none';
  return [facts.vendor, facts.architecture, facts.device, facts.description]
    .map((part) => (part ?? '').trim())
    .join('|');
}
