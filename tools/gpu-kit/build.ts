/**
 * `npm run gpu-kit`: writes gpu-kit/, a folder to carry to a GPU machine without Node or
 * internet. It holds kit.mjs (tfjs, the lab's src code and the kit's entry in one bundle), the Node
 * binary, Dawn's binding and the Vulkan loader (stripped and xz-compressed; run.sh unpacks them),
 * the PyTorch reference (bench/python) and run.sh. The compressed binaries are cached between
 * builds in node_modules/.cache/gpu-kit.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { findVulkanLoader } from '../../src/node/vulkanIcd';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'gpu-kit');
const CACHE = join(ROOT, 'node_modules', '.cache', 'gpu-kit');
const require = createRequire(import.meta.url);

/** The webgpu package looks for dist/<platform>/dawn.node beside itself: point it at the kit's copy. */
const dawnBesideKit: Plugin = {
  name: 'dawn-beside-kit',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]webgpu[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const pattern = /const dawnNodePath = [^;]+;/;
      if (!pattern.test(source))
        throw new Error(`webgpu/index.js changed: no "const dawnNodePath = …;" to redirect.`);
      return {
        contents: source.replace(
          pattern,
          "const dawnNodePath = process.env.GPU_KIT_DAWN ?? join(__dirname, 'bin', 'dawn.node');",
        ),
        loader: 'js',
      };
    });
  },
};

async function bundle(): Promise<void> {
  await build({
    entryPoints: [join(import.meta.dirname, 'kit.ts')],
    outfile: join(OUT, 'kit.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    // The kit runs webgpu or cpu; the wasm backend would need its .wasm files beside it.
    external: ['@tensorflow/tfjs-backend-wasm'],
    banner: {
      js: "import { createRequire as __kitRequire } from 'node:module'; const require = __kitRequire(import.meta.url);",
    },
    plugins: [dawnBesideKit],
    logLevel: 'warning',
  });
}

/** Strips (when `strip` exists) and xz-compresses `source` to OUT/`name`.xz, through the cache. */
function packBinary(source: string, name: string): void {
  const { size, mtimeMs } = statSync(source);
  const cached = join(CACHE, `${name}-${size}-${Math.round(mtimeMs)}.xz`);
  if (!existsSync(cached)) {
    mkdirSync(CACHE, { recursive: true });
    const work = join(CACHE, `${name}.work`);
    const stripped = spawnSync('strip', ['--strip-unneeded', '-o', work, source]);
    if (stripped.status !== 0) copyFileSync(source, work);
    console.log(
      `Compressing ${name} (${mb(statSync(work).size)} MB; takes minutes the first time)…`,
    );
    const xz = spawnSync('xz', ['-9', '-T0', '-f', work], { stdio: 'inherit' });
    if (xz.status !== 0) throw new Error(`xz failed on ${name}; install xz-utils.`);
    copyFileSync(`${work}.xz`, cached);
    rmSync(`${work}.xz`);
  }
  copyFileSync(cached, join(OUT, `${name}.xz`));
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function dawnBinary(): string {
  const index = require.resolve('webgpu');
  const path = join(dirname(index), 'dist', `${process.platform}-${process.arch}`, 'dawn.node');
  if (!existsSync(path))
    throw new Error(`No prebuilt dawn.node for ${process.platform}-${process.arch}.`);
  return path;
}

function vulkanLoader(): string {
  const found = findVulkanLoader(process.env) ?? '/usr/lib/chromium/libvulkan.so.1';
  if (!existsSync(found))
    throw new Error('No libvulkan.so.1 to put in the kit: apt-get install libvulkan1.');
  return realpathSync(found);
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('The GPU kit is built on Linux for Linux.');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'python'), { recursive: true });
  await bundle();
  packBinary(process.execPath, 'node');
  packBinary(dawnBinary(), 'dawn.node');
  packBinary(vulkanLoader(), 'libvulkan.so.1');
  const python = join(ROOT, 'bench', 'python');
  if (existsSync(python))
    for (const file of readdirSync(python).filter((f) => f.endsWith('.py')))
      copyFileSync(join(python, file), join(OUT, 'python', file));
  copyFileSync(join(import.meta.dirname, 'run.sh'), join(OUT, 'run.sh'));
  writeFileSync(
    join(OUT, 'VERSION'),
    `PDE Lab GPU kit, built ${new Date().toISOString()} with Node ${process.version} for ${process.platform}-${process.arch}\n`,
  );
  const files = readdirSync(OUT, { recursive: true, withFileTypes: true }).filter((f) =>
    f.isFile(),
  );
  let total = 0;
  for (const f of files) {
    const size = statSync(join(f.parentPath, f.name)).size;
    total += size;
    if (size > 100_000) console.log(`  ${basename(f.name).padEnd(22)} ${mb(size).padStart(6)} MB`);
  }
  console.log(`Wrote ${OUT}: ${files.length} files, ${mb(total)} MB. Run it with ./gpu-kit/run.sh`);
}

main().catch((error: unknown) => {
  console.error(`gpu-kit: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
