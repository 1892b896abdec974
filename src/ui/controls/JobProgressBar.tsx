/** A running job's progress: bar, what it is doing, time left, and a Stop button. */
import { useJobs } from '../../state/jobsStore';
import { formatDuration } from '../format';

export function JobProgressBar({ jobId }: { jobId: string }) {
  const job = useJobs((s) => s.jobs[jobId]);
  const cancel = useJobs((s) => s.cancel);
  if (!job) return null;
  const percent = Math.round(job.progress.fraction * 100);
  const eta = job.progress.etaSeconds;
  return (
    <div className="job-progress">
      <div className="job-progress__row">
        <progress
          max={100}
          value={percent}
          aria-label={`${job.title} progress`}
          aria-valuetext={`${percent}%`}
        />
        <span className="job-progress__percent">{percent}%</span>
        {job.status === 'running' ? (
          <button type="button" className="button button--stop" onClick={() => cancel(job.id)}>
            Stop
          </button>
        ) : null}
      </div>
      <p className="job-progress__message" aria-live="polite">
        {job.progress.message}
        {job.status === 'running' && eta !== null ? ` · about ${formatDuration(eta)} left` : ''}
      </p>
    </div>
  );
}
