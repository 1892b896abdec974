import { describe, expect, it } from 'vitest';
import { errorChart, latentChart } from './forecastCharts';

const base = {
  frames: 4,
  trainFrames: 2,
  times: [0, 0.5, 1, 1.5],
  errorByFrame: {
    observed: [0.01, 0.02, 0.1, 0.2],
    unobserved: [0.02, 0.03, 0.15, NaN],
    all: [0.015, 0.025, 0.12, 0.2],
  },
  path: Float32Array.from([0, 0, 1, 0, 2, 1, 3, 3]),
  explained: [0.8, 0.15] as [number, number],
};

describe('forecast charts', () => {
  it('draws the error per frame at and between the sensors, the horizon shaded and the frame marked', () => {
    const { data, layout } = errorChart(base, 2);
    expect(data.map((t) => t.name)).toEqual([
      'At the sensors (observed)',
      'Between the sensors (unobserved)',
    ]);
    expect(data[0]!.x).toEqual([1, 2, 3, 4]);
    expect(data[1]!.y).toEqual([0.02, 0.03, 0.15, null]);
    const shapes = layout.shapes as Record<string, unknown>[];
    expect(shapes[0]).toMatchObject({ type: 'rect', x0: 2.5, x1: 4.5 });
    expect(shapes.at(-1)).toMatchObject({ type: 'line', x0: 3, x1: 3 });
    expect((layout.annotations as { text: string }[])[0]!.text).toBe('beyond the training horizon');
  });

  it('leaves out the unobserved line when every point is a sensor, and the shading without later frames', () => {
    const full = {
      ...base,
      trainFrames: 4,
      errorByFrame: { ...base.errorByFrame, unobserved: [NaN, NaN, NaN, NaN] },
    };
    const { data, layout } = errorChart(full, 0);
    expect(data).toHaveLength(1);
    expect(layout.shapes as unknown[]).toHaveLength(1);
    expect(layout.annotations).toEqual([]);
  });

  it('draws the code path in two parts that meet at the horizon, and rings the frame on screen', () => {
    const { data, layout } = latentChart(base, 3);
    expect(data[0]!.x).toEqual([0, 1]);
    expect(data[1]!.x).toEqual([1, 2, 3]); // from the last training frame on
    expect(data[1]!.name).toBe('Beyond the training horizon');
    expect(data[2]).toMatchObject({ x: [3], y: [3], showlegend: false });
    expect((layout.xaxis as { title: { text: string } }).title.text).toBe(
      'PC1 (80.0 % of the variance)',
    );
    expect(latentChart({ ...base, trainFrames: 10 }, 0).data).toHaveLength(2);
  });
});
