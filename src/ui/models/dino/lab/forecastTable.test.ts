import { describe, expect, it } from 'vitest';
import { forecastTableRows } from './forecastTable';

const table = {
  inTimeInSpace: 0.0123,
  inTimeOutSpace: 0.0456,
  outTimeInSpace: 0.2,
  outTimeOutSpace: 0.31,
  all: 0.15,
};

describe('forecastTableRows', () => {
  it('puts the training frames and the frames beyond the horizon against sensors and the points between', () => {
    const [early, late] = forecastTableRows(table, 20, 10);
    expect(early.label).toBe('Training frames (In-t)');
    expect(early.frames).toBe('frames 1–10');
    expect(late.label).toBe('Beyond the training horizon (Out-t)');
    expect(late.frames).toBe('frames 11–20');
    expect(early.cells.map((c) => c.text)).toEqual(['0.0123', '0.0456']);
    expect(late.cells.map((c) => c.text)).toEqual(['0.2', '0.31']);
    expect(late.cells[1].description).toBe(
      'Relative error 0.31 between the sensors, in frames 11–20.',
    );
  });

  it('says why a cell is empty', () => {
    const full = { ...table, inTimeOutSpace: NaN, outTimeOutSpace: NaN };
    const [early, late] = forecastTableRows(full, 20, 10);
    expect(early.cells[1].text).toBe('–');
    expect(early.cells[1].description).toMatch(/every grid point is a sensor/);
    expect(late.cells[1].description).toMatch(/every grid point is a sensor/);
    const short = { ...table, outTimeInSpace: NaN, outTimeOutSpace: NaN };
    const [, none] = forecastTableRows(short, 10, 10);
    expect(none.frames).toBe('no frames');
    expect(
      none.cells.every((c) => /no frame beyond the training horizon/.test(c.description)),
    ).toBe(true);
    expect(forecastTableRows(table, 11, 10)[1].frames).toBe('frame 11');
  });
});
