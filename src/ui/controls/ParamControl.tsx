/** One labelled control generated from a parameter schema: number field, select or checkbox. */
import { useId, useState } from 'react';
import type { Param } from '../../schema/params';
import { checkValue, parseText } from '../../schema/params';
import { DetailsToggle } from './Explained';
import { splitExplanation } from './explanationText';

/** A rule this setting breaks together with others (a range running backwards, …). */
export interface RelatedProblem {
  /** The element id of the message, shared by every control the rule involves. */
  id: string;
  /** Set on the one control the message is shown under. */
  message?: string;
}

interface ParamControlProps {
  param: Param;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  related?: RelatedProblem;
}

export function ParamControl({ param, value, onChange, disabled, related }: ParamControlProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const help = splitExplanation(param.help ?? '');
  const describedBy = [
    help.main ? helpId : null,
    problem ? `${id}-problem` : null,
    related ? related.id : null,
  ]
    .filter(Boolean)
    .join(' ');
  const invalid = problem !== null || related !== undefined;

  let input;
  if (param.kind === 'choice') {
    input = (
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy || undefined}
      >
        {param.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (param.kind === 'boolean') {
    input = (
      <input
        id={id}
        type="checkbox"
        checked={Boolean(value)}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy || undefined}
      />
    );
  } else {
    const commit = (text: string) => {
      const parsed = parseText(param, text);
      if (parsed.ok) {
        setProblem(null);
        setDraft(null);
        onChange(parsed.value);
      } else {
        setProblem(`${param.label} ${parsed.reason}.`);
      }
    };
    input = (
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={param.min}
        max={param.max}
        step={param.step ?? (param.integer ? 1 : 'any')}
        value={draft ?? String(value)}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          if (checkValue(param, Number(e.target.value)).ok) commit(e.target.value);
        }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
    );
  }

  return (
    <div className={`param param--${param.kind}`}>
      <label htmlFor={id}>
        {param.label}
        {param.kind === 'number' && param.unit ? (
          <span className="param__unit"> ({param.unit})</span>
        ) : null}
      </label>
      {input}
      {help.main ? (
        <small id={helpId} className="param__help">
          {help.main}
        </small>
      ) : null}
      <DetailsToggle details={help.details} />
      {problem ? (
        <small id={`${id}-problem`} className="param__problem" role="alert">
          {problem}
        </small>
      ) : null}
      {related?.message ? (
        <small id={related.id} className="param__problem">
          {related.message}
        </small>
      ) : null}
    </div>
  );
}
