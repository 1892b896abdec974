import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { COLORMAPS, colormapCss } from './colormaps';
import type { ColormapName } from './colormaps';
import { fieldRange, formatTick, niceTicks, paintField } from './fieldImage';
import type { Field, ValueRange } from './fieldImage';
import './fieldView.css';

export type FieldViewProps = {
  field?: Field;
  /** Defaults to viridis, or coolwarm when `symmetric`. */
  colormap?: ColormapName;
  /** A fixed value range; otherwise each frame is scaled to its own range. */
  range?: ValueRange;
  /** Auto range symmetric about zero, for signed fields. */
  symmetric?: boolean;
  /** Visible caption and accessible name. */
  label: string;
  /**
   * For animation: frames pushed through `draw` go straight onto the canvas without a React
   * render. Returns the unsubscribe function.
   */
  subscribe?: (draw: (field: Field) => void) => () => void;
  /** CSS pixels of the longer side. */
  size?: number;
  className?: string;
};

/** How often at most the colorbar labels and aria-label follow the per-frame range. */
const LABEL_INTERVAL_MS = 250;

type Painter = {
  ctx: CanvasRenderingContext2D;
  image: ImageData;
  /** A view over image.data: one packed little-endian RGBA value per pixel. */
  pixels: Uint32Array;
  cssSize: string;
};

export function FieldView({
  field,
  colormap,
  range,
  symmetric = false,
  label,
  subscribe,
  size = 256,
  className,
}: FieldViewProps) {
  const colormapName = colormap ?? (symmetric ? 'coolwarm' : 'viridis');
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<Painter | null>(null);
  const lastFrameRef = useRef<Field | undefined>(undefined);
  const lastFieldPropRef = useRef<Field | undefined>(undefined);
  const [autoRange, reportRange] = useThrottledRange(LABEL_INTERVAL_MS);

  const fixedMin = range?.min;
  const fixedMax = range?.max;
  const paint = useCallback(
    (frame: Field) => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const painter = preparePainter(canvas, painterRef.current, frame, size);
      if (!painter) return;
      painterRef.current = painter;
      const frameRange =
        fixedMin !== undefined && fixedMax !== undefined
          ? { min: fixedMin, max: fixedMax }
          : fieldRange(frame.data, symmetric);
      paintField(frame, frameRange, COLORMAPS[colormapName].lut, painter.pixels);
      painter.ctx.putImageData(painter.image, 0, 0);
      reportRange(frameRange);
    },
    [colormapName, fixedMin, fixedMax, symmetric, size, reportRange],
  );

  // Subscribers call the latest paint through a ref, so a settings change does not resubscribe.
  const paintRef = useRef(paint);
  useLayoutEffect(() => {
    paintRef.current = paint;
  }, [paint]);

  // Draw a new `field` prop, or repaint the last frame (pushed or not) when settings change.
  useEffect(() => {
    if (field && field !== lastFieldPropRef.current) {
      lastFieldPropRef.current = field;
      lastFrameRef.current = field;
    }
    const frame = lastFrameRef.current;
    if (frame) paint(frame);
  }, [field, paint]);

  useEffect(() => {
    if (!subscribe) return;
    return subscribe((frame) => {
      lastFrameRef.current = frame;
      paintRef.current(frame);
    });
  }, [subscribe]);

  const shownRange = range ?? autoRange;
  const gradient = useMemo(() => colormapCss(colormapName, 16, 'to top'), [colormapName]);
  const ticks = useMemo(() => (shownRange ? niceTicks(shownRange, 5) : []), [shownRange]);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : undefined;
  const ariaLabel = shownRange
    ? `${label}: values from ${formatTick(shownRange.min)} to ${formatTick(shownRange.max)}, ` +
      `${COLORMAPS[colormapName].label} colour map`
    : `${label}: no data yet`;

  return (
    <figure
      className={className ? `field-view ${className}` : 'field-view'}
      style={{ '--field-view-size': `${size}px` } as CSSProperties}
    >
      <div className="field-view__body">
        <canvas ref={canvasRef} className="field-view__canvas" role="img" aria-label={ariaLabel} />
        <div className="field-view__colorbar" aria-hidden="true">
          <div className="field-view__gradient" style={{ background: gradient }} />
          <div className="field-view__ticks">
            {shownRange &&
              ticks.map((t) => (
                <span
                  key={t}
                  className="field-view__tick"
                  style={{ bottom: `${tickFraction(t, shownRange) * 100}%` }}
                >
                  {formatTick(t, step)}
                </span>
              ))}
          </div>
        </div>
      </div>
      <figcaption className="field-view__caption">{label}</figcaption>
    </figure>
  );
}

function tickFraction(t: number, range: ValueRange): number {
  return (t - range.min) / (range.max - range.min);
}

/**
 * Sizes the canvas to the frame (one pixel per cell, scaled up by CSS) and reuses the ImageData
 * while the frame size stays the same.
 */
function preparePainter(
  canvas: HTMLCanvasElement,
  current: Painter | null,
  frame: Field,
  size: number,
): Painter | null {
  const { width, height } = frame;
  if (width < 1 || height < 1) return null;
  let painter = current;
  if (!painter || painter.image.width !== width || painter.image.height !== height) {
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const ctx = current?.ctx ?? canvas.getContext('2d');
    if (!ctx) return null;
    const image = ctx.createImageData(width, height);
    // Packed RGBA assumes a little-endian platform, which every browser engine runs on.
    painter = { ctx, image, pixels: new Uint32Array(image.data.buffer), cssSize: '' };
  }
  const scale = size / Math.max(width, height);
  const cssSize = `${width * scale}px ${height * scale}px`;
  if (painter.cssSize !== cssSize) {
    canvas.style.width = `${width * scale}px`;
    canvas.style.height = `${height * scale}px`;
    painter.cssSize = cssSize;
  }
  return painter;
}

/**
 * Holds the latest reported range for rendering, updated at most once per interval (and always
 * asynchronously) however often frames report, with a trailing update so the last one shows.
 */
function useThrottledRange(intervalMs: number): [ValueRange | null, (r: ValueRange) => void] {
  const [shown, setShown] = useState<ValueRange | null>(null);
  const throttle = useRef({
    pending: null as ValueRange | null,
    shown: null as ValueRange | null,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    lastFlush: -Infinity,
  });

  const report = useCallback(
    (r: ValueRange) => {
      const state = throttle.current;
      state.pending = r;
      if (state.timer !== undefined) return;
      const wait = Math.max(0, state.lastFlush + intervalMs - performance.now());
      state.timer = setTimeout(() => {
        state.timer = undefined;
        state.lastFlush = performance.now();
        const next = state.pending;
        state.pending = null;
        if (next && (next.min !== state.shown?.min || next.max !== state.shown.max)) {
          state.shown = next;
          setShown(next);
        }
      }, wait);
    },
    [intervalMs],
  );

  useEffect(() => {
    const state = throttle.current;
    return () => {
      clearTimeout(state.timer);
      state.timer = undefined;
    };
  }, []);

  return [shown, report];
}
