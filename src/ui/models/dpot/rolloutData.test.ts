import { describe, expect, it } from 'vitest';
import type { MixerSpectrum } from '../../../models/snapshot';
import {
  errorChart,
  horizonWords,
  logTicks,
  rolloutErrors,
  rolloutRanges,
  spectrumGains,
  spectrumPictures,
  spectrumSummary,
  stepFields,
  type RolloutFramesData,
} from './rolloutData';

/** Two steps on a 2 × 2 grid of 2 channels: truth k + point/10, the rollout off by +0.1·step. */
function frames(): RolloutFramesData {
  const [K, n, C] = [2, 2, 2];
  const truth = Float32Array.from(
    { length: K * n * n * C },
    (_, i) => Math.floor(i / 8) + (i % 8) / 10,
  );
  const values = Float32Array.from(truth, (v, i) => v + 0.1 * (Math.floor(i / 8) + 1));
  return {
    shape: [K, n, n, C],
    input: Float32Array.from({ length: n * n * C }, (_, i) => -i),
    truth,
    forecasts: [{ label: 'model', values, errors: [0.1, 0.6], horizon: 2 }],
  };
}

describe('the rollout’s frames', () => {
  it('picture one step of one channel, with errors on one symmetric scale', () => {
    const data = frames();
    const errors = rolloutErrors(data);
    expect(errors[0]![0]).toBeCloseTo(0.1, 6);
    expect(errors[0]![8]).toBeCloseTo(0.2, 6);
    const ranges = rolloutRanges(data, errors, 0);
    // Channel 0: truth 0, 0.2, 0.4, 0.6 then 1, 1.2, …; the input 0, −2, −4, −6; predictions up to 1.8.
    expect(ranges.field).toEqual({ min: -6, max: expect.closeTo(1.8, 5) as number });
    expect(ranges.error.min).toBeCloseTo(-0.2, 6);
    expect(ranges.error.max).toBeCloseTo(0.2, 6);
    const step2 = stepFields(data, errors, 2, 1);
    // Channel 1 of step 2 at (x, y): 1 + (2·(2x + y) + 1)/10; pictures put the largest y on top.
    expect(step2.truth.width).toBe(2);
    expect(Array.from(step2.truth.data, (v) => Number(v.toFixed(3)))).toEqual([1.3, 1.7, 1.1, 1.5]);
    expect(step2.errors[0]!.data[0]).toBeCloseTo(0.2, 6);
    expect(() => stepFields(data, errors, 3, 0)).toThrow(/steps 1 to 2; step 3 does not exist/);
  });

  it('say in words how long a rollout stays under 0.5', () => {
    expect(horizonWords([0.1, 0.2], null)).toBe('stays under an error of 0.5 for all 2 steps');
    expect(horizonWords([0.6], 1)).toBe('passes an error of 0.5 at the first step');
    expect(horizonWords([0.1, 0.6], 2)).toBe(
      'stays under an error of 0.5 for 1 step, passing it at step 2',
    );
    expect(horizonWords([0.1, 0.2, 0.3, 0.9], 4)).toContain('for 3 steps, passing it at step 4');
  });
});

