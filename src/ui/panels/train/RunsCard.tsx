/**
 * Every recorded run: its settings, steps, status, final loss and hidden-patch error next to the
 * interpolation baseline (RunsTable), with loss curves of the chosen runs overlaid in one chart
 * (RunsOverlay). Each run with a checkpoint exports as one `.ckpt` file, and such a file imports
 * back as a run.
 */
import { useId } from 'react';
import { useCheckpointFiles } from '../../../state/checkpointFilesStore';
import { useTrain } from '../../../state/trainStore';
import { CHECKPOINT_FILE_EXTENSION } from '../../../storage/checkpointFileName';
import { FileButton } from '../../controls/FileButton';
import { OutcomeText } from '../../controls/OutcomeText';
import { RunsOverlay } from './RunsOverlay';
import { RunsTable } from './RunsTable';
import './runs.css';

/** Import a run from a file, and what came of the last export or import. */
function RunFiles() {
  const helpId = useId();
  const { busy, outcome, importFile } = useCheckpointFiles();
  return (
    <>
      <div className="button-row">
        <FileButton
          accept={CHECKPOINT_FILE_EXTENSION}
          onFile={(file) => void importFile(file)}
          disabled={busy !== undefined}
          aria-describedby={helpId}
        >
          Import checkpoint…
        </FileButton>
        <small id={helpId} className="muted">
          A {CHECKPOINT_FILE_EXTENSION} file exported from a runs table, in this browser or another.
        </small>
      </div>
      {busy ? (
        <p className="muted" role="status">
          {busy.kind === 'import' ? `Checking “${busy.fileName}”…` : 'Writing the file…'}
        </p>
      ) : (
        <OutcomeText outcome={outcome} />
      )}
    </>
  );
}

export function RunsCard() {
  const headingId = useId();
  const hasRuns = useTrain((s) => s.runs.length > 0);
  return (
    <section className="card train-runs" aria-labelledby={headingId}>
      <h2 id={headingId}>Runs</h2>
      {hasRuns ? null : (
        <p className="muted">
          No runs recorded yet. Train one, or import a run someone exported with its checkpoint.
        </p>
      )}
      <RunFiles />
      {hasRuns ? (
        <>
          <RunsTable />
          <RunsOverlay />
        </>
      ) : null}
    </section>
  );
}
