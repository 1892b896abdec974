/**
 * Hyperparameter sweeps in the Train panel: set one up, watch its queue of runs, and study the
 * results of any recorded sweep.
 */
import { useId } from 'react';
import { SweepProgress } from './SweepProgress';
import { SweepResults } from './SweepResults';
import { SweepSetupForm } from './SweepSetupForm';
import './sweep.css';

export function SweepCard({ dataset }: { dataset: { id: string; name: string } }) {
  const headingId = useId();
  const resultsId = useId();
  return (
    <section className="card sweep-card" aria-labelledby={headingId}>
      <h2 id={headingId}>Hyperparameter sweep</h2>
      <p className="muted">
        Train several runs on “{dataset.name}”, each with other values of the parameters you choose,
        then compare them.
      </p>
      <SweepSetupForm dataset={dataset} />
      <SweepProgress />
      <section aria-labelledby={resultsId}>
        <h3 id={resultsId}>Sweep results</h3>
        <SweepResults />
      </section>
    </section>
  );
}
