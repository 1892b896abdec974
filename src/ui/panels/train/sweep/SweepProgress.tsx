/** The running sweep: runs done of the total, the current run's step, the time left, and Stop. */
import { useEffect, useState } from 'react';
import { useSweep } from '../../../../state/sweepStore';
import { useTrain } from '../../../../state/trainStore';
import { formatDuration } from '../../../format';

export function SweepProgress() {
  const queue = useSweep((s) => s.queue);
  const stop = useSweep((s) => s.stop);
  const step = useTrain((s) => (s.activeJobId ? (s.live?.history.step.at(-1) ?? 0) : 0));
  const steps = useTrain((s) => s.live?.steps ?? 0);
  const now = useNow(queue !== undefined);
  if (!queue) return null;
  const current = Math.min(queue.done + 1, queue.total);
  const runShare = steps > 0 && queue.done < queue.total ? step / steps : 0;
  const fraction = (queue.done + runShare) / queue.total;
  const percent = Math.round(fraction * 100);
  const elapsed = Math.max(0, now - queue.startedAt) / 1000;
  const eta = fraction > 0 && elapsed > 0 ? (elapsed * (1 - fraction)) / fraction : undefined;
  return (
    <div className="job-progress sweep-progress">
      <div className="job-progress__row">
        <div
          className="sweep-progress__bar"
          role="progressbar"
          aria-label="Sweep progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${queue.done} of ${queue.total} runs done, ${percent}%`}
        >
          <div className="sweep-progress__fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="job-progress__percent">{percent}%</span>
        <button
          type="button"
          className="button button--stop"
          disabled={queue.stopping}
          onClick={stop}
        >
          Stop sweep
        </button>
      </div>
      <p className="job-progress__message" aria-live="polite">
        {queue.stopping
          ? 'Stopping the current run; no further runs will start…'
          : `Run ${current} of ${queue.total} (${queue.done} done) · step ${step} of ${steps}` +
            (eta !== undefined ? ` · about ${formatDuration(eta)} left` : '')}
      </p>
    </div>
  );
}

/** The time now, refreshed every second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
