/** A labelled checkbox that puts a loss chart's step axis on a log scale, with why it is on. */
import { useId } from 'react';
import './stepAxisToggle.css';

interface StepAxisToggleProps {
  log: boolean;
  /** The checkbox's name; tell two toggles on one page apart. */
  label?: string;
  onChange: (log: boolean) => void;
  /** Why the current default was chosen, read with the checkbox. */
  note?: string;
}

export function StepAxisToggle({
  log,
  label = 'Log-scale step axis',
  onChange,
  note,
}: StepAxisToggleProps) {
  const noteId = useId();
  return (
    <div className="step-axis-toggle">
      <label className="inline-label">
        <input
          type="checkbox"
          checked={log}
          aria-describedby={note ? noteId : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {note ? (
        <small id={noteId} className="muted">
          {note}
        </small>
      ) : null}
    </div>
  );
}
