import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrajectoryArray } from '../../data/trajectories';
import { judgeFinetuneClaim, judgeNoiseClaim } from './claim';
import { persistenceRollout, runDpotFinetuneClaim, runDpotNoiseClaim } from './claimExperiment';
import { DPOT_CLAIM_PROFILES } from './claimProfiles';
import { translatingTrajectories } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const profile = DPOT_CLAIM_PROFILES.tiny;
const { config, frames } = profile;
const trajectories = (count: number, channels: number, seed: number): TrajectoryArray =>
  translatingTrajectories(count, frames, config.size, channels, seed);

describe('the DPOT claim protocols', () => {
  it('runs claim A at the tiny profile: both arms per seed, mean curves, a verdict, no leak', async () => {
    const { noise } = profile;
    const seeds = Array.from({ length: noise.seeds }, (_, i) => 5 + i);
    const messages = new Set<string>();
    const before = tf.memory().numTensors;
    const result = await runDpotNoiseClaim({
      train: trajectories(noise.train, 1, 1),
      heldOut: [trajectories(noise.test, 1, 2)],
      config,
      steps: noise.steps,
      seeds,
      sigma: noise.sigma,
      batchSize: profile.batch,
      maxLr: profile.maxLr,
      rolloutSteps: noise.rolloutSteps,
      hooks: { progress: (_, message) => messages.add(message) },
    });
    expect(tf.memory().numTensors).toBe(before);

    expect(result.arms.map((a) => a.sigma)).toEqual([0, noise.sigma]);
    for (const arm of result.arms) {
      expect(arm.seeds.map((s) => s.seed)).toEqual(seeds);
      expect(arm.rolloutL2re).toHaveLength(noise.rolloutSteps);
      for (const run of arm.seeds) {
        expect(run.rolloutL2re.every(Number.isFinite)).toBe(true);
        expect(Number.isFinite(run.finalLoss)).toBe(true);
      }
      const mean = arm.seeds.reduce((s, r) => s + r.rolloutL2re[0]!, 0) / seeds.length;
      expect(arm.rolloutL2re[0]).toBeCloseTo(mean, 4);
    }
    const judged = judgeNoiseClaim(result.arms[0], result.arms[1], result.persistence);
    expect(result.verdict).toBe(judged.verdict);
    expect(result.checks).toEqual(judged.checks);
    expect(result.finalRatio).toBeCloseTo(judged.finalRatio, 4);
    expect(result.persistence).toEqual(
      persistenceRollout([trajectories(noise.test, 1, 2)], config.inputFrames, noise.rolloutSteps),
    );
    expect(messages).toContain(`Training with σ_rel = ${noise.sigma}, seed ${seeds[2]}`);
  }, 60_000);

  it('runs claim B at the tiny profile: a 2-channel mixture, 1-channel fine-tuning, no leak', async () => {
    const { finetune } = profile;
    const heldOut = trajectories(finetune.test, 1, 13);
    const before = tf.memory().numTensors;
    const result = await runDpotFinetuneClaim({
      pretrain: [{ set: trajectories(2, 1, 10) }, { set: trajectories(2, 2, 11), weight: 2 }],
      finetune: trajectories(finetune.finetuneCount, 1, 12),
      heldOut: [heldOut],
      config,
      pretrainSteps: finetune.pretrainSteps,
      finetuneSteps: finetune.finetuneSteps,
      seed: 3,
      batchSize: profile.batch,
      maxLr: profile.maxLr,
      rolloutSteps: finetune.rolloutSteps,
    });
    expect(tf.memory().numTensors).toBe(before);

    expect(result.channels).toBe(2);
    for (const score of [result.pretrained, result.scratch, result.zeroShot]) {
      expect(score.perStep).toHaveLength(finetune.rolloutSteps);
      expect(Number.isFinite(score.rolloutL2re)).toBe(true);
    }
    expect(result.pretrained.rolloutL2re).not.toBe(result.zeroShot.rolloutL2re);
    const judged = judgeFinetuneClaim(result.pretrained, result.scratch, {
      trajectories: finetune.finetuneCount,
      zeroShot: result.zeroShot,
      persistence: result.persistence,
    });
    expect(result.verdict).toBe(judged.verdict);
    expect(result.checks).toEqual(judged.checks);
  }, 60_000);

  it('stops between training steps, leaking nothing, and refuses data it cannot roll out', async () => {
    const { noise } = profile;
    const before = tf.memory().numTensors;
    let steps = 0;
    const stopped = runDpotNoiseClaim({
      train: trajectories(noise.train, 1, 1),
      heldOut: [trajectories(noise.test, 1, 2)],
      config,
      steps: noise.steps,
      seeds: [1, 2],
      sigma: noise.sigma,
      batchSize: profile.batch,
      maxLr: profile.maxLr,
      rolloutSteps: noise.rolloutSteps,
      hooks: {
        step: () => {
          if (++steps > noise.steps + 2) return Promise.reject(new Error('stop'));
          return Promise.resolve();
        },
      },
    });
    await expect(stopped).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);

    const short = translatingTrajectories(2, config.inputFrames + 2, config.size, 1, 3);
    await expect(
      runDpotNoiseClaim({
        train: trajectories(2, 1, 1),
        heldOut: [short],
        config,
        steps: 2,
        seeds: [1],
        sigma: 0.1,
        batchSize: 2,
        maxLr: 1e-3,
        rolloutSteps: 4,
      }),
    ).rejects.toThrow(/Held out: A 4-step rollout from 3 frames needs trajectories of 7 frames/);
  }, 60_000);

  it('scores persistence as the last input frame repeated', () => {
    // One trajectory of one point: 1, 2, 4, 8: from input frame 2 (value 2), steps 4 and 8.
    const set: TrajectoryArray = { data: Float32Array.from([1, 2, 4, 8]), shape: [1, 4, 1, 1, 1] };
    const [first, second] = persistenceRollout([set], 2, 2);
    expect(first).toBeCloseTo(0.5, 6);
    expect(second).toBeCloseTo(0.75, 6);
  });
});
