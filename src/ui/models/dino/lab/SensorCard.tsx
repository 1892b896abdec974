/**
 * Where the sensors are, on the chosen trajectory's first frame: a seeded share of the grid
 * (DINo's own rule), or points painted by hand (click or drag), or a number of random points
 * (the keyboard path). The count is always shown.
 */
import { useId, useState } from 'react';
import { useForecastLab, sensorRateChoice, type ForecastTarget } from './forecastLabStore';
import { SENSOR_RATES, sensorsAtRate, sensorSummary } from './sensors';
import { SensorField } from '../SensorField';
import { channelImage } from '../../../views/frameImage';

const VIEW_SIZE = 256;
const MAX_RANDOM = 4096;

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))} %`;
}

export function SensorCard({ target }: { target: ForecastTarget }) {
  const id = useId();
  const {
    choices,
    choose,
    paint,
    paintRandom,
    clearPainted,
    firstFrame,
    firstFrameWanted,
    firstFrameProblem,
    activeJobId,
  } = useForecastLab();
  const [channel, setChannel] = useState(0);
  const [draws, setDraws] = useState(0);
  const { model, dataset, trajectory, gridX, gridY, sensors } = target;
  const grid = { gridX, gridY };
  const points = gridX * gridY;
  const running = activeJobId !== undefined;
  const painted = choices.sensorMode === 'painted';
  const { rate, seed } = sensorRateChoice(choices, model);
  const modelRate = Number(model.config.subsamplingRate);
  const modelSeed = Number(model.config.maskSeed);
  const rates = [...new Set([...SENSOR_RATES, modelRate])].sort((a, b) => a - b);
  const ownGrid = rate === modelRate && seed === modelSeed;

  const frame =
    firstFrame &&
    firstFrame.datasetId === dataset.id &&
    firstFrame.trajectory === trajectory &&
    firstFrame.result.gridX === gridX
      ? firstFrame.result
      : undefined;
  const channels = frame?.channels ?? [];
  const shownChannel = Math.min(channel, Math.max(0, channels.length - 1));
  const field =
    frame && gridX === gridY
      ? channelImage(frame.frame, gridX, channels.length, shownChannel)
      : undefined;
  const summary = sensorSummary(sensors.length, points);

  const toPainted = () =>
    choose({
      sensorMode: 'painted',
      ...(choices.painted?.gridX === gridX && choices.painted.gridY === gridY
        ? {}
        : { painted: { ...grid, points: sensorsAtRate(gridX, gridY, rate, seed) } }),
    });

  return (
    <section className="card dino-sensors" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sensors on the first frame</h2>
      <p className="muted small">
        The white dots are the sensors: the only values of this trajectory DINo is given, and only
        on its first frame. Everything else, every other point and every later frame, is forecast.
      </p>
      <div className="dino-sensors__body">
        <div className="dino-sensors__picture">
          <SensorField
            field={field}
            label={`Trajectory ${trajectory}, first frame${channels.length > 1 ? ` (${channels[shownChannel]})` : ''}, with ${summary}`}
            size={VIEW_SIZE}
            sensors={sensors}
            gridX={gridX}
            gridY={gridY}
            onPaint={
              painted && !running
                ? (p, on) => paint(grid, p, on, sensorsAtRate(gridX, gridY, rate, seed))
                : undefined
            }
          />
          {!frame ? (
            <p className="muted small" role="status">
              {firstFrameProblem ??
                (firstFrameWanted ? 'Reading the first frame…' : 'The first frame shows here.')}
            </p>
          ) : null}
          {channels.length > 1 ? (
            <label htmlFor={`${id}-channel`} className="inline-label">
              Show
              <select
                id={`${id}-channel`}
                value={shownChannel}
                onChange={(e) => setChannel(Number(e.target.value))}
              >
                {channels.map((name, c) => (
                  <option key={name} value={c}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div className="dino-sensors__controls">
          <p className="dino-sensors__count" role="status" aria-live="polite">
            <strong>{summary}</strong>
          </p>
          <fieldset className="dino-sensors__mode" disabled={running}>
            <legend>Place the sensors</legend>
            <label className="checkbox">
              <input
                type="radio"
                name={`${id}-mode`}
                checked={!painted}
                onChange={() => choose({ sensorMode: 'rate' })}
              />
              A random share of the grid
            </label>
            <label className="checkbox">
              <input type="radio" name={`${id}-mode`} checked={painted} onChange={toPainted} />
              By hand
            </label>
          </fieldset>
          {painted ? (
            <div className="dino-sensors__group">
              <p className="muted small" id={`${id}-paint-help`}>
                Click or drag on the first frame to add sensors, or to remove them where you start
                on one. Without a pointer, place random sensors:
              </p>
              <div className="dino-sensors__row">
                <div className="param">
                  <label htmlFor={`${id}-count`}>Random sensors</label>
                  <input
                    id={`${id}-count`}
                    type="number"
                    min={1}
                    max={Math.min(points, MAX_RANDOM)}
                    step={1}
                    value={choices.randomCount}
                    disabled={running}
                    onChange={(e) => {
                      const value = Math.round(Number(e.target.value));
                      if (Number.isFinite(value) && value >= 1) choose({ randomCount: value });
                    }}
                  />
                </div>
                <button
                  type="button"
                  className="button"
                  disabled={running}
                  aria-describedby={`${id}-paint-help`}
                  onClick={() => {
                    paintRandom(grid, draws + 1);
                    setDraws((d) => d + 1);
                  }}
                >
                  Place {Math.min(choices.randomCount, points)} random sensors
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={running || sensors.length === 0}
                  onClick={() => clearPainted(grid)}
                >
                  Clear
                </button>
              </div>
            </div>
          ) : (
            <div className="dino-sensors__row">
              <div className="param">
                <label htmlFor={`${id}-rate`}>Share of the grid</label>
                <select
                  id={`${id}-rate`}
                  value={rate}
                  disabled={running}
                  onChange={(e) => choose({ rate: Number(e.target.value) })}
                >
                  {rates.map((r) => (
                    <option key={r} value={r}>
                      {percent(r)}
                      {r === modelRate ? ' (as in training)' : ''}
                    </option>
                  ))}
                </select>
              </div>
              <div className="param">
                <label htmlFor={`${id}-seed`}>Seed</label>
                <input
                  id={`${id}-seed`}
                  type="number"
                  min={0}
                  max={2 ** 31 - 1}
                  step={1}
                  value={seed}
                  disabled={running}
                  aria-describedby={`${id}-seed-help`}
                  onChange={(e) => {
                    const value = Math.round(Number(e.target.value));
                    if (Number.isFinite(value) && value >= 0) choose({ seed: value });
                  }}
                />
              </div>
              <small id={`${id}-seed-help`} className="param__help dino-sensors__help">
                {ownGrid
                  ? 'The model’s own share and seed: these are the very points it was trained on.'
                  : 'Another share or seed than in training: the model never saw values at most of these points. DINo’s claim is that the forecast barely changes.'}
              </small>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
