/** The live field: play, pause, step, reset, scrub, speed, paint, and a chart of what is left. */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ensureLiveSync, subscribeLiveFrames, useLive } from '../../../state/liveStore';
import { useRuntime } from '../../../state/runtimeStore';
import { SchemaForm } from '../../controls/SchemaForm';
import { formatValue } from '../../format';
import { useThrottled } from '../../useThrottled';
import { useWidth } from '../../useWidth';
import type { Field } from '../../views/fieldImage';
import { FieldView } from '../../views/FieldView';
import { PlotlyChart } from '../../views/PlotlyChart';
import { boxFraction, channelImage } from '../../views/frameImage';
import { VelocityOverlay } from './VelocityOverlay';

type Brush = 'off' | 'add' | 'remove';

/** CSS pixels of the field's side where there is room; narrower cards (phones) shrink it. */
const FIELD_SIZE = 360;
const MIN_FIELD_SIZE = 160;
/** Room beside the field for its colour bar and tick labels. */
const COLORBAR_ROOM = 72;

export function LiveView() {
  const {
    status,
    history,
    shownIndex,
    channels,
    problem,
    substepNote,
    play,
    pause,
    step,
    reset,
    show,
    paint,
  } = useLive();
  const ready = useRuntime((s) => s.status === 'ready');
  const [channel, setChannel] = useState(0);
  const [brush, setBrush] = useState<Brush>('off');
  const [brushSize, setBrushSize] = useState(0.06);
  const [showVelocity, setShowVelocity] = useState(false);
  const hasVelocity = useLive((s) => s.hasVelocity);
  const scaleRef = useRef(1);
  const ids = { channel: useId(), brushSize: useId(), scrub: useId() };
  const [cardRef, cardWidth] = useWidth<HTMLDivElement>();
  const fieldSize =
    cardWidth > 0
      ? Math.max(MIN_FIELD_SIZE, Math.min(FIELD_SIZE, cardWidth - COLORBAR_ROOM))
      : FIELD_SIZE;
  const shown = history[shownIndex];
  const playing = status === 'playing';
  const channelIndex = Math.min(channel, Math.max(0, channels.length - 1));

  const subscribe = useCallback(
    (draw: (field: Field) => void) => {
      let buffer: Float32Array | undefined;
      return subscribeLiveFrames((frame) => {
        const field = channelImage(
          frame.data,
          frame.n,
          frame.channels.length,
          channelIndex,
          buffer,
        );
        buffer = field.data;
        let max = 0;
        for (const v of field.data) max = Math.max(max, Math.abs(v));
        scaleRef.current = max || 1;
        draw(field);
      });
    },
    [channelIndex],
  );

  const onPointer = (event: React.PointerEvent<HTMLDivElement>) => {
    if (brush === 'off' || !(event.target instanceof HTMLCanvasElement)) return;
    if (event.type === 'pointermove' && event.buttons === 0) return;
    event.preventDefault();
    const { x, y } = boxFraction(
      event.clientX,
      event.clientY,
      event.target.getBoundingClientRect(),
    );
    const amount = (brush === 'add' ? 0.25 : -0.25) * scaleRef.current;
    void paint({ x, y, radius: brushSize, amount, channel: channelIndex });
  };

  useEffect(() => {
    ensureLiveSync();
    // Nobody watches a simulation on another panel: stop stepping it.
    return () => useLive.getState().pause();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
        return;
      if (event.key === ' ' && !event.repeat) {
        event.preventDefault();
        if (useLive.getState().status === 'playing') useLive.getState().pause();
        else useLive.getState().play();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="card live-view" ref={cardRef}>
      <div className="live-view__head">
        <h2>Live simulation</h2>
        <p className="muted" aria-live="polite">
          {shown ? `t = ${formatValue(shown.time)} · ${shown.steps} steps` : 'Starting…'}
        </p>
      </div>
      <div className="button-row" role="toolbar" aria-label="Playback">
        {playing ? (
          <button type="button" className="button button--primary" onClick={pause}>
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            onClick={play}
            disabled={!ready || history.length === 0}
          >
            Play
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() => void step()}
          disabled={!ready || playing}
        >
          Step
        </button>
        <button type="button" className="button" onClick={() => void reset()} disabled={!ready}>
          Reset
        </button>
        {hasVelocity ? (
          <label className="inline-label">
            <input
              type="checkbox"
              checked={showVelocity}
              onChange={(e) => setShowVelocity(e.target.checked)}
            />
            Velocity arrows
          </label>
        ) : null}
        {channels.length > 1 ? (
          <label htmlFor={ids.channel} className="inline-label">
            Show
            <select
              id={ids.channel}
              value={channelIndex}
              onChange={(e) => setChannel(Number(e.target.value))}
            >
              {channels.map((name, i) => (
                <option key={name} value={i}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {problem ? (
        <p className="text-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {substepNote ? (
        <p className="muted" role="status">
          {substepNote}
        </p>
      ) : null}
      <div
        className={`live-view__field${brush === 'off' ? '' : ' live-view__field--painting'}`}
        onPointerDown={onPointer}
        onPointerMove={onPointer}
      >
        <FieldView
          label={`${channels[channelIndex] ?? 'field'}`}
          subscribe={subscribe}
          symmetric
          size={fieldSize}
        />
        {showVelocity && hasVelocity ? <VelocityOverlay size={fieldSize} /> : null}
      </div>
      <label htmlFor={ids.scrub} className="inline-label scrub">
        History
        <input
          id={ids.scrub}
          type="range"
          min={0}
          max={Math.max(0, history.length - 1)}
          value={shownIndex}
          onChange={(e) => show(Number(e.target.value))}
          aria-valuetext={shown ? `t = ${formatValue(shown.time)}` : undefined}
        />
      </label>
      <fieldset className="schema-form paint-tools">
        <legend>Paint on the field</legend>
        <div className="button-row" role="radiogroup" aria-label="Brush">
          {(['off', 'add', 'remove'] as const).map((b) => (
            <button
              key={b}
              type="button"
              className="button"
              role="radio"
              aria-checked={brush === b}
              onClick={() => setBrush(b)}
            >
              {b === 'off' ? 'No brush' : b === 'add' ? 'Add' : 'Subtract'}
            </button>
          ))}
        </div>
        <label htmlFor={ids.brushSize} className="inline-label">
          Brush size
          <input
            id={ids.brushSize}
            type="range"
            min={0.02}
            max={0.25}
            step={0.01}
            value={brushSize}
            onChange={(e) => setBrushSize(Number(e.target.value))}
          />
        </label>
      </fieldset>
      <SchemaForm section="sim" only={['speed']} legend="Playback" />
      <MeasuresChart />
      <p className="muted small">
        Space plays and pauses. Changing a coefficient or the scheme takes effect at the next step;
        a new equation, grid, seed or initial condition restarts.
      </p>
    </div>
  );
}

function MeasuresChart() {
  const history = useThrottled(
    useLive((s) => s.history),
    300,
  );
  const labels = useLive((s) => s.measureLabels);
  if (history.length < 2) return null;
  const times = history.map((h) => h.time);
  return (
    <PlotlyChart
      title={`${labels.join(' and ')} over time`}
      height={200}
      data={labels.map((label, i) => ({
        type: 'scatter',
        mode: 'lines',
        name: label,
        x: times,
        y: history.map((h) => h.measures[i] ?? 0),
        ...(i > 0 ? { yaxis: 'y2' } : {}),
      }))}
      layout={{
        xaxis: { title: { text: 't' } },
        yaxis: { title: { text: labels[0] ?? '' }, exponentformat: 'power' },
        ...(labels.length > 1
          ? {
              yaxis2: {
                title: { text: labels[1] },
                overlaying: 'y',
                side: 'right',
                exponentformat: 'power',
              },
            }
          : {}),
        margin: { l: 60, r: labels.length > 1 ? 60 : 10, t: 10, b: 40 },
        legend: { orientation: 'h' },
      }}
    />
  );
}