describe('the per-step error chart', () => {
  it('ticks its log axis at 1, 2 and 5 times the powers of ten, or the powers alone over a wide range', () => {
    expect(logTicks([0.03, 0.5])).toEqual([0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(logTicks([0.004, 3])).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(logTicks([0, Number.NaN])).toEqual([]);
  });

  it('draws each series on a log axis with the 0.5 line, rings each horizon and gaps what a log axis cannot show', () => {
    const { data, layout } = errorChart([
      { name: 'A', errors: [0.1, 0.7, 0.9], horizon: 2, color: '#000' },
      { name: 'B', errors: [0, Number.NaN, 0.2], horizon: null, color: '#111', dash: 'dash' },
    ]);
    expect(layout.yaxis).toMatchObject({ type: 'log' });
    expect(layout.xaxis).toMatchObject({ range: [0.5, 3.5], dtick: 1 });
    expect(data.map((t) => t.name)).toEqual(['A', 'B', 'error 0.5', 'A: horizon, step 2']);
    expect(data[3]!.showlegend).toBe(false);
    // Ticks 1, 2, 5 × 10^k from just below the least error to just above the largest.
    expect(layout.yaxis).toMatchObject({
      tickvals: [0.1, 0.2, 0.5, 1],
      ticktext: ['0.1', '0.2', '0.5', '1'],
    });
    expect(data[1]!.y).toEqual([null, null, 0.2]);
    expect(data[1]!.line).toMatchObject({ dash: 'dash' });
    expect(data[2]).toMatchObject({ x: [0.5, 3.5], y: [0.5, 0.5] });
    expect(data[3]).toMatchObject({ x: [2], y: [0.7], mode: 'markers' });
  });
});

/** A 4 × 4 patch grid with every mode kept: rows 0, 1, −2, −1 and columns 0, 1, 2. */
function fullSpectrum(): MixerSpectrum {
  const input = Float32Array.from({ length: 12 }, (_, i) => i + 1);
  // The mixer doubles the mode (row 0, column 0), halves every other.
  const output = Float32Array.from(input, (v, i) => (i === 0 ? 2 * v : v / 2));
  return { rows: 4, columns: 3, input, output };
}

describe('a block’s spectrum as pictures', () => {
  it('lays the frequencies along x from negative to positive across and along y from 0 up', () => {
    const pictures = spectrumPictures(fullSpectrum());
    expect(pictures.kx).toEqual([-2, -1, 0, 1]);
    expect(pictures.ky).toEqual([0, 1, 2]);
    expect([pictures.input.width, pictures.input.height]).toEqual([4, 3]);
    // Bottom row (ky 0), left to right: rows 2, 3, 0, 1 at column 0 → inputs 7, 10, 1, 4.
    const bottom = Array.from(pictures.input.data.subarray(8, 12), (v) => 10 ** v);
    bottom.forEach((v, k) => expect(v).toBeCloseTo([7, 10, 1, 4][k]!, 4));
    // Top row (ky 2): rows 2, 3, 0, 1 at column 2 → 9, 12, 3, 6.
    expect(10 ** pictures.input.data[0]!).toBeCloseTo(9, 4);
    // The gain: ×2 at (0, 0), ×½ elsewhere, on a symmetric log scale.
    expect(pictures.gain.data[10]).toBeCloseTo(Math.log10(2), 6);
    expect(pictures.gain.data[0]).toBeCloseTo(Math.log10(0.5), 6);
    expect(pictures.gainRange.max).toBeCloseTo(Math.log10(2), 6);
    expect(pictures.gainRange.min).toBeCloseTo(-Math.log10(2), 6);
    // Input and output share one scale: from the least energy, 1 (in at row 0, column 0; out at
    // row 0, column 1), to the most, 12.
    expect(pictures.energyRange.min).toBeCloseTo(0, 5);
    expect(pictures.energyRange.max).toBeCloseTo(Math.log10(12), 5);
  });

  it('keeps rows from 0 up when fewer modes than the side are kept, and greys modes without energy', () => {
    const spectrum: MixerSpectrum = {
      rows: 2,
      columns: 2,
      input: Float32Array.from([1, 0, 2, 3]),
      output: Float32Array.from([1, 0, 4, 3]),
    };
    const pictures = spectrumPictures(spectrum);
    expect(pictures.kx).toEqual([0, 1]);
    // Column 1 of row 0 had no energy: NaN in and out, and no gain.
    expect(pictures.input.data[0]).toBeNaN();
    expect(pictures.gain.data[0]).toBeNaN();
  });

  it('sums the gain over the smooth and the fine modes, and says so', () => {
    const gains = spectrumGains(fullSpectrum());
    // Largest |k| is √(2² + 2²); the smooth half has |k| ≤ √2: (0,0), (0,±1), (±1,0), (±1,±1) in rows 0, 1, 3.
    const smoothIn = 1 + 2 + 4 + 5 + 10 + 11;
    expect(gains.smooth).toBeCloseTo((2 + (smoothIn - 1) / 2) / smoothIn, 6);
    expect(gains.fine).toBeCloseTo(0.5, 6);
    expect(spectrumSummary(2, fullSpectrum())).toBe(
      `Block 2’s mixer damps the smoother modes ×${Number(gains.smooth.toPrecision(3))} and damps the finer ones ×0.5.`,
    );
    const one: MixerSpectrum = {
      rows: 1,
      columns: 1,
      input: Float32Array.of(2),
      output: Float32Array.of(4),
    };
    expect(spectrumSummary(1, one)).toBe('Block 1’s mixer amplifies its tokens’ modes ×2.');
  });
});
