/**
 * DINo's live picture in the Train panel (its SnapshotView): a training trajectory forecast from
 * the code fitted to its first frame, as truth (with the observed points) | forecast | error, one
 * frame at a time; frames from the training horizon on are marked as beyond it. Each snapshot
 * replaces the last, so the forecast visibly improves as training goes on.
 */
import { useId, useMemo, useState } from 'react';
import type { ForecastSnapshot } from '../../../models/snapshot';
import { useTrain } from '../../../state/trainStore';
import { useThrottled } from '../../useThrottled';
import { FieldView } from '../../views/FieldView';
import { channelRange, windowFrame } from '../../views/windowImages';
import { SensorField } from './SensorField';
import './dino.css';

const VIEW_SIZE = 180;

/** One trajectory of a snapshot: truth, forecast and error [T, X, Y, C], and its observed points. */
function trajectoryOf(data: ForecastSnapshot, sample: number) {
  const [, T, X, Y, C] = data.shape;
  const size = T * X * Y * C;
  const truth = data.truth.subarray(sample * size, (sample + 1) * size);
  const forecast = data.forecast.subarray(sample * size, (sample + 1) * size);
  const error = Float32Array.from(forecast, (v, i) => v - truth[i]!);
  const sensors: number[] = [];
  data.observed.forEach((m, p) => {
    if (m) sensors.push(p);
  });
  return {
    window: [T, X, Y, C] as [number, number, number, number],
    truth,
    forecast,
    error,
    sensors,
  };
}

export function ForecastSnapshotView() {
  const ids = { sample: useId(), frame: useId(), note: useId() };
  const snapshot = useThrottled(
    useTrain((s) => s.live?.snapshot),
    250,
  );
  const [sampleChoice, setSample] = useState(0);
  const [frameChoice, setFrame] = useState(0);

  const views = useMemo(() => {
    if (snapshot?.data.kind !== 'forecast') return undefined;
    const { data } = snapshot;
    const [B, T, X, Y] = data.shape;
    const sample = Math.min(sampleChoice, B - 1);
    const frame = Math.min(frameChoice, T - 1);
    const s = trajectoryOf(data, sample);
    return {
      B,
      T,
      X,
      Y,
      sample,
      frame,
      trainFrames: data.trainFrames,
      sensors: s.sensors,
      range: channelRange(s.truth, s.window[3], 0, false),
      errorRange: channelRange(s.error, s.window[3], 0, true),
      truth: windowFrame(s.truth, s.window, frame, 0),
      forecast: windowFrame(s.forecast, s.window, frame, 0),
      error: windowFrame(s.error, s.window, frame, 0),
    };
  }, [snapshot, sampleChoice, frameChoice]);

  if (!snapshot || !views) return null;
  const beyond = views.frame >= views.trainFrames;
  const frameWords = `frame ${views.frame + 1} of ${views.T}`;
  return (
    <div className="card train-reconstruction dino-snapshot">
      <h2>Forecast of a training trajectory</h2>
      <p id={ids.note} className="muted small">
        The dots are the {views.sensors.length.toLocaleString('en')} observed points. DINo fits a
        code to what they show on the first frame, moves it forward in time with its learned
        dynamics, and decodes every frame on the whole grid. It trains on frames 1–
        {views.trainFrames}; later frames lie beyond the training horizon: it never saw them, so
        there it extrapolates in time.
      </p>
      <div className="train-reconstruction__toolbar">
        {views.B > 1 ? (
          <label htmlFor={ids.sample} className="inline-label">
            Trajectory
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
            aria-describedby={ids.note}
            aria-valuetext={`${frameWords}${beyond ? ', beyond the training horizon' : ''}`}
            onChange={(e) => setFrame(Number(e.target.value))}
          />
        </label>
        <output htmlFor={ids.frame}>
          {frameWords}
          {beyond ? <span className="dino-beyond-badge"> beyond the training horizon</span> : null}
        </output>
        <span className="muted" data-testid="snapshot-step">
          after step {snapshot.step}
        </span>
      </div>
      <div className={`train-reconstruction__views${beyond ? ' dino-frames--beyond' : ''}`}>
        <SensorField
          field={views.truth}
          label={`Truth, ${frameWords}, observed points dotted`}
          range={views.range}
          size={VIEW_SIZE}
          sensors={views.sensors}
          gridX={views.X}
          gridY={views.Y}
        />
        <FieldView
          field={views.forecast}
          label={`DINo forecast after step ${snapshot.step}`}
          range={views.range}
          size={VIEW_SIZE}
        />
        <FieldView
          field={views.error}
          label="Error: forecast − truth"
          range={views.errorRange}
          colormap="coolwarm"
          size={VIEW_SIZE}
        />
      </div>
    </div>
  );
}
