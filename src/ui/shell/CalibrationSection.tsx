/** Settings → Backend calibration: what the automatic choice measured, and a way to measure again. */
import { useRuntime } from '../../state/runtimeStore';
import { useSettings } from '../../state/settingsStore';
import { calibrationRows } from './calibrationTable';

export function CalibrationSection() {
  const report = useRuntime((s) => s.report);
  const status = useRuntime((s) => s.status);
  const restart = useRuntime((s) => s.restart);
  const automatic = useSettings((s) => s.values.app.backend) === 'auto';
  const calibration = report?.choice?.calibration;

  return (
    <section className="settings-section" aria-labelledby="calibration-heading">
      <h3 id="calibration-heading">Backend calibration</h3>
      {report?.choice ? <p>{report.choice.sentence}</p> : null}
      {calibration ? (
        <table className="calibration-table">
          <caption>
            Milliseconds per step, measured {new Date(calibration.measuredAt).toLocaleString()}
            {calibration.durationMs !== undefined
              ? ` in ${(calibration.durationMs / 1000).toFixed(1)} s`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Backend</th>
              <th scope="col">Training step</th>
              <th scope="col">Solver step</th>
              <th scope="col">Chosen</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {calibrationRows(calibration).map((row) => (
              <tr key={row.backend}>
                <th scope="row">{row.backend}</th>
                <td>{row.trainMs}</td>
                <td>{row.solverMs}</td>
                <td>{row.chosen ? 'yes' : ''}</td>
                <td>{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>
          {automatic
            ? 'Measuring the backends…'
            : 'The calibration runs in Automatic mode; a chosen backend starts without it.'}
        </p>
      )}
      <button
        type="button"
        className="button"
        disabled={!automatic || status === 'starting'}
        onClick={() => void restart({ recalibrate: true })}
      >
        Re-run calibration
      </button>
    </section>
  );
}
