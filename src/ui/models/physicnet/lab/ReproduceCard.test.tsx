import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PhysicNetReproduceResult } from '../../../../models/physicnet/jobs/reproduceConfig';
import type { ArmRow } from '../../../../models/physicnet/claimExperiment';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { armStepChart } from './reproduceCharts';
import { ReproduceCard } from './ReproduceCard';
import { ReproduceResult } from './ReproduceResult';

const arm = (name: ArmRow['name'], testMse: number, vq = true): ArmRow => ({
  name,
  testMse,
  ssim: 0.8,
  relL2: 0.3,
  msePerStep: [testMse / 2, testMse * 1.5],
  ssimPerStep: [0.9, 0.7],
  perplexity: vq ? 9.5 : null,
  deadCodes: vq ? 0.4375 : null,
  flowEndPointError: name === 'no-flow' ? null : 0.3,
  trainSeconds: 138,
  finalLoss: 0.4,
  parameters: 95490,
});

const result: PhysicNetReproduceResult = {
  scale: 'quick',
  seed: 1,
  steps: 300,
  data: {
    trainCount: 48,
    heldOutCount: 16,
    heldOutFrom: 'split',
    frames: 20,
    gridX: 32,
    gridY: 32,
    knownFlow: true,
  },
  arms: [
    arm('full', 0.004),
    arm('no-local', 0.0042),
    arm('no-flow', 0.0048),
    arm('no-vq', 0.0024, false),
  ],
  flowEndPointError: 0.3,
  zeroFlowEndPointError: 0.29,
  noise: {
    sigma: 0.1,
    clean: { testMse: 0.004, ssim: 0.8 },
    noisy: arm('full', 0.0038),
    ratio: 0.95,
  },
  baseline: {
    persistence: { testMse: 0.0026, ssim: 0.93, msePerStep: [0.001, 0.004], ssimPerStep: [1, 0.9] },
  },
  windows: 32,
  verdict: 'partly holds',
  checks: [
    { passed: true, text: 'The flow expert reduces error: ×1.20.' },
    { passed: false, text: 'The local branch reduces error: ×1.05.' },
  ],
  notes: ['The full model does not beat persistence.'],
};

const dataset: Summary<DatasetRecordMeta> = {
  id: 'd1',
  name: 'blobs',
  createdAt: 0,
  sizeBytes: 0,
  schemaVersion: 1,
  meta: {
    equation: 'swirl',
    scheme: 'exact',
    seed: 1,
    grid: { n: 32, length: 1, origin: 0 },
    times: [...Array(20).keys()],
    channels: ['u'],
    coefficients: {},
    split: { train: 48, val: 8, test: 8 },
  },
};

describe('PhysicNet-style’s Reproduce the paper card', () => {
  it('frames the claim, the protocol and the scales with their measured times', () => {
    const html = renderToStaticMarkup(<ReproduceCard datasets={[dataset]} fallback={dataset} />);
    expect(html).toContain('The flow expert and the local branch each reduce error');
    expect(html).toContain('64 trajectories of 20 frames on a 32 × 32 grid.');
    expect(html).toContain('Time on a CPU: about 8–9 min');
    expect(html).toContain('On a GPU: not timed yet');
    // The worker is not started here.
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Run the protocol/);
  });

  it('shows the verdict and its checks, and every arm beside persistence', () => {
    const html = renderToStaticMarkup(
      <ReproduceResult
        run={{ params: { datasetId: 'd1', scale: 'quick', seed: 1 }, result, datasetName: 'blobs' }}
      />,
    );
    expect(html).toContain('The claim holds only in part on these data at this scale.');
    expect(html).toContain('<span class="visually-hidden">Failed: </span>The local branch');
    expect(html).toContain('The full model does not beat persistence.');
    expect(html).toContain('Scores on 32 held-out windows of “blobs” (16 trajectories');
    // full: MSE, SSIM, perplexity, dead codes, parameters, training time.
    expect(html).toContain(
      '<td>0.004</td><td>0.800</td><td>9.5</td><td>43.8 %</td><td>95.5 k</td><td>2 min 18 s</td>',
    );
    expect(html).toContain('<td>0.0024</td><td>0.800</td><td>—</td><td>—</td>');
    expect(html).toMatch(
      /\(the last input frame repeated\)<\/span><\/th><td>0.0026<\/td><td>0.930/,
    );
    expect(html).toContain('misses the true motion by 0.3 grid cells per frame');
    expect(html).toContain('a zero flow misses it by 0.29');
    expect(html).toContain('against 0.004 trained on clean data (×0.95)');
  });

  it('says why a dataset cannot be reproduced on', () => {
    const short = { ...dataset, meta: { ...dataset.meta, times: [0, 1, 2] } };
    const html = renderToStaticMarkup(<ReproduceCard datasets={[short]} fallback={short} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('these have 3');
  });

  it('charts each arm, the noisy run and persistence per forecast step', () => {
    const names = armStepChart(result).data.map((trace) => trace.name);
    expect(names).toEqual([
      'full',
      'no-local',
      'no-flow',
      'no-vq',
      'full, noisy training',
      'persistence',
    ]);
  });
});
