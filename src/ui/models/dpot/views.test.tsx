import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  DPOT_PRESETS,
  dpotKeptModes,
  dpotLatentSize,
  dpotParameterCount,
  type DpotPresetId,
} from '../../../models/dpot/config';
import type { DpotForecastResult } from '../../../models/dpot/jobs/forecastConfig';
import type { MixerSpectrum, RolloutSnapshot } from '../../../models/snapshot';
import { DpotDiagram } from './DpotDiagram';
import { DpotTips, otherPatchSize } from './DpotTips';
import { RolloutResults } from './lab/RolloutResults';
import { RolloutPicture, RolloutSnapshotView } from './RolloutSnapshotView';

const tiny = DPOT_PRESETS.tiny.config;

/** The tiny preset's spectrum: a 4 × 4 patch grid, every mode kept (4 rows × 3 columns). */
function spectrum(gain: number): MixerSpectrum {
  const input = Float32Array.from({ length: 12 }, (_, i) => i + 1);
  return { rows: 4, columns: 3, input, output: Float32Array.from(input, (v) => v * gain) };
}

/** Three rollout steps on 16² of one channel; the error passes 0.5 at step 3. */
function snapshot(): RolloutSnapshot {
  const [K, n] = [3, 16];
  const ramp = (k: number) => Float32Array.from({ length: K * n * n }, (_, i) => (i % 17) / 17 + k);
  return {
    kind: 'rollout',
    shape: [1, K, n, n, 1],
    input: ramp(0).subarray(0, n * n),
    truth: ramp(0),
    forecast: ramp(0.1),
    errors: [0.1, 0.3, 0.7],
    horizon: 3,
    spectra: [spectrum(2), spectrum(0.5)],
  };
}

describe('DPOT’s diagram and tips', () => {
  it.each(Object.keys(DPOT_PRESETS) as DpotPresetId[])(
    'label the %s preset with its numbers',
    (id) => {
      const config = DPOT_PRESETS[id].config;
      const side = dpotLatentSize(config);
      const { rows, columns } = dpotKeptModes(config);
      const html = renderToStaticMarkup(<DpotDiagram config={config} />);
      expect(html).toMatch(/<figure[^>]*aria-labelledby/);
      expect(html).toContain(`${config.inputFrames} frames of ${config.size} × ${config.size}`);
      expect(html).toContain(`Patches ${config.patchSize} × ${config.patchSize}`);
      expect(html).toContain(`${side} × ${side} tokens per frame`);
      expect(html).toContain(`Fourier blocks × ${config.depth}`);
      expect(html).toContain(`keep ${rows} × ${columns} of ${side} × ${side / 2 + 1} modes`);
      expect(html).toContain(`${config.blocks} weight blocks of ${config.width / config.blocks}`);
      expect(html).toContain(`${dpotParameterCount(config, 1).toLocaleString('en')} parameters`);
      expect(html).toContain('Rollout:');
      const tips = renderToStaticMarkup(<DpotTips config={config} />);
      expect(tips).toContain('What to try');
      expect(tips).toContain('Set the input noise from');
    },
  );

  it('mark settings that cannot be built as unknown', () => {
    const html = renderToStaticMarkup(<DpotDiagram config={{ ...tiny, patchSize: 3 }} />);
    expect(html).toContain('dpot-diagram--unknown');
    expect(html).toContain('– parameters');
    expect(html).toContain('modes: –');
  });

  it('suggest the noise DPOT uses when there is none, and a patch side that fits the grid', () => {
    const tips = renderToStaticMarkup(<DpotTips config={{ ...tiny, noise: 0 }} />);
    expect(tips).toContain('Set the input noise to 0.2');
    expect(otherPatchSize(tiny)).toBe(8);
    expect(otherPatchSize({ ...tiny, patchSize: 8 })).toBe(4);
    expect(otherPatchSize({ ...tiny, size: 6, patchSize: 3 })).toBeUndefined();
  });
});

