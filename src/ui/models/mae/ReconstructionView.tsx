/**
 * The MAE's live picture in the Train panel (its SnapshotView): the latest snapshot of fixed
 * validation windows as original | masked input | MAE reconstruction | error, one frame of one
 * sample at a time. Each snapshot replaces the last, so the fill-in of the hidden patches visibly
 * sharpens as training goes on.
 */
import { useId, useMemo, useState } from 'react';
import type { ReconstructionSnapshot } from '../../../models/snapshot';
import { useTrain } from '../../../state/trainStore';
import { useThrottled } from '../../useThrottled';
import { FieldView } from '../../views/FieldView';
import { channelRange, hiddenCells, maskedField, windowFrame } from '../../views/windowImages';

const VIEW_SIZE = 180;

/** One window of a snapshot with its error, as arrays of that window alone. */
function sampleOf(data: ReconstructionSnapshot, sample: number) {
  const [, T, X, Y, C] = data.shape;
  const size = T * X * Y * C;
  const pixels = T * X * Y;
  const original = data.original.subarray(sample * size, (sample + 1) * size);
  const reconstruction = data.reconstruction.subarray(sample * size, (sample + 1) * size);
  const error = Float32Array.from(reconstruction, (v, i) => v - original[i]!);
  const pixelMask = data.pixelMask.subarray(sample * pixels, (sample + 1) * pixels);
  return {
    window: [T, X, Y, C] as [number, number, number, number],
    original,
    reconstruction,
    error,
    pixelMask,
  };
}

export function ReconstructionView() {
  const ids = { sample: useId(), frame: useId() };
  const snapshot = useThrottled(
    useTrain((s) => s.live?.snapshot),
    250,
  );
  const [sampleChoice, setSample] = useState(0);
  const [frameChoice, setFrame] = useState(0);

  const views = useMemo(() => {
    if (snapshot?.data.kind !== 'reconstruction') return undefined;
    const [B, T] = snapshot.data.shape;
    const sample = Math.min(sampleChoice, B - 1);
    const frame = Math.min(frameChoice, T - 1);
    const s = sampleOf(snapshot.data, sample);
    const original = windowFrame(s.original, s.window, frame, 0);
    const hidden = hiddenCells(s.pixelMask, s.window, frame);
    return {
      B,
      T,
      sample,
      frame,
      range: channelRange(s.original, s.window[3], 0, false),
      errorRange: channelRange(s.error, s.window[3], 0, true),
      original,
      masked: maskedField(original, hidden),
      reconstruction: windowFrame(s.reconstruction, s.window, frame, 0),
      error: windowFrame(s.error, s.window, frame, 0),
    };
  }, [snapshot, sampleChoice, frameChoice]);

  if (!snapshot || !views) return null;
  return (
    <div className="card train-reconstruction">
      <h2>Reconstruction of fixed validation windows</h2>
      <div className="train-reconstruction__toolbar">
        {views.B > 1 ? (
          <label htmlFor={ids.sample} className="inline-label">
            Window
            <select
              id={ids.sample}
              value={views.sample}
              onChange={(e) => setSample(Number(e.target.value))}
            >
              {Array.from({ length: views.B }, (_, b) => (
                <option key={b} value={b}>
                  {b + 1}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label htmlFor={ids.frame} className="inline-label">
          Frame
          <input
            id={ids.frame}
            type="range"
            min={0}
            max={views.T - 1}
            step={1}
            value={views.frame}
            onChange={(e) => setFrame(Number(e.target.value))}
          />
        </label>
        <output htmlFor={ids.frame}>
          frame {views.frame + 1}/{views.T}
        </output>
        <span className="muted" data-testid="snapshot-step">
          after step {snapshot.step}
        </span>
      </div>
      <div className="train-reconstruction__views">
        <FieldView field={views.original} label="Original" range={views.range} size={VIEW_SIZE} />
        <FieldView field={views.masked} label="Masked input" range={views.range} size={VIEW_SIZE} />
        <FieldView
          field={views.reconstruction}
          label={`MAE reconstruction after step ${snapshot.step}`}
          range={views.range}
          size={VIEW_SIZE}
        />
        <FieldView
          field={views.error}
          label="Error: reconstruction − original"
          range={views.errorRange}
          colormap="coolwarm"
          size={VIEW_SIZE}
        />
      </div>
    </div>
  );
}
