import { describe, expect, it } from 'vitest';
import { STEP_COLORS, stepChart } from './forecastCharts';

const result = {
  outputFrames: 3,
  model: {
    mse: [0.01, 0.02, NaN],
    ssim: [0.9, 0.8, 0.7],
    testMse: 0.015,
    testSsim: 0.8,
    relL2: 0.1,
    perplexity: 5,
    deadCodes: 0.25,
  },
  persistence: {
    mse: [0.03, 0.05, 0.08],
    ssim: [0.7, 0.5, -0.1],
    testMse: 0.053,
    testSsim: 0.37,
    relL2: 0.3,
  },
};

describe('the per-step charts', () => {
  it('draws the model against persistence at each forecast step, from step 1', () => {
    const { data, layout } = stepChart(result, 'mse');
    expect(data.map((t) => t.name)).toEqual(['PhysicNet-style', 'Persistence (last input frame)']);
    expect(data[0]!.x).toEqual([1, 2, 3]);
    expect(data[0]!.y).toEqual([0.01, 0.02, null]); // NaN is a gap
    expect(data[1]!.y).toEqual([0.03, 0.05, 0.08]);
    expect(data[0]!.line).toEqual({ color: STEP_COLORS.model });
    expect(data[1]!.line).toEqual({ color: STEP_COLORS.persistence, dash: 'dash' });
    expect(layout.yaxis).toMatchObject({
      title: { text: 'MSE (lower is better)' },
      rangemode: 'tozero',
    });
    expect(layout.xaxis).toMatchObject({ title: { text: 'forecast step' }, dtick: 1 });
  });

  it('keeps SSIM’s axis up to 1, and below 0 where a forecast is anti-correlated', () => {
    const { data, layout } = stepChart(result, 'ssim');
    expect(data[0]!.y).toEqual([0.9, 0.8, 0.7]);
    expect(layout.yaxis).toMatchObject({ title: { text: 'SSIM (1 is perfect)' } });
    expect((layout.yaxis as { range: number[] }).range).toEqual([-0.1, 1.02]);
    const positive = stepChart(
      { ...result, persistence: { ...result.persistence, ssim: [1, 1, 1] } },
      'ssim',
    );
    expect((positive.layout.yaxis as { range: number[] }).range).toEqual([0, 1.02]);
  });
});
