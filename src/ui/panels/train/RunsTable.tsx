/**
 * The recorded runs, one row each: a tick to overlay its loss curve, its name and start, model,
 * mask ratio, peak learning rate and batch, progress and status, final loss and the model's
 * validation error next to its baseline's, and Export / Delete. Narrow enough for a 1280 px window;
 * narrower screens scroll it sideways.
 */
import { useId } from 'react';
import { useCheckpointFiles } from '../../../state/checkpointFilesStore';
import { useTrain, type RunSummary } from '../../../state/trainStore';
import { CHECKPOINT_FILE_EXTENSION } from '../../../storage/checkpointFileName';
import { downloadFile } from '../../downloadFile';
import { formatValue } from '../../format';
import { MISSING, runErrors, runLearningRateText, runMaskRatioText, runModelText } from './runText';

const value = (v: number | undefined) => (v === undefined ? MISSING : formatValue(v));

export function RunsTable() {
  const captionId = useId();
  const runs = useTrain((s) => s.runs);
  const checkpointSteps = useTrain((s) => s.checkpointSteps);
  const overlay = useTrain((s) => s.overlay);
  const toggleOverlay = useTrain((s) => s.toggleOverlay);
  const removeRun = useTrain((s) => s.removeRun);
  const runningId = useTrain((s) => (s.activeJobId === undefined ? undefined : s.live?.runId));
  const exporting = useCheckpointFiles((s) => s.busy !== undefined);
  const exportRun = useCheckpointFiles((s) => s.exportRun);
  const download = async (run: RunSummary) => {
    const file = await exportRun(run.id, run.name);
    if (file) downloadFile(file.fileName, file.bytes);
  };

  return (
    <>
      {/* Above the scrolling table rather than its caption, so that it wraps on a phone. */}
      <p id={captionId} className="muted train-runs__caption">
        Recorded runs, newest first. Tick runs to overlay their loss curves.
      </p>
      <div className="train-runs__table">
        <table className="results-table train-runs__grid" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Overlay
              </th>
              <th scope="col" rowSpan={2} className="train-runs__text">
                Run
              </th>
              <th scope="col" rowSpan={2} className="train-runs__text">
                Model
              </th>
              <th scope="col" rowSpan={2}>
                Mask ratio
              </th>
              <th scope="col" rowSpan={2}>
                Peak <abbr title="learning rate">LR</abbr>
              </th>
              <th scope="col" rowSpan={2}>
                Batch
              </th>
              <th scope="col" rowSpan={2}>
                Steps
              </th>
              <th scope="col" rowSpan={2}>
                Status
              </th>
              <th scope="col" rowSpan={2}>
                Final loss
              </th>
              <th scope="colgroup" colSpan={2} className="train-runs__group">
                Validation error
              </th>
              <th scope="col" rowSpan={2}>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Baseline</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const { meta } = run;
              const busy = runningId === run.id;
              const hasCheckpoint = checkpointSteps[run.id] !== undefined;
              const model = runModelText(meta.modelId, meta.config);
              const errors = runErrors(meta);
              return (
                <tr key={run.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Overlay ${run.name}`}
                      checked={overlay.includes(run.id)}
                      onChange={() => void toggleOverlay(run.id)}
                    />
                  </td>
                  <td className="train-runs__text train-runs__name">
                    {run.name}
                    <div className="muted small">{new Date(meta.startedAt).toLocaleString()}</div>
                  </td>
                  <td className="train-runs__text">
                    {model.preset}
                    {model.params ? (
                      <div className="muted small train-runs__params">{model.params}</div>
                    ) : null}
                  </td>
                  <td>{runMaskRatioText(meta.config)}</td>
                  <td>{runLearningRateText(meta.options)}</td>
                  <td>{meta.options.batchSize}</td>
                  <td>
                    {meta.step} / {meta.options.steps}
                  </td>
                  <td title={meta.error}>{busy ? 'running' : meta.status}</td>
                  <td>{value(meta.finalLoss)}</td>
                  <td>{value(errors.model)}</td>
                  <td title={errors.baselineLabel}>{value(errors.baseline)}</td>
                  <td className="train-runs__actions">
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy || exporting || !hasCheckpoint}
                      title={
                        hasCheckpoint
                          ? `Download this run and its model as one ${CHECKPOINT_FILE_EXTENSION} file`
                          : 'This run has no checkpoint yet'
                      }
                      onClick={() => void download(run)}
                    >
                      Export<span className="visually-hidden"> {run.name}</span>
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy}
                      onClick={() => void removeRun(run.id)}
                    >
                      Delete<span className="visually-hidden"> {run.name}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
