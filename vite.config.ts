import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

/**
 * Cross-origin isolation (`crossOriginIsolated`, SharedArrayBuffer) lets the WebAssembly backend
 * run on several threads. Everything the lab loads is same-origin, so `require-corp` costs nothing.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * tfjs's threaded wasm glue hands its pthread workers `factory.toString()` as their script. Once
 * minified, that function names variables of the enclosing bundle (`_scriptDir` renamed, its
 * `typeof` guard dropped), so every pthread worker throws `ReferenceError` and the backend waits
 * for them forever. Shipping the glue as a string keeps the function's text self-contained.
 */
function tfjsWasmThreadsPlugin(): Plugin {
  const glue = /[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
  return {
    name: 'pde-lab:tfjs-wasm-threads',
    apply: 'build',
    async load(id) {
      if (!glue.test(id)) return null;
      const body = `${await readFile(id, 'utf8')}\nreturn WasmBackendModuleThreadedSimd;`;
      return `export default new Function(${JSON.stringify(body)})();`;
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the built site works from any static host and under any sub-path.
  base: './',
  plugins: [react()],
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  define: { __APP_VERSION__: JSON.stringify(version) },
  // tfjs runs in the compute worker, whose bundle takes only these plugins.
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsPlugin()] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 3000,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
