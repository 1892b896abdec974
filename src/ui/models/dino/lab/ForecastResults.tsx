/**
 * The last forecast against the simulation: truth (with the sensors) | forecast at the display
 * resolution | error, frame by frame with Play; the error of every frame at and between the
 * sensors; DINo's 2 × 2 table; and the path of the codes, with the frame on screen marked in
 * each. Frames beyond the training horizon are shaded and labelled.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { formatValue } from '../../../format';
import { FieldView } from '../../../views/FieldView';
import { PlotlyChart } from '../../../views/PlotlyChart';
import { channelRange } from '../../../views/windowImages';
import { channelImage } from '../../../views/frameImage';
import { SensorField } from '../SensorField';
import { errorChart, latentChart } from './forecastCharts';
import type { ForecastRun } from './forecastLabStore';
import { forecastTableRows } from './forecastTable';

const VIEW_SIZE = 200;
/** Frames per second while playing. */
const PLAY_FPS = 4;

/** Frame `t`, channel `c` of an array [T, n, n, C] as a picture. */
function frameOf(data: Float32Array, n: number, C: number, t: number, c: number) {
  const size = n * n * C;
  return channelImage(data.subarray(t * size, (t + 1) * size), n, C, c);
}

export function ForecastResults({ run }: { run: ForecastRun }) {
  const id = useId();
  const { result } = run;
  const { frames: T, trainFrames, gridX: n, resolution: r } = result;
  const C = result.channels.length;
  const [frameChoice, setFrame] = useState(0);
  const [channelChoice, setChannel] = useState(0);
  const [playing, setPlaying] = useState(false);
  const frame = Math.min(frameChoice, T - 1);
  const channel = Math.min(channelChoice, C - 1);
  const beyond = frame >= trainFrames;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setFrame((f) => (f + 1) % T), 1000 / PLAY_FPS);
    return () => clearInterval(timer);
  }, [playing, T]);

  const error = useMemo(
    () => Float32Array.from(result.forecast, (v, i) => v - result.truth[i]!),
    [result],
  );
  const ranges = useMemo(
    () => ({
      field: channelRange(result.truth, C, channel, false),
      error: channelRange(error, C, channel, true),
    }),
    [result, error, C, channel],
  );
  const errors = useMemo(() => errorChart(result, frame), [result, frame]);
  const path = useMemo(() => latentChart(result, frame), [result, frame]);
  const rows = forecastTableRows(result.table, T, trainFrames);

  const frameWords = `frame ${frame + 1} of ${T} (t = ${formatValue(result.times[frame] ?? frame)})`;
  const channelWords = C > 1 ? `, ${result.channels[channel]}` : '';
  const sensorCount = result.sensors.length.toLocaleString('en');

  return (
    <>
      <section className="card dino-player" aria-labelledby={`${id}-player`}>
        <h2 id={`${id}-player`}>Forecast against the simulation</h2>
        <p className="muted small">
          Trajectory {result.trajectory} of “{run.datasetName}”, forecast by {run.modelName} from{' '}
          {sensorCount} sensors on frame 1. Frames 1–{Math.min(trainFrames, T)} are the training
          horizon
          {trainFrames < T
            ? `; frames ${trainFrames + 1}–${T} lie beyond it, where the model extrapolates in time`
            : ''}
          .
        </p>
        <div className="train-reconstruction__toolbar">
          <button
            type="button"
            className="button"
            aria-pressed={playing}
            onClick={() => setPlaying((p) => !p)}
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <label htmlFor={`${id}-frame`} className="inline-label">
            Frame
            <input
              id={`${id}-frame`}
              type="range"
              min={0}
              max={T - 1}
              step={1}
              value={frame}
              aria-valuetext={`${frameWords}${beyond ? ', beyond the training horizon' : ''}`}
              onChange={(e) => {
                setPlaying(false);
                setFrame(Number(e.target.value));
              }}
            />
          </label>
          <output htmlFor={`${id}-frame`}>
            {frameWords}
            {beyond ? (
              <span className="dino-beyond-badge"> beyond the training horizon</span>
            ) : null}
          </output>
          {C > 1 ? (
            <label htmlFor={`${id}-channel`} className="inline-label">
              Show
              <select
                id={`${id}-channel`}
                value={channel}
                onChange={(e) => setChannel(Number(e.target.value))}
              >
                {result.channels.map((name, c) => (
                  <option key={name} value={c}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div
          className={`dino-player__views${beyond ? ' dino-frames--beyond' : ''}`}
          role="group"
          aria-label={`${frameWords}${beyond ? ', beyond the training horizon' : ', within the training horizon'}`}
        >
          <SensorField
            field={frameOf(result.truth, n, C, frame, channel)}
            label={`Simulation, ${n} × ${n}${channelWords}; dots: the ${sensorCount} sensors`}
            range={ranges.field}
            size={VIEW_SIZE}
            sensors={result.sensors}
            gridX={n}
            gridY={result.gridY}
          />
          <FieldView
            field={frameOf(result.display, r, C, frame, channel)}
            label={`DINo forecast, decoded at ${r} × ${r}${channelWords}`}
            range={ranges.field}
            size={VIEW_SIZE}
          />
          <FieldView
            field={frameOf(error, n, C, frame, channel)}
            label={`Error: forecast − simulation, ${n} × ${n}${channelWords}`}
            range={ranges.error}
            colormap="coolwarm"
            size={VIEW_SIZE}
          />
        </div>
        {beyond ? (
          <p className="dino-beyond-note small">
            Beyond the training horizon: the model was trained on frames 1–{trainFrames} only. From
            here on it runs its learned dynamics further in time than it was ever shown.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby={`${id}-errors`}>
        <h2 id={`${id}-errors`}>Error against time</h2>
        <p className="muted small">
          The relative error of each frame: 0 is perfect, 1 is as far off as predicting zero
          everywhere. Blue: at the sensors. Orange: at every other point of the grid, where nothing
          was ever observed. The shaded frames lie beyond the training horizon.
          {result.errorByFrame.unobserved.some(Number.isFinite)
            ? ''
            : ' Every grid point is a sensor here, so there is no orange line.'}
        </p>
        <PlotlyChart
          title={`Relative error of each frame at and between the ${sensorCount} sensors; frame ${frame + 1} marked`}
          data={errors.data}
          layout={errors.layout}
          height={280}
        />
      </section>
      <section className="card" aria-labelledby={`${id}-table`}>
        <h2 id={`${id}-table`}>DINo’s four errors</h2>
        <table className="results-table dino-table">
          <caption>
            Relative error of this forecast, split as in the DINo paper: in time (training frames,
            or beyond the horizon) and in space (at the sensors, or between them).
          </caption>
          <thead>
            <tr>
              <th scope="col">Frames</th>
              <th scope="col">At the sensors (In-s)</th>
              <th scope="col">Between the sensors (Out-s)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">
                  {row.label}
                  <br />
                  <span className="muted small">{row.frames}</span>
                </th>
                {row.cells.map((c, k) => (
                  <td key={k} title={c.description}>
                    {c.text}
                    {Number.isNaN(c.value) ? (
                      <span className="visually-hidden"> {c.description}</span>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          All frames and points: {formatValue(result.table.all)}. The first code fits the sensors
          with a mean squared error of {formatValue(result.fitLoss)}.
        </p>
      </section>
      <section className="card" aria-labelledby={`${id}-latent`}>
        <h2 id={`${id}-latent`}>The path of the code</h2>
        <p className="muted small">
          Each frame’s field is one code of {result.codeSize} numbers per channel, and the learned
          dynamics move the code from frame to frame. Squeezed to its two main directions (principal
          components), the code traces this path; the ring is the frame on screen. Smooth, regular
          motion is what the dynamics learned; the dotted part lies beyond the training horizon.
        </p>
        <PlotlyChart
          title={`Path of the forecast's codes on their first two principal components; frame ${frame + 1} ringed`}
          data={path.data}
          layout={path.layout}
          height={320}
        />
      </section>
    </>
  );
}
