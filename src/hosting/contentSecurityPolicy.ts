/**
 * The lab's Content-Security-Policy: everything it loads is its own (same origin), nothing
 * inline runs in production, and only what the compute needs is allowed beyond that. Plain data:
 * vite.config.ts sends it as a header (vite dev and preview, for the page and the compute worker)
 * and writes it into index.html as a <meta> (so any static host applies it to the page).
 *
 * Why each allowance:
 * - 'wasm-unsafe-eval': tfjs's WebAssembly backend compiles its .wasm in the compute worker.
 * - 'unsafe-eval', in the header only: the header is the compute worker's policy (a worker
 *   loaded from a URL takes the policy sent with its script, not the page's). In production
 *   builds the threaded wasm glue is evaluated with `new Function` (see tfjsWasmThreadsPlugin in
 *   vite.config.ts: minified, the glue's pthread worker source would name variables of the
 *   bundle, so it ships as a string) and that needs 'unsafe-eval'. The page's own policy (the
 *   <meta>) leaves it out, so on the page eval stays refused.
 * - blob: scripts and workers: the threaded glue starts its pthread workers from blob: URLs and
 *   they importScripts() the glue from another blob: (they inherit the compute worker's policy).
 * - style-src 'unsafe-inline': Plotly and, in development, Vite inject <style> elements and
 *   style attributes.
 * - data:/blob: images: Plotly's icons and exported images.
 * - In development only: 'unsafe-inline' scripts for @vitejs/plugin-react's inline Fast Refresh
 *   preamble, and ws:/wss: for Vite's hot-reload socket.
 */

export interface PolicyOptions {
  /** Vite's dev server (`npm start`) rather than a production build. */
  dev: boolean;
  /** A response header (also the compute worker's policy) or the page's <meta http-equiv>. */
  delivery: 'header' | 'meta';
}

export function contentSecurityPolicy({ dev, delivery }: PolicyOptions): string {
  const header = delivery === 'header';
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      "'wasm-unsafe-eval'",
      ...(header ? ["'unsafe-eval'", 'blob:'] : []),
      ...(dev ? ["'unsafe-inline'"] : []),
    ],
    'worker-src': ["'self'", ...(header ? ['blob:'] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(dev ? ['ws:', 'wss:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
