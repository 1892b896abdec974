import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './contentSecurityPolicy';

/** The policy as directive → sources. */
function parse(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name!, sources];
    }),
  );
}

describe('Content-Security-Policy', () => {
  const page = parse(contentSecurityPolicy({ dev: false, delivery: 'meta' }));
  const worker = parse(contentSecurityPolicy({ dev: false, delivery: 'header' }));
  const dev = parse(contentSecurityPolicy({ dev: true, delivery: 'header' }));

  it('loads only same-origin code, and compiles WebAssembly everywhere', () => {
    for (const policy of [page, worker, dev]) {
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['script-src']).toContain("'self'");
      expect(policy['script-src']).toContain("'wasm-unsafe-eval'");
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['connect-src']).toContain("'self'");
    }
  });

  it('refuses eval and inline scripts on the production page', () => {
    expect(page['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(page['worker-src']).toEqual(["'self'"]);
  });

  it('lets the compute worker evaluate the threaded wasm glue and start blob: pthreads', () => {
    expect(worker['script-src']).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
      "'unsafe-eval'",
      'blob:',
    ]);
    expect(worker['worker-src']).toEqual(["'self'", 'blob:']);
  });

  it("allows Vite's inline preamble and hot-reload socket in development only", () => {
    expect(dev['script-src']).toContain("'unsafe-inline'");
    expect(dev['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
    expect(worker['connect-src']).toEqual(["'self'"]);
  });

  it('has no directive a <meta> policy ignores (the browser would log an error)', () => {
    for (const name of Object.keys(page)) {
      expect(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']).not.toContain(name);
    }
  });
});
