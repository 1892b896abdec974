/**
 * `npx tsx bench/physicnetStep.ts [--backends wasm,cpu,webgpu] [--steps 5] [--profiles tiny,quick]`:
 * PhysicNet-style's training step time per Node backend, for each arm of the ablation grid, at the
 * claim's tiny and quick profiles (their config, grid and batch; swirl data). The wasm and
 * webgpu backends run with the lab's patches, which startNodeBackend applies (models/nn/
 * wasmPatches.ts: without them wasm cannot train a convnet; webgpuPatches.ts: without it
 * PhysicNet-style's gradients through rank-5 slices are zeros).
 * Measures, never asserts; writes bench/results/physicnet-step.json, keeping the rows of the
 * backends and profiles not measured this time. On a machine without a GPU,
 * `webgpu` is SwiftShader (set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { ARM_NAMES } from '../src/models/physicnet/claim';
import { armConfig } from '../src/models/physicnet/claimExperiment';
import {
  PHYSICNET_CLAIM_PROFILES,
  type PhysicNetClaimProfileId,
} from '../src/models/physicnet/claimProfiles';
import { physicnetParameterCount } from '../src/models/physicnet/config';
import { createPhysicNet } from '../src/models/physicnet/model';
import { createPhysicNetTrainer } from '../src/models/physicnet/train';
import { swirlData, trajectoryRange } from '../src/models/physicnet/cli/swirlData';
import { describeBackend, isNodeBackend, startNodeBackend } from '../src/node/backend';

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '5' },
    profiles: { type: 'string', default: 'tiny,quick' },
  },
});
const steps = Number(values.steps);
const profiles = values.profiles.split(',') as PhysicNetClaimProfileId[];
const rows: Record<string, unknown>[] = [];
for (const backend of values.backends.split(',')) {
  if (!isNodeBackend(backend)) throw new Error(`Unknown backend ${backend}.`);
  const started = await startNodeBackend(backend);
  for (const profileId of profiles) {
    const profile = PHYSICNET_CLAIM_PROFILES[profileId];
    if (!profile) throw new Error(`Unknown profile ${profileId}.`);
    const { grid, frames } = profile.data;
    const data = await swirlData({ count: 8, grid, frames, seed: 1 });
    const train = trajectoryRange(data, 0, 8);
    for (const arm of ARM_NAMES) {
      const config = armConfig(profile.config, arm);
      const model = createPhysicNet(config, { seed: 1, channels: 1 });
      const trainer = createPhysicNetTrainer({ model, train, seed: 1, batchSize: profile.batch });
      const step = async (i: number) => {
        const u = trainer.update(i, profile.lr);
        await u.loss.data();
        tf.dispose([u.loss, u.gradNorm]);
      };
      const first = performance.now();
      await step(0); // warm-up: the codebook's data init, kernels and shaders
      const firstMs = performance.now() - first;
      const t0 = performance.now();
      for (let i = 1; i <= steps; i++) await step(i);
      const ms = (performance.now() - t0) / steps;
      rows.push({
        backend: describeBackend(started),
        profile: profileId,
        arm,
        grid,
        batch: profile.batch,
        parameters: physicnetParameterCount(config, 1),
        firstStepMs: Math.round(firstMs),
        msPerStep: Math.round(ms),
      });
      console.log(
        `${backend} ${profileId} ${arm}: ${ms.toFixed(0)} ms/step (first step ${firstMs.toFixed(0)} ms)`,
      );
      trainer.dispose();
      model.dispose();
    }
  }
}
const OUT = 'bench/results/physicnet-step.json';
const measured = (row: Record<string, unknown>) =>
  values.backends.split(',').some((b) => String(row.backend).startsWith(b)) &&
  profiles.includes(row.profile as PhysicNetClaimProfileId);
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
      steps,
      profiles: Object.fromEntries(
        profiles.map((id) => {
          const p = PHYSICNET_CLAIM_PROFILES[id];
          return [id, { config: p.config, grid: p.data.grid, batch: p.batch }];
        }),
      ),
      rows: [...kept, ...rows],
    },
    null,
    2,
  )}\n`,
);
