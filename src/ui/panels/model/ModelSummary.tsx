/** What the current settings make: the parameter count, the data's shape, and whether it can train. */
import type { ModelSelection } from '../../../state/modelSettings';
import { formatExactCount, formatParameterCount } from '../../formatCount';

export function ModelSummary({ selection }: { selection: ModelSelection }) {
  const { entry, config, problem } = selection;
  const count = entry.parameterCount(config);
  const trainable = problem === undefined;
  return (
    <div className="model-summary">
      <h2>This model</h2>
      <p className="model-summary__count">
        <span className="model-summary__number" data-testid="parameter-count">
          {formatParameterCount(count)}
        </span>{' '}
        trainable parameters
        {Number.isInteger(count) ? (
          <span className="muted small model-summary__exact">
            {formatExactCount(count)} exactly
          </span>
        ) : null}
      </p>
      <dl className="model-facts">
        {entry.facts(config).map((fact) => (
          <div key={fact.id} className="model-facts__row">
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {trainable ? (
        <p className="model-summary__status model-summary__status--ok">
          <span aria-hidden="true">✓ </span>Ready to train
        </p>
      ) : (
        <div className="model-summary__status model-summary__status--problem" role="alert">
          <strong>Not trainable as set.</strong> {problem}
        </div>
      )}
    </div>
  );
}
