/**
 * The scale a paper's protocol runs at: one radio per scale with what it does and, where known,
 * how long it takes on a CPU and on a GPU, beside the backend this browser computes on.
 */
import { useId } from 'react';
import { BACKEND_LABELS } from '../../runtime/calibrationChoice';
import { useRuntime } from '../../state/runtimeStore';

export interface ScaleChoice {
  label: string;
  explanation: string;
  /** How long one run takes, in words that say where it was measured (and where it never was). */
  time?: { cpu: string; gpu: string };
}

export function ScalePicker<Scale extends string>({
  scales,
  scale,
  disabled,
  onChoose,
}: {
  scales: Record<Scale, ScaleChoice>;
  scale: Scale;
  disabled?: boolean;
  onChoose(scale: Scale): void;
}) {
  const id = useId();
  const backend = useRuntime((s) => s.report?.active);
  const keys = Object.keys(scales) as Scale[];
  const timed = keys.some((key) => scales[key].time);
  return (
    <fieldset className="reproduce-card__scales" disabled={disabled}>
      <legend>Scale</legend>
      {keys.map((key) => {
        const { label, explanation, time } = scales[key];
        return (
          <label key={key} className="radio">
            <input
              type="radio"
              name={`${id}-scale`}
              value={key}
              checked={scale === key}
              onChange={() => onChoose(key)}
            />
            <span>
              <strong>{label}</strong> — {explanation}
              {time ? (
                <small className="reproduce-card__time">
                  Time on a CPU: {time.cpu}. On a GPU: {time.gpu}.
                </small>
              ) : null}
            </span>
          </label>
        );
      })}
      {timed && backend ? (
        <small className="muted">
          This browser computes with {BACKEND_LABELS[backend]}
          {backend === 'webgpu' || backend === 'webgl' ? ' (a GPU)' : ' (the CPU)'}.
        </small>
      ) : null}
    </fieldset>
  );
}
