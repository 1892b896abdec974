/**
 * A trajectory rolled out step by step, with Play and a step slider (1…K): the last true input
 * frame, the truth at that step, and each rollout's prediction and error (prediction − truth)
 * with its relative L2 error at that step. One colour scale for the fields and one for the
 * errors over the whole rollout, so that growing errors show as growing colour.
 */
import { useId, useMemo, useState } from 'react';
import { usePlayback } from '../../panels/mask/usePlayback';
import { FieldView } from '../../views/FieldView';
import { channelImage } from '../../views/frameImage';
import { formatValue } from '../../format';
import { rolloutErrors, rolloutRanges, stepFields, type RolloutFramesData } from './rolloutData';

const VIEW_SIZE = 140;

export function RolloutFrames({
  data,
  channelNames,
}: {
  data: RolloutFramesData;
  /** The channels' names, e.g. ['u', 'v']; numbered otherwise. */
  channelNames?: readonly string[];
}) {
  const ids = { step: useId(), channel: useId() };
  const [K, X, , C] = data.shape;
  const playback = usePlayback(K);
  const step = playback.frame + 1;
  const [channelChoice, setChannel] = useState(0);
  const channel = Math.min(channelChoice, C - 1);
  const errors = useMemo(() => rolloutErrors(data), [data]);
  const ranges = useMemo(() => rolloutRanges(data, errors, channel), [data, errors, channel]);
  const fields = useMemo(
    () => stepFields(data, errors, step, channel),
    [data, errors, step, channel],
  );
  const input = useMemo(() => channelImage(data.input, X, C, channel), [data, X, C, channel]);
  const stepWords = `rollout step ${step} of ${K}`;
  const name = (c: number) => channelNames?.[c] ?? `channel ${c + 1}`;

  return (
    <>
      <div className="train-reconstruction__toolbar">
        <button
          type="button"
          className="button"
          aria-pressed={playback.playing}
          onClick={playback.toggle}
          disabled={K < 2}
        >
          {playback.playing ? 'Pause' : 'Play'}
        </button>
        <label htmlFor={ids.step} className="inline-label">
          Step
          <input
            id={ids.step}
            type="range"
            min={1}
            max={K}
            step={1}
            value={step}
            aria-valuetext={stepWords}
            // A step (rather than a jump) also stops playing.
            onChange={(e) => playback.step(Number(e.target.value) - step)}
          />
        </label>
        <output htmlFor={ids.step}>{stepWords}</output>
        {C > 1 ? (
          <label htmlFor={ids.channel} className="inline-label">
            Channel
            <select
              id={ids.channel}
              value={channel}
              onChange={(e) => setChannel(Number(e.target.value))}
            >
              {Array.from({ length: C }, (_, c) => (
                <option key={c} value={c}>
                  {name(c)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div className="train-reconstruction__views" role="group" aria-label={stepWords}>
        <FieldView
          field={input}
          label={`Last input frame${C > 1 ? `, ${name(channel)}` : ''}`}
          range={ranges.field}
          size={VIEW_SIZE}
        />
        <FieldView field={fields.truth} label="Truth" range={ranges.field} size={VIEW_SIZE} />
        {data.forecasts.map((forecast, k) => (
          <FieldView
            key={`${forecast.label}-${k}`}
            field={fields.forecasts[k]}
            label={forecast.label}
            range={ranges.field}
            size={VIEW_SIZE}
          />
        ))}
        {data.forecasts.map((forecast, k) => (
          <FieldView
            key={`${forecast.label}-error-${k}`}
            field={fields.errors[k]}
            label={`Error: ${forecast.label} − truth`}
            range={ranges.error}
            colormap="coolwarm"
            size={VIEW_SIZE}
          />
        ))}
      </div>
      <p className="small">
        Relative L2 error at step {step}:{' '}
        {data.forecasts
          .map((f) => `${f.label} ${formatValue(f.errors[step - 1] ?? Number.NaN)}`)
          .join(', ')}
        .
      </p>
    </>
  );
}
