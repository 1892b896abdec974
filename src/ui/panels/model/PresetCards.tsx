/**
 * The chosen model's presets as a radio group of cards: what each is for, its parameter count and
 * the shape of the data it sees. Arrow keys move the choice, as in any radio group.
 */
import { useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { choosePreset, type ModelSelection } from '../../../state/modelSettings';
import { formatParameterCount } from '../../formatCount';

const NEXT_KEYS: Record<string, number> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
};

export function PresetCards({ selection }: { selection: ModelSelection }) {
  const { entry, preset } = selection;
  const headingId = useId();
  const cards = useRef<(HTMLDivElement | null)[]>([]);
  const ids = Object.keys(entry.presets);
  const checkedIndex = ids.indexOf(preset);
  const custom = checkedIndex < 0;

  const select = (index: number) => {
    const id = ids[index];
    if (id === undefined) return;
    choosePreset(id);
    cards.current[index]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const step = NEXT_KEYS[event.key];
    if (step !== undefined) {
      event.preventDefault();
      select((index + step + ids.length) % ids.length);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      select(index);
    }
  };

  return (
    <div className="card model-presets">
      <div className="model-presets__head">
        <h2 id={headingId}>Size</h2>
        <p className="model-presets__current" aria-live="polite">
          Preset: <strong>{custom ? 'Custom' : entry.presets[preset]!.label}</strong>
          {custom ? (
            <span className="muted"> — your settings match no preset; pick one to start over.</span>
          ) : null}
        </p>
      </div>
      <div className="preset-cards" role="radiogroup" aria-labelledby={headingId}>
        {ids.map((id, index) => {
          const info = entry.presets[id]!;
          const checked = index === checkedIndex;
          const facts = entry.facts(info.config);
          return (
            <div
              key={id}
              ref={(element) => {
                cards.current[index] = element;
              }}
              className={`preset-card${checked ? ' preset-card--checked' : ''}`}
              role="radio"
              aria-checked={checked}
              aria-labelledby={`${headingId}-${id}`}
              aria-describedby={`${headingId}-${id}-count ${headingId}-${id}-about`}
              tabIndex={checked || (custom && index === 0) ? 0 : -1}
              onClick={() => select(index)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span className="preset-card__title">
                <span className="preset-card__mark" aria-hidden="true" />
                <span id={`${headingId}-${id}`}>{info.label}</span>
              </span>
              <span id={`${headingId}-${id}-count`} className="preset-card__count">
                {formatParameterCount(entry.parameterCount(info.config))}
                <span className="muted"> parameters</span>
              </span>
              <span id={`${headingId}-${id}-about`} className="preset-card__about">
                <span className="preset-card__facts">
                  {facts.map((fact) => (
                    <span key={fact.id}>
                      {fact.label}: {fact.value}
                    </span>
                  ))}
                </span>
                <span className="preset-card__explanation">{info.explanation}</span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
