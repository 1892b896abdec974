/**
 * The most used codes as toggle buttons (a swatch, the code and its cells), and the other codes
 * in use in a list: choosing one marks its cells on the code map; choosing it again clears it.
 * No hooks: the controls are named by their own text and by the label around the list.
 */
import { codeColour, type CodeCount } from './expertsData';

/** Codes with their own button; the rest are in the list. */
export const LEGEND_CODES = 8;

export interface CodeLegendProps {
  ranked: readonly CodeCount[];
  selected?: number;
  onSelect(code: number | undefined): void;
}

const cellsWords = (count: number) => `${count} ${count === 1 ? 'cell' : 'cells'}`;

export function CodeLegend({ ranked, selected, onSelect }: CodeLegendProps) {
  const top = ranked.slice(0, LEGEND_CODES);
  const others = ranked.slice(LEGEND_CODES);
  const otherChosen = others.some((c) => c.code === selected);
  return (
    <div className="physicnet-legend">
      <h4 className="physicnet-legend__title">Most used codes</h4>
      <ol className="physicnet-legend__list" aria-label="Most used codes">
        {top.map(({ code, count }) => (
          <li key={code}>
            <button
              type="button"
              className="physicnet-legend__code"
              aria-pressed={selected === code}
              onClick={() => onSelect(selected === code ? undefined : code)}
            >
              <span
                className="physicnet-swatch"
                style={{ background: codeColour(code) }}
                aria-hidden="true"
              />
              <span>
                Code {code}
                <span className="muted">, {cellsWords(count)}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {others.length ? (
        <label className="inline-label small">
          {others.length} more in use
          <select
            value={otherChosen ? String(selected) : ''}
            onChange={(e) => onSelect(e.target.value === '' ? undefined : Number(e.target.value))}
          >
            <option value="">choose a code</option>
            {others.map(({ code, count }) => (
              <option key={code} value={code}>
                Code {code}, {cellsWords(count)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
