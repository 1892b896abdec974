/**
 * A "Reproduce the paper" card, the same frame for every model: the claim quoted with its source,
 * the protocol in plain words, the model's own setup (e.g. a dataset picker), the scale, Run (or
 * the running job's progress and Stop), what the last run came to, and the model's own result.
 * The job runs in the worker; the model's reproduce store holds its state.
 */
import { useId, type ReactNode } from 'react';
import type { Outcome } from '../../state/outcome';
import { useRuntime } from '../../state/runtimeStore';
import { JobProgressBar } from './JobProgressBar';
import { OutcomeText } from './OutcomeText';
import { ScalePicker, type ScaleChoice } from './ScalePicker';
import './claimCard.css';

interface ClaimCardProps<Scale extends string> {
  claim: string;
  /** Where the claim comes from, after a dash. */
  source: ReactNode;
  protocol: ReactNode;
  /** Model-specific controls above the scale, e.g. the dataset. */
  setup?: ReactNode;
  /** Why the protocol cannot run on this choice; blocks Run. */
  problem?: string;
  scales: Record<Scale, ScaleChoice>;
  scale: Scale;
  onScale(scale: Scale): void;
  activeJobId?: string;
  outcome?: Outcome;
  onRun(): void;
  /** The last result, or nothing before the first run. */
  result?: ReactNode;
  className?: string;
}

export function ClaimCard<Scale extends string>(props: ClaimCardProps<Scale>) {
  const id = useId();
  const ready = useRuntime((s) => s.status === 'ready');
  const { activeJobId, problem } = props;
  const running = activeJobId !== undefined;
  return (
    <section
      className={['card reproduce-card claim-card', props.className].filter(Boolean).join(' ')}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>Reproduce the paper</h2>
      <blockquote className="reproduce-card__claim">
        <p>{props.claim}</p>
        <footer>— {props.source}</footer>
      </blockquote>
      <p className="muted">{props.protocol}</p>
      {props.setup}
      {problem ? (
        <p className="text-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <ScalePicker
        scales={props.scales}
        scale={props.scale}
        disabled={running}
        onChoose={props.onScale}
      />
      {running ? (
        <JobProgressBar jobId={activeJobId} />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={!ready || problem !== undefined}
            onClick={props.onRun}
          >
            Run the protocol
          </button>
        </div>
      )}
      {running ? null : <OutcomeText outcome={props.outcome} />}
      <div className="reproduce-card__result">
        {props.result ?? (
          <p className="muted">
            Run the protocol to see whether the claim holds on these data at this scale.
          </p>
        )}
      </div>
    </section>
  );
}
