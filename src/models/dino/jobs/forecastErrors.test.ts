import { describe, expect, it } from 'vitest';
import { errorByFrame, errorTable, relativeL2 } from './forecastErrors';

/** 3 frames × 4 points × 1 channel; points 0 and 2 observed. */
const truth = Float32Array.from([1, 2, 2, 0, /* t1 */ 3, 4, 0, 0, /* t2 */ 1, 1, 1, 1]);
const forecast = Float32Array.from([1, 2, 2, 1, /* t1 */ 3, 4, 3, 0, /* t2 */ 2, 1, 1, 3]);
const observed = Uint8Array.from([1, 0, 1, 0]);
const arrays = { truth, forecast, frames: 3, points: 4, channels: 1, observed };

describe('forecast errors', () => {
  it('relative L2 is NaN for an empty group or a zero truth', () => {
    expect(relativeL2({ error: 4, truth: 16, count: 2 })).toBe(0.5);
    expect(relativeL2({ error: 0, truth: 0, count: 0 })).toBeNaN();
    expect(relativeL2({ error: 1, truth: 0, count: 3 })).toBeNaN();
  });

  it('splits each frame into observed and unobserved points', () => {
    const e = errorByFrame(arrays);
    // t0: observed exact; unobserved error 1 over truth 4.
    expect(e.observed[0]).toBe(0);
    expect(e.unobserved[0]).toBeCloseTo(Math.sqrt(1 / 4));
    expect(e.all[0]).toBeCloseTo(Math.sqrt(1 / 9));
    // t1: the observed truth 3, 0 gets 3, 3: error 9 over 9; unobserved exact.
    expect(e.observed[1]).toBeCloseTo(1);
    expect(e.unobserved[1]).toBe(0);
    // t2: observed (1,1)→(2,1): 1/2; unobserved (1,1)→(1,3): 4/2.
    expect(e.observed[2]).toBeCloseTo(Math.sqrt(1 / 2));
    expect(e.unobserved[2]).toBeCloseTo(Math.sqrt(2));
    expect(e.all[2]).toBeCloseTo(Math.sqrt(5 / 4));
  });

  it('builds the 2 × 2 table from the training horizon', () => {
    const table = errorTable(arrays, 2);
    expect(table.inTimeInSpace).toBeCloseTo(Math.sqrt(9 / 14)); // errors 0+9, truths 5+9
    expect(table.inTimeOutSpace).toBeCloseTo(Math.sqrt(1 / 20)); // 1 over 4+16
    expect(table.outTimeInSpace).toBeCloseTo(Math.sqrt(1 / 2));
    expect(table.outTimeOutSpace).toBeCloseTo(Math.sqrt(2));
    expect(table.all).toBeCloseTo(Math.sqrt(15 / 38));
  });

  it('leaves empty groups NaN: every point observed, no frame beyond the horizon', () => {
    const all = { ...arrays, observed: Uint8Array.from([1, 1, 1, 1]) };
    const table = errorTable(all, 3);
    expect(table.inTimeOutSpace).toBeNaN();
    expect(table.outTimeInSpace).toBeNaN();
    expect(table.outTimeOutSpace).toBeNaN();
    expect(table.inTimeInSpace).toBeCloseTo(table.all);
    expect(errorByFrame(all).unobserved.every(Number.isNaN)).toBe(true);
  });

  it('counts every channel and refuses arrays of the wrong size', () => {
    const two = {
      truth: Float32Array.from([1, 1, 2, 2]),
      forecast: Float32Array.from([1, 2, 2, 2]),
      frames: 1,
      points: 2,
      channels: 2,
      observed: Uint8Array.from([1, 0]),
    };
    expect(errorByFrame(two).observed[0]).toBeCloseTo(Math.sqrt(1 / 2));
    expect(() => errorByFrame({ ...two, frames: 2 })).toThrow(/must both hold/);
    expect(() => errorByFrame({ ...two, observed: new Uint8Array(3) })).toThrow(/observed mask/);
  });
});
