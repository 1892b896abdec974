import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy } from './src/hosting/contentSecurityPolicy';

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
 * The headers of every response from `npm start` (dev) and `npm run preview`: isolation, and the
 * Content-Security-Policy, which for the compute worker's script is the worker's whole policy.
 */
function serverHeaders(dev: boolean): Record<string, string> {
  return {
    ...ISOLATION_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy({ dev, delivery: 'header' }),
  };
}

/**
 * Writes the page's Content-Security-Policy into index.html as a <meta>, right after the charset
 * and before any script, so a static host that sends no headers still applies it to the page
 * (dev gets its own variant).
 */
function contentSecurityPolicyMetaPlugin(): Plugin {
  return {
    name: 'pde-lab:csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const policy = contentSecurityPolicy({
          dev: context.server !== undefined,
          delivery: 'meta',
        });
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html))
          throw new Error('index.html needs a <meta charset> first in <head>.');
        return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
      },
    },
  };
}

/**
 * tfjs's threaded wasm glue hands its pthread workers `factory.toString()` as their script. Once
 * minified, that function names variables of the enclosing bundle (`_scriptDir` renamed, its
 * `typeof` guard dropped), so every pthread worker throws `ReferenceError` and the backend waits
 * for them forever. Shipping the glue as a string keeps the function's text self-contained.
 * Evaluating that string (`new Function`) is why the compute worker's Content-Security-Policy
 * must allow 'unsafe-eval' (src/hosting/contentSecurityPolicy.ts).
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

/**
 * The service worker (Workbox, generated at build time) precaches the whole built lab — page,
 * bundles, WebAssembly, and the pretrained models in public/pretrained/ — so a classroom that loaded
 * it once can work without network. Updates wait for the user (src/hosting/offline.ts asks), so a
 * running lesson is never reloaded under anyone. Cached responses keep the headers they were
 * fetched with, cross-origin isolation and the policy included. Development has no service worker.
 */
function offlinePlugin() {
  return VitePWA({
    strategies: 'generateSW',
    registerType: 'prompt',
    injectRegister: false,
    manifest: {
      name: 'PDE Lab',
      short_name: 'PDE Lab',
      description: 'Generate PDE data and train neural PDE models in the browser, on your GPU.',
      display: 'standalone',
      theme_color: '#3344b0',
      background_color: '#ffffff',
      icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
    },
    workbox: {
      globPatterns: ['**/*.{html,js,css,wasm,svg,json,ckpt,webmanifest}'],
      // Plotly's strict bundle (5 MB) draws only the sweep view's parallel coordinates: it is
      // cached the first time someone opens that chart, not on every classroom device up front.
      globIgnores: ['**/plotly-strict*.js'],
      runtimeCaching: [
        {
          urlPattern: /\/plotly-strict[^/]*\.js$/,
          handler: 'CacheFirst',
          options: { cacheName: 'pde-lab-charts' },
        },
      ],
      // The HDF5 reader (4.8 MB) and the physicnet checkpoint are larger than Workbox's 2 MB default.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      // Every navigation (any query: the settings live there) gets the one page.
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  });
}

export default defineConfig({
  // Relative asset URLs: the built site works from any static host and under any sub-path.
  base: './',
  plugins: [react(), contentSecurityPolicyMetaPlugin(), offlinePlugin()],
  server: { headers: serverHeaders(true) },
  preview: { headers: serverHeaders(false) },
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
