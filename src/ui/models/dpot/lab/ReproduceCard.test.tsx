import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DPOT_CLAIM_PROFILES } from '../../../../models/dpot/claimProfiles';
import type {
  DpotFinetuneReproduceResult,
  DpotNoiseReproduceResult,
} from '../../../../models/dpot/jobs/reproduceConfig';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { ClaimCardOf, ReproduceCard } from './ReproduceCard';
import { FinetuneResult, finetuneSeries, NoiseResult, noiseSeries } from './ReproduceResult';
import { useDpotReproduce, type DpotReproduceState } from './reproduceStore';

function dataset(id: string, name: string, frames = 30): Summary<DatasetRecordMeta> {
  return {
    id,
    name,
    createdAt: 0,
    sizeBytes: 0,
    schemaVersion: 1,
    meta: {
      equation: 'heat',
      scheme: 'spectral',
      seed: 1,
      grid: { n: 32, length: 2, origin: -1 },
      times: [...Array(frames).keys()],
      channels: ['u'],
      coefficients: {},
      split: { train: 40, val: 4, test: 4 },
    },
  };
}

const mix = dataset('d1', 'mix');
const ns = dataset('d2', 'ns');

const seedRun = (seed: number, rolloutL2re: number[], horizon: number | null) => ({
  seed,
  rolloutL2re,
  horizon,
  full: 0.3,
  finalLoss: 0.1,
  trainSeconds: 61,
});

const noise: DpotNoiseReproduceResult = {
  claim: 'noise',
  scale: 'quick',
  seed: 1,
  statement: 'Noise injection makes rollouts more stable.',
  verdict: 'holds',
  checks: [{ passed: true, text: 'At the final step the error with noise is lower.' }],
  notes: ['Horizon: never with noise, step 3 without.'],
  finalRatio: 0.5,
  finalRatios: [0.5, 0.5],
  arms: [
    {
      sigma: 0,
      rolloutL2re: [0.1, 0.3, 0.8],
      horizon: 3,
      seeds: [seedRun(1, [0.1, 0.3, 0.8], 3), seedRun(2, [0.1, 0.3, 0.8], 3)],
    },
    {
      sigma: 0.2,
      rolloutL2re: [0.12, 0.2, 0.4],
      horizon: null,
      seeds: [seedRun(1, [0.12, 0.2, 0.4], null), seedRun(2, [0.12, 0.2, 0.4], null)],
    },
  ],
  persistence: [0.3, 0.6, 0.9],
  heldOutTrajectories: 8,
  channels: 1,
  parameters: 40_000,
  steps: 300,
  data: {
    trainCount: 40,
    heldOutCount: 8,
    heldOutFrom: 'split',
    frames: 30,
    grid: 32,
    resampledFrom: null,
    equations: ['heat'],
  },
};

const finetune: DpotFinetuneReproduceResult = {
  claim: 'finetune',
  scale: 'tiny',
  seed: 1,
  statement: 'Pretraining helps.',
  verdict: 'partly holds',
  checks: [
    { passed: true, text: 'The whole rollout is lower after pretraining.' },
    { passed: false, text: 'The final step is not.' },
  ],
  notes: [],
  ratio: 0.8,
  pretrained: { rolloutL2re: 0.4, perStep: [0.2, 0.6], finalLoss: 0.1, trainSeconds: 3 },
  scratch: { rolloutL2re: 0.5, perStep: [0.3, 0.55], finalLoss: 0.2, trainSeconds: 3 },
  zeroShot: { rolloutL2re: 0.9, perStep: [0.7, 1.1] },
  pretraining: { finalLoss: 0.3, trainSeconds: 9 },
  persistence: [0.35, 0.7],
  finetuneTrajectories: 4,
  heldOutTrajectories: 2,
  channels: 1,
  parameters: 5_000,
  pretrainSteps: 4,
  finetuneSteps: 3,
  data: {
    pretrain: {
      trainCount: 12,
      heldOutCount: 0,
      heldOutFrom: 'none',
      frames: 8,
      grid: 16,
      resampledFrom: 32,
      equations: ['heat', 'advection'],
    },
    finetune: {
      trainCount: 4,
      heldOutCount: 2,
      heldOutFrom: 'split',
      frames: 8,
      grid: 16,
      resampledFrom: 32,
      equations: ['ns'],
    },
  },
};

/** The store's state with some choices changed (static rendering reads its initial state). */
const store = (change: Partial<DpotReproduceState>) => ({
  ...useDpotReproduce.getState(),
  ...change,
});

