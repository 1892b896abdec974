/**
 * `npx tsx bench/dinoStep.ts [--backends wasm,cpu,webgpu] [--steps 5]`: DINo's training step time
 * per Node backend on the shipped model's setting (classroom preset, wave at 32², 20 frames,
 * batch 8) at subsampling rates 5 % and 25 %, both step cadences. Measures, never asserts; writes
 * bench/results/dino-step.json. On a machine without a GPU, `webgpu` is SwiftShader.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { DINO_PRESETS } from '../src/models/dino/config';
import { createDino } from '../src/models/dino/model';
import { createDinoTrainer } from '../src/models/dino/train';
import { waveData } from '../src/models/dino/cli/waveData';
import { describeBackend, isNodeBackend, startNodeBackend } from '../src/node/backend';

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '5' },
  },
});
const steps = Number(values.steps);
const data = await waveData(32, 1, 32);
const rows: Record<string, unknown>[] = [];
for (const backend of values.backends.split(',')) {
  if (!isNodeBackend(backend)) throw new Error(`Unknown backend ${backend}.`);
  const started = await startNodeBackend(backend);
  for (const rate of [0.05, 0.25]) {
    for (const trainingMode of ['faithful', 'simple'] as const) {
      const config = { ...DINO_PRESETS.classroom.config, subsamplingRate: rate, trainingMode };
      const model = createDino(config, { seed: 1, channels: 2 });
      const trainer = createDinoTrainer({ model, train: data, config, seed: 1, batchSize: 8 });
      const step = async (i: number) => {
        const u = trainer.update(i, 1e-2);
        await u.loss.data();
        tf.dispose([u.loss, u.gradNorm, u.decoderLoss, u.dynamicsLoss]);
      };
      await step(0); // warm-up: kernels and shaders
      const t0 = performance.now();
      for (let i = 1; i <= steps; i++) await step(i);
      const ms = (performance.now() - t0) / steps;
      rows.push({ backend: describeBackend(started), rate, trainingMode, msPerStep: ms });
      console.log(`${backend} s=${rate} ${trainingMode}: ${ms.toFixed(0)} ms/step`);
      trainer.dispose();
      model.dispose();
    }
  }
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/dino-step.json',
  `${JSON.stringify({ measuredAt: new Date().toISOString(), preset: 'classroom', steps, batch: 8, grid: 32, rows }, null, 2)}\n`,
);
