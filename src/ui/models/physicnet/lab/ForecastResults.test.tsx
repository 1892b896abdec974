import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PhysicNetForecastResult } from '../../../../models/physicnet/jobs/forecastConfig';
import type { ExpertsSnapshot } from '../../../../models/snapshot';
import { ForecastResults } from './ForecastResults';

/** A 16² window of 2 forecast steps on a 4 × 4 latent grid, with its flow and the true one. */
function snapshot(): ExpertsSnapshot {
  const [T, n] = [2, 16];
  const ramp = (k: number) => Float32Array.from({ length: T * n * n }, (_, i) => (i % 17) / 17 + k);
  return {
    kind: 'experts',
    shape: [1, T, n, n, 1],
    input: ramp(0).subarray(0, n * n),
    truth: ramp(0),
    forecast: ramp(0.1),
    globalForecast: ramp(0.05),
    codes: Int32Array.from({ length: 16 }, (_, i) => i % 3),
    codebookSize: 16,
    latentShape: [4, 4],
    flow: new Float32Array(32).fill(0.25),
    trueFlow: new Float32Array(n * n * 2).fill(-1),
    crops: [{ row: 0, col: 0, size: 8 }],
  };
}

const result: PhysicNetForecastResult = {
  runName: 'tiny run',
  step: 6,
  trajectory: 5,
  channels: ['u'],
  inputFrames: 2,
  outputFrames: 2,
  codebookSize: 16,
  arms: { quantize: true, flow: true, local: true },
  knowsVelocity: true,
  snapshot: snapshot(),
  scored: { split: 'held-out', first: 4, windows: 2, trajectories: 2 },
  model: {
    mse: [0.001, 0.003],
    ssim: [0.9, 0.8],
    testMse: 0.002,
    testSsim: 0.85,
    relL2: 0.05,
    perplexity: 3,
    deadCodes: 0.8125,
    flowEndPointError: 1.2,
  },
  persistence: { mse: [0.01, 0.02], ssim: [0.7, 0.6], testMse: 0.015, testSsim: 0.65, relL2: 0.2 },
};

describe('the forecast lab’s results', () => {
  it('pictures the trajectory, charts each step against persistence and tables the scores', () => {
    const html = renderToStaticMarkup(
      <ForecastResults
        run={{
          params: { checkpointId: 'c', datasetId: 'd', trajectory: 5 },
          result,
          datasetName: 'blobs',
          modelName: 'tiny run · step 6',
        }}
      />,
    );
    expect(html).toContain('Forecast of trajectory 5');
    expect(html).toContain('aria-label="Forecast after training step 6');
    expect(html).toContain('aria-label="Code map of the last input frame: 4 × 4 latent cells');
    expect(html).toContain(
      'aria-label="Mean squared error at each of the 2 forecast steps, PhysicNet-style against persistence"',
    );
    expect(html).toContain(
      'aria-label="SSIM at each of the 2 forecast steps, PhysicNet-style against persistence"',
    );
    expect(html).toContain(
      '<caption>PhysicNet-style against persistence on 2 windows of “blobs”, 2 forecast steps each.',
    );
    expect(html).toContain('<td title="PhysicNet-style’s mean squared error: 0.002.">0.002</td>');
    expect(html).toContain('81.3 %');
    expect(html).toContain('beats persistence');
    expect(html).toContain(
      'the first window of each of the 2 held-out trajectories (4–5, validation and test)',
    );
    expect(html).toContain('Scores on the held-out windows');
  });
});
