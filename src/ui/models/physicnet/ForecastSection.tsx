/**
 * The forecast of one validation window, step by step with Play: the last input frame (with the
 * local experts' crops drawn on it) | forecast | truth | error, then what each level of experts
 * gives at that step: the global expert's forecast and the local experts' correction to it.
 */
import { useCallback, useId, useMemo } from 'react';
import type { ExpertsSnapshot } from '../../../models/snapshot';
import { usePlayback } from '../../panels/mask/usePlayback';
import type { ValueRange } from '../../views/fieldImage';
import { FieldView } from '../../views/FieldView';
import { channelImage } from '../../views/frameImage';
import { channelRange, windowFrame } from '../../views/windowImages';
import { cropBox } from './expertsData';
import { OverlaidField } from './OverlaidField';

const VIEW_SIZE = 136;

function difference(a: Float32Array, b: Float32Array): Float32Array {
  return Float32Array.from(a, (v, i) => v - b[i]!);
}

function union(a: ValueRange, b: ValueRange): ValueRange {
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

/** The snapshot's arrays of its first window, and the differences the views show. */
function windowOf(data: ExpertsSnapshot) {
  const [, T, X, Y, C] = data.shape;
  const size = T * X * Y * C;
  const first = (values: Float32Array) => values.subarray(0, size);
  const truth = first(data.truth);
  const forecast = first(data.forecast);
  const globalForecast = first(data.globalForecast);
  const error = difference(forecast, truth);
  const correction = difference(forecast, globalForecast);
  return {
    window: [T, X, Y, C] as [number, number, number, number],
    input: channelImage(data.input.subarray(0, X * Y * C), X, C, 0),
    truth,
    forecast,
    globalForecast,
    error,
    correction,
    range: union(channelRange(truth, C, 0, false), channelRange(data.input, C, 0, false)),
    errorRange: channelRange(error, C, 0, true),
    correctionRange: channelRange(correction, C, 0, true),
  };
}

export function ForecastSection({
  data,
  step,
  heading = 'Forecast of a validation window',
}: {
  data: ExpertsSnapshot;
  step: number;
  heading?: string | undefined;
}) {
  const ids = { heading: useId(), experts: useId(), step: useId() };
  const [, T, X, Y] = data.shape;
  const playback = usePlayback(T);
  const t = playback.frame;
  const w = useMemo(() => windowOf(data), [data]);
  const frames = useMemo(() => {
    const at = (values: Float32Array) => windowFrame(values, w.window, t, 0);
    return {
      forecast: at(w.forecast),
      truth: at(w.truth),
      error: at(w.error),
      globalForecast: at(w.globalForecast),
      correction: at(w.correction),
    };
  }, [w, t]);
  const stepWords = `forecast step ${t + 1} of ${T}`;
  const crops = data.crops;

  const drawCrops = useCallback(
    (ctx: CanvasRenderingContext2D, size: number) => {
      ctx.lineWidth = 2;
      crops.forEach((crop, k) => {
        const box = cropBox(crop, [X, Y]);
        // Overlapping crops stay apart: each is inset a little more than the last.
        const inset = 1 + (k % 4) * 2;
        ctx.strokeStyle = k % 2 ? '#ffffff' : '#000000';
        ctx.setLineDash(k % 2 ? [4, 3] : []);
        ctx.strokeRect(
          box.left * size + inset,
          box.top * size + inset,
          box.width * size - 2 * inset,
          box.height * size - 2 * inset,
        );
      });
    },
    [crops, X, Y],
  );

  return (
    <section className="card train-reconstruction" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{heading}</h2>
      <p className="muted small">
        The model reads the last input frames and forecasts {T} frames, one step at a time in its
        latent space.{' '}
        {crops.length
          ? `The rectangles on the input are the ${crops.length} crops the local experts forecast (tiled here; random places while training).`
          : 'The local branch is off: there are no crops.'}
      </p>
      <div className="train-reconstruction__toolbar">
        <button
          type="button"
          className="button"
          aria-pressed={playback.playing}
          onClick={playback.toggle}
          disabled={T < 2}
        >
          {playback.playing ? 'Pause' : 'Play'}
        </button>
        <label htmlFor={ids.step} className="inline-label">
          Step
          <input
            id={ids.step}
            type="range"
            min={0}
            max={T - 1}
            step={1}
            value={t}
            aria-valuetext={stepWords}
            // A step (rather than a jump) also stops playing.
            onChange={(e) => playback.step(Number(e.target.value) - t)}
          />
        </label>
        <output htmlFor={ids.step}>{stepWords}</output>
        <span className="muted" data-testid="snapshot-step">
          after training step {step}
        </span>
      </div>
      <div className="train-reconstruction__views" role="group" aria-label={stepWords}>
        <OverlaidField
          field={w.input}
          label={crops.length ? 'Last input frame, crops outlined' : 'Last input frame'}
          range={w.range}
          size={VIEW_SIZE}
          draw={drawCrops}
        />
        <FieldView
          field={frames.forecast}
          label={`Forecast after training step ${step}`}
          range={w.range}
          size={VIEW_SIZE}
        />
        <FieldView field={frames.truth} label="Truth" range={w.range} size={VIEW_SIZE} />
        <FieldView
          field={frames.error}
          label="Error: forecast − truth"
          range={w.errorRange}
          colormap="coolwarm"
          size={VIEW_SIZE}
        />
      </div>
      <h3 id={ids.experts} className="physicnet-subheading">
        What each level of experts adds
      </h3>
      {crops.length ? (
        <>
          <p className="muted small">
            The forecast is the global expert’s, plus a gated correction from the local experts
            inside the crops. Where the correction is near zero, the gate trusts the global expert.
          </p>
          <div className="train-reconstruction__views" role="group" aria-labelledby={ids.experts}>
            <FieldView
              field={frames.globalForecast}
              label="Global expert’s forecast"
              range={w.range}
              size={VIEW_SIZE}
            />
            <FieldView
              field={frames.correction}
              label="Local correction: forecast − global"
              range={w.correctionRange}
              colormap="coolwarm"
              size={VIEW_SIZE}
            />
          </div>
        </>
      ) : (
        <p className="muted small">
          The local branch is off in this model (the “no local branch” ablation): the forecast is
          the global expert’s alone, with no correction to show.
        </p>
      )}
    </section>
  );
}