describe('DPOT’s live picture', () => {
  it('names every picture and chart, and says what each block does', () => {
    const html = renderToStaticMarkup(<RolloutPicture data={snapshot()} step={42} />);
    for (const name of [
      'rollout step 1 of 3',
      'Last input frame',
      'Truth',
      'Rollout',
      'Error: Rollout − truth',
      'Relative L2 error at each of the 3 rollout steps, log scale, with the 0.5 threshold',
      'Block 1, log₁₀ per mode',
      'Energy in',
      'Energy out',
      'Gain, out ÷ in',
    ]) {
      expect(html).toContain(`aria-label="${name}`);
    }
    expect(html).toContain('Relative L2 error at step 1: Rollout 0.1.');
    expect(html).toContain(
      '4 × 3 kept modes: frequency along x from -2 to 1 across, along y from 0 to 2 up.',
    );
    expect(html).toContain('After training step 42.');
    expect(html).toContain(
      'The rollout stays under an error of 0.5 for 2 steps, passing it at step 3.',
    );
    expect(html).toContain(
      'Block 1’s mixer amplifies the smoother modes ×2 and amplifies the finer ones ×2.',
    );
    expect(html).toContain('<li>Block 2’s mixer damps the smoother modes ×0.5');
    // One trajectory of one channel: no channel choice.
    expect(html).not.toContain('Channel');
  });

  it('shows nothing before the first snapshot', () => {
    expect(renderToStaticMarkup(<RolloutSnapshotView />)).toBe('');
  });
});

describe('the rollout lab’s results', () => {
  it('pictures both models’ rollouts, charts them beside persistence, and tables the scores', () => {
    const [K, n, C] = [2, 8, 2];
    const size = K * n * n * C;
    const model = (name: string, noise: number, errors: number[], horizon: number | null) => ({
      checkpointId: name,
      runName: name,
      step: 100,
      inputFrames: 10,
      noise,
      channels: 2,
      forecast: new Float32Array(size).fill(noise),
      errors,
      horizon,
      spectra: [spectrum(1)],
      scores: { perStep: errors, full: 0.3, horizon },
    });
    const result: DpotForecastResult = {
      trajectory: 40,
      equation: 'burgers',
      channels: ['u', 'v'],
      start: 10,
      shape: [K, n, n, C],
      input: new Float32Array(n * n * C),
      truth: Float32Array.from({ length: size }, (_, i) => i / size),
      models: [model('noisy', 0.2, [0.1, 0.2], null), model('clean', 0, [0.05, 0.6], 2)],
      persistence: {
        errors: [0.3, 0.6],
        horizon: 2,
        scores: { perStep: [0.3, 0.7], full: 0.5, horizon: 2 },
      },
      scored: {
        split: 'held-out',
        first: 36,
        trajectories: 12,
        count: 12,
        equations: [
          { equation: 'heat', count: 4 },
          { equation: 'burgers', count: 8 },
        ],
      },
    };
    const html = renderToStaticMarkup(
      <RolloutResults
        run={{
          params: { checkpointIds: ['noisy', 'clean'], datasetId: 'd', trajectory: 40, steps: K },
          result,
          datasetName: 'mix',
          modelNames: ['noisy · step 100', 'clean · step 100'],
        }}
      />,
    );
    expect(html).toContain('Rollout of trajectory 40');
    for (const name of [
      'noisy · step 100',
      'clean · step 100',
      'Error: clean · step 100 − truth',
      'Relative L2 error at each of the 2 steps of trajectory 40, log scale, each model and persistence',
      'Mean relative L2 error at each of the 2 steps over 12 trajectories, log scale, each model and persistence',
      'Gain, out ÷ in',
    ]) {
      expect(html).toContain(`aria-label="${name}`);
    }
    expect(html).toContain(
      'Relative L2 error at step 1: noisy · step 100 0.1, clean · step 100 0.05.',
    );
    // Two channels, named.
    expect(html).toMatch(
      /Channel<select[^>]*><option value="0" selected="">u<\/option><option value="1">v/,
    );
    expect(html).toContain(
      '<caption>Relative L2 error of 2-step rollouts on the first 12 trajectories of the 12 held out of training (from trajectory 36 on) — 4 heat, 8 burgers of “mix”.</caption>',
    );
    expect(html).toContain('<th scope="row">Persistence (last frame repeated)</th>');
    expect(html).toContain('noisy · step 100 stays under 0.5 longer (2 steps against 1).');
    // The spectrum can be of either model.
    expect(html).toContain('What each Fourier block of noisy · step 100 does to the frequencies');
    expect(html).toMatch(/Model<select/);
  });
});
