/** First-load JavaScript per bundle, gzip-compressed, read from the production build in dist/. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

const ASSETS = 'dist/assets';

/** A chunk plus every chunk it imports statically (what loads before it runs). */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(ASSETS, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g))
      visit(match[1]!);
  };
  visit(entry);
  return [...seen];
}

function measure(files: string[]): BundleSize {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(ASSETS, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { files, bytes, gzipBytes };
}

function findAsset(pattern: RegExp): string {
  const file = readdirSync(ASSETS).find((f) => pattern.test(f));
  if (!file) throw new Error(`No built asset matches ${pattern}; run npm run build first.`);
  return file;
}

export function measureBundles(): Record<string, BundleSize> {
  const html = readFileSync('dist/index.html', 'utf8');
  const entry = /<script type="module"[^>]*src="\.\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('dist/index.html has no module entry script.');
  return {
    main: measure(staticClosure(entry)),
    worker: measure(staticClosure(findAsset(/^worker-.*\.js$/))),
    plotly: measure([findAsset(/^plotly.*\.js$/)]),
  };
}
