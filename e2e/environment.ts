/** How the tests and the benchmark launch Debian's Chromium with a real WebGPU adapter (SwiftShader on a CPU-only machine), and where they serve the app. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const WEBGPU_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Where the e2e tests serve the production build: Vite's preview, and a plain static server under
 * a sub-path. The environment may move both (and the build folder), so that two checkouts can
 * test side by side.
 */
export const PREVIEW_PORT = Number(process.env.E2E_PORT ?? 4173);
export const SUB_PATH_PORT = Number(process.env.E2E_SUB_PATH_PORT ?? 4176);
export const BUILD_DIR = process.env.E2E_DIST ?? 'dist';
export const SUB_PATH = '/some/sub-path/';
