import { describe, expect, it } from 'vitest';
import type { PretrainedManifest } from '../../../../models/mae/pretrained';
import { trainedOnManifest } from './trainedOnManifest';

function manifest(change: Partial<PretrainedManifest> = {}): PretrainedManifest {
  return {
    training: {
      steps: 30000,
      batchSize: 16,
      peakLr: 3e-3,
      seed: 1,
      seconds: 900,
      backend: 'wasm',
      data: '480 trajectories (Heat equation, Advection equation, Burgers (2-D, viscous); seed 1), 24 frames at 32²',
    },
    ...change,
  } as PretrainedManifest;
}

describe('what the shipped MAE trained on', () => {
  it('reads its manifest: groups when listed, else the equations its data names', () => {
    expect(trainedOnManifest(manifest())).toEqual({
      equations: ['heat', 'advection', 'burgers'],
      grid: 32,
    });
    const grouped = manifest({
      groups: [
        { equation: 'heat', initial: 'random-sines', windows: 1, mae: 0, linear: 0, nearest: 0 },
        { equation: 'heat', initial: 'hot-square', windows: 1, mae: 0, linear: 0, nearest: 0 },
        { equation: 'ns', initial: 'vortex-pair', windows: 1, mae: 0, linear: 0, nearest: 0 },
      ],
    });
    expect(trainedOnManifest(grouped)).toEqual({
      equations: ['heat', 'ns'],
      initials: ['random-sines', 'hot-square', 'vortex-pair'],
      grid: 32,
    });
    expect(trainedOnManifest(manifest({ training: { data: 'some data' } as never }))).toEqual({});
  });
});
