/**
 * Start, Pause, Resume and Stop for the run in progress, its progress with the time left, and,
 * when nothing runs, the saved runs that were interrupted and can continue from their checkpoint.
 */
import { useJobs } from '../../../state/jobsStore';
import { modelSelection } from '../../../state/modelSettings';
import { usePretrained } from '../../../state/pretrainedStore';
import { useRuntime } from '../../../state/runtimeStore';
import { useSettings } from '../../../state/settingsStore';
import { resumable, useTrain } from '../../../state/trainStore';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import type { Summary } from '../../../storage/types';
import { formatDuration } from '../../format';
import { datasetProblem } from './trainChecks';
import { OutcomeText } from '../../controls/OutcomeText';

export function TrainControls({ dataset }: { dataset: Summary<DatasetRecordMeta> }) {
  const { activeJobId, outcome, runs, checkpointSteps, start, pause, resume, stop, resumeRun } =
    useTrain();
  const job = useJobs((s) => (activeJobId ? s.jobs[activeJobId] : undefined));
  const ready = useRuntime((s) => s.status === 'ready');
  const values = useSettings((s) => s.values);
  const selection = modelSelection(values);
  const blocked = selection.problem ?? datasetProblem(dataset.meta, selection.config);
  const running = activeJobId !== undefined;
  const pretrained = usePretrained((s) => s.manifests[selection.entry.id]);
  const paused = job?.paused ?? false;
  const interrupted = running
    ? []
    : runs.filter((run) => resumable(run, checkpointSteps[run.id])).slice(0, 3);

  return (
    <div className="card train-controls">
      <div className="button-row" role="toolbar" aria-label="Training">
        <button
          type="button"
          className="button button--primary"
          disabled={!ready || running || blocked !== undefined}
          onClick={() => start({ id: dataset.id, name: dataset.name })}
        >
          Start training
        </button>
        {running ? (
          paused ? (
            <button type="button" className="button" onClick={resume}>
              Resume
            </button>
          ) : (
            <button type="button" className="button" onClick={pause}>
              Pause
            </button>
          )
        ) : null}
        {running ? (
          <button type="button" className="button button--stop" onClick={stop}>
            Stop
          </button>
        ) : null}
      </div>
      {pretrained && !running ? (
        <p className="muted small">
          Training starts from scratch, from random weights. The pretrained {pretrained.preset}{' '}
          {selection.entry.runLabel} that ships with the lab stays available in the Mask and Results
          panels.
        </p>
      ) : null}
      {job && running ? (
        <div className="job-progress">
          <div className="job-progress__row">
            <progress
              max={100}
              value={Math.round(job.progress.fraction * 100)}
              aria-label="Training progress"
              aria-valuetext={`${Math.round(job.progress.fraction * 100)}%`}
            />
            <span className="job-progress__percent">
              {Math.round(job.progress.fraction * 100)}%
            </span>
          </div>
          <p className="job-progress__message" aria-live="polite">
            {paused && !job.progress.message.startsWith('Paused')
              ? 'Pausing after this step… · '
              : ''}
            {job.progress.message}
            {!paused && job.progress.etaSeconds !== null
              ? ` · about ${formatDuration(job.progress.etaSeconds)} left`
              : ''}
          </p>
        </div>
      ) : null}
      {running ? null : <OutcomeText outcome={outcome} />}
      {interrupted.map((run) => (
        <p key={run.id} className="train-controls__resume">
          <span>
            <strong>{run.name}</strong> stopped at step {checkpointSteps[run.id]} of{' '}
            {run.meta.options.steps} ({run.meta.status === 'stopped' ? 'stopped' : 'interrupted'}).
          </span>{' '}
          <button
            type="button"
            className="button"
            disabled={!ready}
            onClick={() => void resumeRun(run.id)}
          >
            Resume from step {checkpointSteps[run.id]}
          </button>
        </p>
      ))}
    </div>
  );
}
