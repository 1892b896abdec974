import { describe, expect, it } from 'vitest';
import {
  calibrationKey,
  chooseFromCalibration,
  explainCalibratedChoice,
  explainFallback,
  explainForcedChoice,
} from './calibrationChoice';
import type { Calibration, CalibrationEntry } from './protocol';

const measured = (
  backend: CalibrationEntry['backend'],
  trainMs: number,
  solverMs: number,
  software?: string,
): CalibrationEntry => ({
  backend,
  outcome: 'measured',
  trainMs,
  solverMs,
  ...(software ? { software } : {}),
});

const calibration = (entries: CalibrationEntry[]): Calibration => ({
  key: 'k',
  measuredAt: 0,
  entries,
  chosen: chooseFromCalibration(entries),
});

describe('chooseFromCalibration', () => {
  it('picks the least time for a training step plus a solver step', () => {
    expect(
      chooseFromCalibration([
        measured('webgpu', 2, 2),
        measured('wasm', 5, 5),
        measured('cpu', 20, 30),
      ]),
    ).toBe('webgpu');
    expect(chooseFromCalibration([measured('webgpu', 2, 30), measured('wasm', 5, 5)])).toBe('wasm');
  });

  it('never picks a software GPU over WebAssembly, even when it measured faster', () => {
    expect(
      chooseFromCalibration([
        measured('wasm', 5, 5),
        measured('webgpu', 1, 1, 'SwiftShader'),
        measured('webgl', 1, 1, 'SwiftShader'),
      ]),
    ).toBe('wasm');
  });

  it('lets a software GPU compete when WebAssembly did not run', () => {
    expect(
      chooseFromCalibration([
        { backend: 'wasm', outcome: 'failed', problem: 'no' },
        measured('cpu', 50, 50),
        measured('webgpu', 10, 10, 'SwiftShader'),
      ]),
    ).toBe('webgpu');
  });

  it('ignores cut-off and failed backends, and breaks ties by the usual order', () => {
    expect(
      chooseFromCalibration([
        { backend: 'webgpu', outcome: 'cut-off', budgetMs: 300, cutOffDuring: 'warm-up' },
        { backend: 'webgl', outcome: 'failed', problem: 'no WebGL2' },
        measured('cpu', 4, 4),
        measured('wasm', 4, 4),
      ]),
    ).toBe('wasm');
    expect(chooseFromCalibration([{ backend: 'wasm', outcome: 'failed' }])).toBeUndefined();
  });
});

describe('calibrationKey', () => {
  it('differs by browser, adapter and WebGL renderer', () => {
    const base = {
      userAgent: 'Chrome/156',
      adapter: 'google|swiftshader||',
      webglRenderer: 'ANGLE',
    };
    const keys = new Set([
      calibrationKey(base),
      calibrationKey({ ...base, userAgent: 'Chrome/157' }),
      calibrationKey({ ...base, adapter: 'nvidia|ada||' }),
      calibrationKey({ ...base, webglRenderer: 'other' }),
    ]);
    expect(keys.size).toBe(4);
    expect(calibrationKey(base)).toBe(calibrationKey({ ...base }));
  });
});

describe('explainCalibratedChoice', () => {
  it('says how much faster WebAssembly is than the software GPU it passed over', () => {
    const c = calibration([
      measured('wasm', 3, 2),
      measured('cpu', 10, 10),
      measured('webgpu', 40, 30, 'SwiftShader'),
    ]);
    const choice = explainCalibratedChoice('wasm', c, 'measured');
    expect(choice.summary).toBe('14× faster than software GPU');
    expect(choice.sentence).toContain('WebAssembly');
    expect(choice.sentence).toContain('WebGPU on this software GPU (SwiftShader)');
    expect(choice.sentence).toContain('3.0 ms per training step and 2.0 ms per solver step');
    expect(choice.reason).toBe('measured');
    expect(choice.calibration).toBe(c);
  });

  it('gives a lower bound for a backend that was cut off', () => {
    const c = calibration([
      measured('wasm', 4, 6),
      {
        backend: 'webgpu',
        outcome: 'cut-off',
        software: 'SwiftShader',
        trainMs: 80,
        budgetMs: 150,
        cutOffDuring: 'solver step',
      },
    ]);
    expect(explainCalibratedChoice('wasm', c, 'remembered').summary).toBe(
      'over 23× faster than software GPU',
    );
  });

  it('compares a winning GPU with the runner-up', () => {
    const c = calibration([
      measured('webgpu', 1, 1),
      measured('webgl', 2, 2),
      measured('wasm', 5, 5),
    ]);
    expect(explainCalibratedChoice('webgpu', c, 'measured').summary).toBe('2.0× faster than WebGL');
  });

  it('does not claim a speed-up over a software GPU that measured faster', () => {
    const c = calibration([measured('wasm', 5, 5), measured('webgpu', 4, 4, 'SwiftShader')]);
    expect(explainCalibratedChoice('wasm', c, 'measured').summary).toBe(
      'preferred over software GPU',
    );
  });
});

describe('explainForcedChoice and explainFallback', () => {
  it('names the setting, or what did not start', () => {
    expect(explainForcedChoice('webgpu', 'webgpu')).toMatchObject({
      reason: 'forced',
      summary: 'chosen in Settings',
    });
    expect(explainForcedChoice('webgl', 'webgpu').summary).toBe('WebGPU did not start');
    const c = calibration([measured('wasm', 1, 1)]);
    expect(explainFallback('cpu', c).summary).toBe('WebAssembly did not start');
  });
});

describe('a software GPU cut off while warming up', () => {
  it('is passed over without a made-up ratio', () => {
    const c = calibration([
      measured('wasm', 4, 6),
      {
        backend: 'webgpu',
        outcome: 'cut-off',
        software: 'SwiftShader',
        budgetMs: 300,
        cutOffDuring: 'warm-up',
      },
    ]);
    const choice = explainCalibratedChoice('wasm', c, 'measured');
    expect(choice.summary).toBe('faster than software GPU');
    expect(choice.sentence).toContain('had not finished its first steps after 300 ms');
  });
});

describe('a backend that was not timed', () => {
  it('is named without a ratio', () => {
    const c = calibration([
      measured('wasm', 4, 6),
      { backend: 'cpu', outcome: 'skipped', problem: 'not timed' },
      { backend: 'webgl', outcome: 'skipped', software: 'SwiftShader', problem: 'not timed' },
    ]);
    expect(explainCalibratedChoice('wasm', c, 'measured').summary).toBe(
      'preferred over software GPU',
    );
    // The GPU the plain order would have used is the one compared with, timed or not.
    const withWebGpu = calibration([
      ...c.entries,
      {
        backend: 'webgpu',
        outcome: 'cut-off',
        software: 'SwiftShader',
        budgetMs: 400,
        cutOffDuring: 'warm-up',
      },
    ]);
    expect(explainCalibratedChoice('wasm', withWebGpu, 'measured').sentence).toContain(
      'faster than WebGPU on this software GPU',
    );
    const onlyCpu = calibration([
      measured('wasm', 4, 6),
      { backend: 'cpu', outcome: 'skipped', problem: 'not timed' },
    ]);
    expect(explainCalibratedChoice('wasm', onlyCpu, 'measured').summary).toBe(
      'faster than JavaScript',
    );
  });
});
