/**
 * Painting the mask by hand over the masked input: a pointer (mouse, pen or finger) press on a
 * patch toggles it, and dragging carries the same action (hide or show) over every patch it
 * crosses, one patch per brush. Pointer-only: the strategies are the keyboard path.
 */
import { useRef } from 'react';
import type { PointerEvent } from 'react';
import type { PatchGeometry } from '../../../data/masks/patches';
import { tokensAtCell } from './maskImages';

export interface PaintLayerProps {
  geometry: PatchGeometry;
  /** The frame on screen. */
  frame: number;
  /** The mask on screen, one flag per token (1 hidden). */
  flags: ArrayLike<number>;
  /** The brush covers the same patch in every time block. */
  allFrames: boolean;
  /** CSS pixels per side, as the field view under it. */
  size: number;
  onPaint(tokens: number[], hidden: boolean): void;
}

interface Stroke {
  pointerId: number;
  hidden: boolean;
  done: Set<number>;
}

export function PaintLayer({ geometry, frame, flags, allFrames, size, onPaint }: PaintLayerProps) {
  const stroke = useRef<Stroke | null>(null);
  const [, X] = geometry.window;

  const tokensAt = (event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const col = Math.floor(((event.clientX - rect.left) / rect.width) * X);
    const row = Math.floor(((event.clientY - rect.top) / rect.height) * X);
    return tokensAtCell(geometry, frame, col, row, allFrames);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const tokens = tokensAt(event);
    // The patch of the shown frame decides: hidden becomes visible, visible becomes hidden.
    // (With the brush through every frame, tokens run over the time blocks in order.)
    const shownToken = tokens[allFrames ? Math.floor(frame / geometry.pt) : 0]!;
    const hidden = !flags[shownToken];
    stroke.current = { pointerId: event.pointerId, hidden, done: new Set(tokens) };
    onPaint(tokens, hidden);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = stroke.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const fresh = tokensAt(event).filter((t) => !current.done.has(t));
    if (fresh.length === 0) return;
    fresh.forEach((t) => current.done.add(t));
    onPaint(fresh, current.hidden);
  };

  const end = (event: PointerEvent<HTMLDivElement>) => {
    if (stroke.current?.pointerId === event.pointerId) stroke.current = null;
  };

  return (
    <div
      className="mask-paint"
      data-testid="mask-paint"
      style={{ width: size, height: size }}
      aria-hidden="true"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
    />
  );
}
