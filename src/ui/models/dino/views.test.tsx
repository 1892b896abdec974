import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DINO_PRESETS } from '../../../models/dino/config';
import type { DinoForecastResult } from '../../../models/dino/jobs/forecastConfig';
import { DinoDiagram } from './DinoDiagram';
import { DinoTips } from './DinoTips';
import { ForecastResults } from './lab/ForecastResults';

const tiny = DINO_PRESETS.tiny.config;

describe('DINo’s views', () => {
  it('label the diagram with the numbers of the settings', () => {
    const html = renderToStaticMarkup(<DinoDiagram config={tiny} />);
    expect(html).toContain('50 % of the grid observed');
    expect(html).toContain('8 numbers per channel');
    expect(html).toContain('MLP 8 → 32 → 32 → 32 → 8, Swish');
    expect(html).toContain('RK4, one step per frame (Δt = 1)');
    expect(html).toContain('FourierNet: 3 sine filters, width 16');
    expect(html).toContain('after frame 10: extrapolation');
    expect(html).toMatch(/<figure[^>]*aria-labelledby/);
    expect(renderToStaticMarkup(<DinoTips config={tiny} />)).toContain('What to try');
  });

  it('show a forecast’s frames, table and charts, with frames beyond the horizon labelled', () => {
    const T = 3;
    const n = 4;
    const result: DinoForecastResult = {
      runName: 'run',
      step: 5,
      trajectory: 1,
      frames: T,
      trainFrames: 1,
      times: [0, 1, 2],
      gridX: n,
      gridY: n,
      channels: ['u'],
      truth: new Float32Array(T * n * n).fill(1),
      forecast: new Float32Array(T * n * n).fill(0.9),
      resolution: 16,
      display: new Float32Array(T * 16 * 16).fill(0.9),
      sensors: Int32Array.from([0, 5]),
      fitLoss: 0.01,
      errorByFrame: {
        observed: [0.1, 0.1, 0.1],
        unobserved: [0.1, 0.1, 0.1],
        all: [0.1, 0.1, 0.1],
      },
      table: {
        inTimeInSpace: 0.1,
        inTimeOutSpace: 0.1,
        outTimeInSpace: 0.1,
        outTimeOutSpace: NaN,
        all: 0.1,
      },
      codes: new Float32Array(T * 8),
      codeSize: 8,
      path: new Float32Array(T * 2),
      explained: [0, 0],
    };
    const html = renderToStaticMarkup(
      <ForecastResults run={{ params: {} as never, result, datasetName: 'd', modelName: 'm' }} />,
    );
    expect(html).toContain('frames 2–3 lie beyond it');
    expect(html).toContain('DINo forecast, decoded at 16 × 16');
    expect(html).toContain('Beyond the training horizon (Out-t)');
    expect(html).toContain('No value:');
    expect(html).toContain('Error against time');
  });
});