describe('DPOT’s Reproduce the paper card', () => {
  it('frames claim A with its protocol, σ of the noisy arm, the seeds and the scales', () => {
    const html = renderToStaticMarkup(<ReproduceCard datasets={[mix, ns]} fallback={mix} />);
    expect(html).toContain('Noise injection makes rollouts more stable.');
    const { steps } = DPOT_CLAIM_PROFILES.tiny.noise;
    expect(html).toContain(`for each of 3 seeds, two models train ${steps} steps`);
    expect(html).toContain('noise of σ_rel = 0.2');
    expect(html).toMatch(/type="range"[^>]*min="0.01"[^>]*max="0.5"/);
    expect(html).toContain('<option value="3" selected="">3</option>');
    expect(html).toContain('Time on a CPU:');
    expect(html).toContain('48 trajectories of 30 frames on a 32 × 32 grid.');
    // The worker is not started here.
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Run the protocol/);
    expect(html).not.toContain('role="alert"');
  });

  it('frames claim B with two datasets, the second another than the first', () => {
    const finetuneStore = store({ claim: 'finetune', scale: 'quick' });
    const html = renderToStaticMarkup(
      <ClaimCardOf store={finetuneStore} datasets={[mix, ns]} fallback={mix} />,
    );
    expect(html).toContain('beats training from scratch with few trajectories.');
    const { pretrainSteps, finetuneSteps } = DPOT_CLAIM_PROFILES.quick.finetune;
    expect(html).toContain(
      `pretrains ${pretrainSteps} steps on every trajectory of the first dataset`,
    );
    expect(html).toContain(`it fine-tunes ${finetuneSteps} steps`);
    expect(html).toMatch(/Pretrain on<\/label><select[^>]*><option value="d1" selected=""/);
    expect(html).toMatch(
      /Fine-tune on<\/label><select[^>]*><option value="d1">mix<\/option><option value="d2" selected=""/,
    );
    expect(html).not.toContain('role="alert"');
    // With one dataset saved, it asks for a second.
    const one = renderToStaticMarkup(
      <ClaimCardOf store={finetuneStore} datasets={[mix]} fallback={mix} />,
    );
    expect(one).toContain('Claim B needs two datasets');
  });

  it('says why a dataset is too short for the scale', () => {
    const short = dataset('d3', 'short', 12);
    const html = renderToStaticMarkup(
      <ClaimCardOf store={store({ scale: 'quick' })} datasets={[short]} fallback={short} />,
    );
    expect(html).toContain('role="alert"');
    const { config, noise: profile } = DPOT_CLAIM_PROFILES.quick;
    const need = config.inputFrames + profile.rolloutSteps;
    expect(html).toContain(
      `The dataset has trajectories of 12 frames; at this scale they need ${need}: ${config.inputFrames} input frames and a ${profile.rolloutSteps}-step rollout.`,
    );
  });

  it('shows claim A’s verdict, the final-step ratio and each seed', () => {
    const html = renderToStaticMarkup(
      <NoiseResult
        run={{
          params: {
            claim: 'noise',
            datasetId: 'd1',
            scale: 'quick',
            seed: 1,
            seeds: 2,
            sigma: 0.2,
          },
          result: noise,
          datasetName: 'mix',
        }}
      />,
    );
    expect(html).toContain('The claim holds on these data at this scale.');
    expect(html).toContain('<strong>×0.50</strong>');
    expect(html).toContain(
      '<th scope="row">1</th><td>0.8</td><td>0.4</td><td>×0.50</td><td>2 of 3</td><td>all 3</td>',
    );
    expect(html).toContain('8 trajectories of heat on 32 × 32 from its validation and test splits');
    expect(html).toContain('aria-label="Held-out relative L2 error at each of the 3 rollout steps');
    expect(noiseSeries(noise).map((s) => [s.name, s.horizon])).toEqual([
      ['σ_rel = 0.2 (noise)', null],
      ['σ_rel = 0 (no noise)', 3],
      ['Persistence', 2],
    ]);
  });

  it('shows claim B’s verdict and the pretrained model against scratch', () => {
    const html = renderToStaticMarkup(
      <FinetuneResult
        run={{
          params: {
            claim: 'finetune',
            pretrainDatasetId: 'd1',
            finetuneDatasetId: 'd2',
            scale: 'tiny',
            seed: 1,
          },
          result: finetune,
          pretrainName: 'mix',
          finetuneName: 'ns',
        }}
      />,
    );
    expect(html).toContain('The claim holds only in part on these data at this scale.');
    expect(html).toContain('the models barely train');
    expect(html).toContain(
      '<th scope="row">Pretrained, then fine-tuned</th><td>0.4</td><td>0.6</td><td>1 of 2</td>',
    );
    expect(html).toContain('<th scope="row">Persistence</th><td>—</td><td>0.7</td><td>1 of 2</td>');
    expect(html).toContain('12 trajectories of heat, advection on 16 × 16, resampled from 32 × 32');
    expect(finetuneSeries(finetune).map((s) => s.name)).toEqual([
      'Pretrained, then fine-tuned',
      'From scratch',
      'Pretrained, before fine-tuning',
      'Persistence',
    ]);
  });
});
