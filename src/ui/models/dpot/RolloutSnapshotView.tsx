/**
 * DPOT's live picture in the Train panel (its SnapshotView): the latest snapshot of the first
 * validation trajectory, rolled out on the model's own predictions: its frames against the truth
 * step by step, its relative L2 error at each step with the 0.5 threshold and the horizon, and
 * each Fourier block's mixer through its spectrum. Each snapshot replaces the last, so the
 * rollout stays close to the truth for longer as training goes on.
 */
import { useId, useMemo } from 'react';
import type { RolloutSnapshot } from '../../../models/snapshot';
import { useTrain } from '../../../state/trainStore';
import { useThrottled } from '../../useThrottled';
import { RolloutErrorChart } from './RolloutErrorChart';
import { RolloutFrames } from './RolloutFrames';
import {
  HORIZON_THRESHOLD,
  ROLLOUT_COLORS,
  type ErrorSeries,
  type RolloutFramesData,
} from './rolloutData';
import { SpectrumSection } from './SpectrumSection';
// The toolbar and views are styled as the Train panel's; the Results panel shows them too.
import '../../panels/train/train.css';
import './dpot.css';

/** The snapshot as the frames view reads it: one rollout, the model's. */
export function snapshotFrames(data: RolloutSnapshot): RolloutFramesData {
  const [, K, X, Y, C] = data.shape;
  return {
    shape: [K, X, Y, C],
    input: data.input,
    truth: data.truth,
    forecasts: [
      {
        label: 'Rollout',
        values: data.forecast,
        errors: data.errors,
        horizon: data.horizon,
      },
    ],
  };
}

export function RolloutPicture({ data, step }: { data: RolloutSnapshot; step: number }) {
  const ids = { frames: useId(), errors: useId() };
  const frames = useMemo(() => snapshotFrames(data), [data]);
  const series = useMemo<ErrorSeries[]>(
    () => [
      {
        name: 'The rollout',
        errors: data.errors,
        horizon: data.horizon,
        color: ROLLOUT_COLORS.first,
      },
    ],
    [data],
  );
  const K = data.shape[1];
  return (
    <div className="dpot-snapshot">
      <section className="card train-reconstruction" aria-labelledby={ids.frames}>
        <h2 id={ids.frames}>Rollout of a validation trajectory</h2>
        <p className="muted small">
          The model reads the trajectory’s first frames and predicts the next one; then it reads its
          own prediction as the newest frame and predicts again, {K} times. Small mistakes feed into
          the next step, so the error usually grows along the rollout.{' '}
          <span data-testid="snapshot-step">After training step {step}.</span>
        </p>
        <RolloutFrames data={frames} />
      </section>
      <section className="card" aria-labelledby={ids.errors}>
        <h2 id={ids.errors}>Error at each rollout step</h2>
        <p className="muted small">
          Relative L2 error: the size of prediction − truth as a share of the truth’s (0 is perfect,
          1 as far off as predicting zero). The axis is logarithmic; the rollout’s{' '}
          <strong>horizon</strong> is the first step above {HORIZON_THRESHOLD}.
        </p>
        <RolloutErrorChart
          series={series}
          title={`Relative L2 error at each of the ${K} rollout steps, log scale, with the ${HORIZON_THRESHOLD} threshold`}
        />
      </section>
      <SpectrumSection spectra={data.spectra} about="this trajectory’s input frames" />
    </div>
  );
}

export function RolloutSnapshotView() {
  const snapshot = useThrottled(
    useTrain((s) => s.live?.snapshot),
    250,
  );
  if (snapshot?.data.kind !== 'rollout') return null;
  return <RolloutPicture data={snapshot.data} step={snapshot.step} />;
}
