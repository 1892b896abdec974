import { describe, expect, it } from 'vitest';
import { maeRuntime } from '../../models/mae';
import type { ModelRuntime } from '../../models/runtime';
import { reconstructorOf, type LoadedModel } from './modelCache';

const loaded = (runtime: ModelRuntime): LoadedModel => ({
  model: { params: new Map(), dispose: () => {} } as unknown as LoadedModel['model'],
  runtime,
  checkpointId: 'r:latest',
  savedAt: 1,
  runId: 'r',
  runName: 'r',
  step: 1,
});

describe('reconstructorOf', () => {
  it("is the model's own, and says so in words for a model that fills no patches", () => {
    expect(reconstructorOf(loaded(maeRuntime))).toBe(maeRuntime.reconstructor);
    const forecaster = {
      ...maeRuntime,
      info: { ...maeRuntime.info, title: 'A forecaster' },
      reconstructor: undefined,
    };
    expect(() => reconstructorOf(loaded(forecaster))).toThrow(
      'The chosen model (A forecaster) does not fill in hidden patches: choose another model.',
    );
  });
});
