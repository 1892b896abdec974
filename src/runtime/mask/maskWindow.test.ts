import { describe, expect, it } from 'vitest';
import { fitMaskWindow, fitModelWindow, type WantedWindow } from './maskWindow';

const extent = { trajectories: 48, frames: 24, n: 32 };
const wanted: WantedWindow = { trajectory: 3, start: 4, frames: 8, patchTime: 2, patchSide: 4 };

describe('fitMaskWindow', () => {
  it('keeps a window that fits, without notes', () => {
    expect(fitMaskWindow(extent, wanted)).toEqual({
      trajectory: 3,
      start: 4,
      frames: 8,
      patch: { pt: 2, px: 4, py: 4 },
      notes: [],
    });
  });

  it('clamps the trajectory and the start into the dataset, saying so', () => {
    const fitted = fitMaskWindow(extent, { ...wanted, trajectory: 60, start: 20 });
    expect(fitted.trajectory).toBe(47);
    expect(fitted.start).toBe(16);
    expect(fitted.notes).toEqual([
      'This dataset has 48 trajectories (0 to 47): showing trajectory 47.',
      'A 8-frame window of this 24-frame trajectory starts at frame 0 to 16: it starts at 16.',
    ]);
  });

  it('shrinks the window to the dataset and to whole patches', () => {
    const short = fitMaskWindow({ ...extent, frames: 5 }, wanted);
    expect(short.frames).toBe(4);
    expect(short.start).toBe(1);
    expect(short.notes[0]).toBe('The window holds 4 frames, not 8: the dataset has 5 frames.');
    const ragged = fitMaskWindow(extent, { ...wanted, frames: 7, patchTime: 3 });
    expect(ragged.frames).toBe(6);
    expect(ragged.notes[0]).toMatch(/6 frames, not 7: it must be a whole number of 3-frame/);
  });

  it('fits the patch to the grid and the frames', () => {
    const fitted = fitMaskWindow(
      { ...extent, frames: 3 },
      { ...wanted, patchTime: 4, patchSide: 6 },
    );
    expect(fitted.patch).toEqual({ pt: 3, px: 4, py: 4 });
    expect(fitted.frames).toBe(3);
    expect(fitted.notes.join(' ')).toMatch(/spans 3.*4 × 4 points, not 6 × 6/);
    expect(fitMaskWindow({ ...extent, n: 30 }, wanted).patch.px).toBe(3);
    expect(fitMaskWindow({ ...extent, n: 8 }, { ...wanted, patchSide: 64 }).patch.px).toBe(8);
  });
});

describe('fitModelWindow', () => {
  const tiny = { size: 16, frames: 4, patchT: 2, patchXY: 4, channels: 1 };

  it("takes the model's frames and patches on its grid, and clamps only trajectory and start", () => {
    expect(fitModelWindow({ ...extent, channels: 2 }, { trajectory: 3, start: 4 }, tiny)).toEqual({
      trajectory: 3,
      start: 4,
      frames: 4,
      patch: { pt: 2, px: 4, py: 4 },
      notes: [],
    });
    const clamped = fitModelWindow({ ...extent, channels: 1 }, { trajectory: 3, start: 23 }, tiny);
    expect(clamped).toMatchObject({ start: 20, frames: 4 });
    expect('notes' in clamped && clamped.notes).toEqual([
      'A 4-frame window of this 24-frame trajectory starts at frame 0 to 20: it starts at 20.',
    ]);
  });

  it('says why a dataset cannot feed the model', () => {
    expect(
      fitModelWindow({ ...extent, frames: 3, channels: 1 }, { trajectory: 0, start: 0 }, tiny),
    ).toEqual({
      problem:
        "This model reads windows of 4 frames; this dataset's trajectories have only 3. Choose a longer dataset or the interpolation baseline.",
    });
    expect(
      fitModelWindow(
        { ...extent, channels: 1 },
        { trajectory: 0, start: 0 },
        { ...tiny, channels: 2 },
      ),
    ).toEqual({ problem: 'This model reads 2 channels; this dataset has only 1.' });
  });
});
