/**
 * `npx tsx bench/dpotStep.ts [--backends wasm,cpu,webgpu] [--steps 3] [--presets tiny,classroom]`:
 * DPOT's training step time per Node backend and preset, as the shipped model trains: batch 8,
 * 2 channels (heat padded with ones beside Burgers' (u, v)), the preset's denoising noise, on each
 * preset's grid. Measures, never asserts; writes bench/results/dpot-step.json, keeping the rows of
 * the backends and presets not measured this time. On a machine without a GPU, `webgpu` is
 * SwiftShader (set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { DPOT_PRESETS, dpotParameterCount, type DpotPresetId } from '../src/models/dpot/config';
import { dpotEquationSources } from '../src/models/dpot/cli/data';
import { createDpot } from '../src/models/dpot/model';
import { sourceChannels } from '../src/models/dpot/sources';
import { createDpotTrainer } from '../src/models/dpot/train';
import { describeBackend, isNodeBackend, startNodeBackend } from '../src/node/backend';

const BATCH = 8;
const LR = 1e-3;

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '3' },
    presets: { type: 'string', default: 'tiny,classroom' },
  },
});
const steps = Number(values.steps);
const backends = values.backends.split(',');
const presets = values.presets.split(',') as DpotPresetId[];
for (const id of presets) if (!DPOT_PRESETS[id]) throw new Error(`Unknown preset ${id}.`);
for (const name of backends) if (!isNodeBackend(name)) throw new Error(`Unknown backend ${name}.`);

// The data are built once, on wasm, so that the simulation's cost stays out of every backend's.
await startNodeBackend('wasm');
const data = new Map(
  await Promise.all(
    presets.map(async (id) => {
      const { size, inputFrames } = DPOT_PRESETS[id].config;
      const sizes = { count: 4, grid: size, frames: inputFrames + 4, seed: 1 };
      return [id, await dpotEquationSources(['heat', 'burgers'], sizes)] as const;
    }),
  ),
);

const rows: Record<string, unknown>[] = [];
for (const backend of backends) {
  const started = await startNodeBackend(backend);
  for (const id of presets) {
    const config = DPOT_PRESETS[id].config;
    const sources = data.get(id)!;
    const channels = sourceChannels(sources);
    const model = createDpot(config, { seed: 1, channels });
    const trainer = createDpotTrainer({ model, train: sources, seed: 1, batchSize: BATCH });
    const step = async (i: number) => {
      const u = trainer.update(i, LR, 0.9);
      await u.loss.data();
      tf.dispose([u.loss, u.gradNorm]);
    };
    const first = performance.now();
    await step(0); // warm-up: kernels and shaders
    const firstMs = performance.now() - first;
    const t0 = performance.now();
    for (let i = 1; i <= steps; i++) await step(i);
    const ms = (performance.now() - t0) / steps;
    rows.push({
      backend: describeBackend(started),
      preset: id,
      grid: config.size,
      batch: BATCH,
      channels,
      parameters: dpotParameterCount(config, channels),
      steps,
      firstStepMs: Math.round(firstMs),
      msPerStep: Math.round(ms),
    });
    console.log(`${backend} ${id}: ${ms.toFixed(0)} ms/step (first step ${firstMs.toFixed(0)} ms)`);
    trainer.dispose();
    model.dispose();
  }
}

const OUT = 'bench/results/dpot-step.json';
const measured = (row: Record<string, unknown>) =>
  backends.some((b) => String(row.backend).startsWith(b)) &&
  presets.includes(row.preset as DpotPresetId);
const kept = existsSync(OUT)
  ? (JSON.parse(readFileSync(OUT, 'utf8')) as { rows: Record<string, unknown>[] }).rows.filter(
      (row) => !measured(row),
    )
  : [];
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      presets: Object.fromEntries(presets.map((id) => [id, DPOT_PRESETS[id].config])),
      rows: [...kept, ...rows],
    },
    null,
    2,
  )}\n`,
);
