/**
 * The decoder's attention from one query patch as a heat map on the token grid, one grid per
 * temporal block: masked keys hatched, the query ringed. Each patch is a button (one tab stop,
 * arrow keys move, Page Up / Page Down change the temporal block) that makes it the query.
 */
import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { tokenIndex, type TokenGrid } from '../../../../data/masks/patches';
import { COLORMAPS, colormapCss, lutColor } from '../../../views/colormaps';
import { formatValue } from '../../../format';
import { patchName } from './attentionText';

export interface AttentionOverlayProps {
  grid: TokenGrid;
  /** One flag per token (1 hidden). */
  mask: ArrayLike<number>;
  /** The query's attention row over every key; none until a query and its attention are known. */
  row: ArrayLike<number> | undefined;
  query: number | undefined;
  onQuery(token: number): void;
}

/** CSS pixels per patch cell. */
const CELL = 40;

export function AttentionOverlay({ grid, mask, row, query, onQuery }: AttentionOverlayProps) {
  const { nt, nx, ny } = grid;
  const tokens = nt * nx * ny;
  const firstMasked = Array.from({ length: tokens }, (_, j) => j).find((j) => mask[j]) ?? 0;
  const [focusChoice, setFocus] = useState<number | undefined>(undefined);
  const focus = focusChoice ?? query ?? firstMasked;
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const max = row ? Math.max(...Array.from(row)) : 0;
  const lut = COLORMAPS.magma.lut;

  const move = (token: number) => {
    setFocus(token);
    buttons.current.get(token)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, t: number, x: number, y: number) => {
    const steps: Record<string, [number, number, number]> = {
      ArrowLeft: [0, -1, 0],
      ArrowRight: [0, 1, 0],
      // Row 0 on screen is the largest y, as in the field views.
      ArrowUp: [0, 0, 1],
      ArrowDown: [0, 0, -1],
      PageUp: [-1, 0, 0],
      PageDown: [1, 0, 0],
    };
    const step = steps[event.key];
    if (!step) return;
    // The panel's own arrow keys step through frames: not while moving on this grid.
    event.preventDefault();
    event.stopPropagation();
    const [dt, dx, dy] = step;
    const wrap = (v: number, n: number) => (v + n) % n;
    move(
      tokenIndex(grid, Math.min(nt - 1, Math.max(0, t + dt)), wrap(x + dx, nx), wrap(y + dy, ny)),
    );
  };

  return (
    <div className="attention-overlay">
      <div className="attention-overlay__grids">
        {Array.from({ length: nt }, (_, t) => (
          <div
            key={t}
            className="attention-overlay__block"
            role="group"
            aria-label={`Temporal block ${t + 1} of ${nt}: attention to each patch`}
          >
            <p className="small attention-overlay__block-title" aria-hidden="true">
              Time block t{t + 1}
            </p>
            <div
              className="attention-overlay__grid"
              style={{ gridTemplateColumns: `repeat(${nx}, ${CELL}px)` }}
            >
              {Array.from({ length: ny }, (_, r) => ny - 1 - r).flatMap((y) =>
                Array.from({ length: nx }, (_, x) => {
                  const token = tokenIndex(grid, t, x, y);
                  const weight = row?.[token];
                  const masked = Boolean(mask[token]);
                  const isQuery = token === query;
                  const [red, green, blue] =
                    weight !== undefined && max > 0
                      ? lutColor(lut, (weight / max) * (lut.length - 1))
                      : [128, 128, 128];
                  const label =
                    `Patch ${patchName(grid, token)}, ${masked ? 'masked' : 'visible'}` +
                    (isQuery ? ', the query' : '') +
                    (weight !== undefined ? `, attention ${formatValue(weight)}` : '');
                  const classes = [
                    'attention-cell',
                    masked ? 'attention-cell--masked' : '',
                    isQuery ? 'attention-cell--query' : '',
                  ];
                  return (
                    <button
                      key={token}
                      type="button"
                      ref={(el) => {
                        if (el) buttons.current.set(token, el);
                        else buttons.current.delete(token);
                      }}
                      className={classes.filter(Boolean).join(' ')}
                      style={{
                        width: CELL,
                        height: CELL,
                        background: row ? `rgb(${red}, ${green}, ${blue})` : undefined,
                      }}
                      tabIndex={token === focus ? 0 : -1}
                      aria-label={label}
                      aria-pressed={isQuery}
                      title={label}
                      data-token={token}
                      onFocus={() => setFocus(token)}
                      onClick={() => onQuery(token)}
                      onKeyDown={(e) => onKeyDown(e, t, x, y)}
                    />
                  );
                }),
              )}
            </div>
          </div>
        ))}
      </div>
      {row ? (
        <div className="attention-overlay__legend small">
          <span>0</span>
          <span
            className="attention-overlay__bar"
            style={{ background: colormapCss('magma') }}
            aria-hidden="true"
          />
          <span>{formatValue(max)}</span>
          <span className="attention-overlay__key">
            <span className="attention-cell attention-cell--masked attention-overlay__swatch" />
            masked key
          </span>
          <span className="attention-overlay__key">
            <span className="attention-cell attention-cell--query attention-overlay__swatch" />
            the query
          </span>
        </div>
      ) : null}
      <p className="muted small">
        Each square is one patch: x to the right, y upwards, as in the pictures above. Colour: the
        share of the query&apos;s attention on that patch (darkest 0, brightest the largest).
        Hatched: masked (the decoder sees only a mask token and its position there). With the
        keyboard: arrows move, Page Up / Page Down change the time block, Enter chooses the query.
      </p>
    </div>
  );
}
