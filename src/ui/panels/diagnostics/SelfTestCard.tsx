/** The GPU self-test: settings, Run/Stop with progress, and what it measured. */
import { useDiagnostics } from '../../../state/diagnosticsStore';
import { useRuntime } from '../../../state/runtimeStore';
import { useSettings } from '../../../state/settingsStore';
import { JobProgressBar } from '../../controls/JobProgressBar';
import { SchemaForm } from '../../controls/SchemaForm';
import { SelfTestResults } from './SelfTestResults';

export function SelfTestCard() {
  const params = useSettings((s) => s.values.selfTest);
  const ready = useRuntime((s) => s.status === 'ready');
  const { activeJobId, lastOutcome, runSelfTest } = useDiagnostics();
  const running = activeJobId !== undefined;

  return (
    <section className="card" aria-labelledby="selftest-heading">
      <h2 id="selftest-heading">GPU self-test</h2>
      <p>
        Times batched matrix multiplications (and checks their results against a float64 reference),
        then fits a small network to a 2-D field by gradient descent — on the active backend, in the
        compute worker.
      </p>
      <SchemaForm section="selfTest" legend="Self-test settings" disabled={running} />
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={!ready || running}
          onClick={() => void runSelfTest(params)}
        >
          Run self-test
        </button>
        {!ready ? <span className="muted">Waiting for the compute backend…</span> : null}
      </div>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      {lastOutcome ? (
        <p
          className={lastOutcome.tone === 'problem' ? 'text-problem' : 'muted'}
          role={lastOutcome.tone === 'problem' ? 'alert' : 'status'}
        >
          {lastOutcome.text}
        </p>
      ) : null}
      <SelfTestResults />
    </section>
  );
}
