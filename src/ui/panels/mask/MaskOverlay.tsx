/**
 * Marks the hidden patches over a field view: diagonal hatching and a two-tone outline on the
 * masked input, the outline alone on the other views, legible on any colour map and theme.
 */
import { useEffect, useRef } from 'react';
import { hiddenOutline, hiddenRuns } from './maskImages';

export interface MaskOverlayProps {
  /** One flag per picture cell (row 0 at the top): 1 hidden. */
  hidden: Uint8Array;
  /** Cells per side. */
  n: number;
  /** CSS pixels per side, as the field view under it. */
  size: number;
  /** Hatch the hidden cells (the masked input) or only outline them. */
  hatch: boolean;
}

/** CSS pixels between two hatch lines. */
const HATCH_SPACING = 6;

export function MaskOverlay({ hidden, n, size, hatch }: MaskOverlayProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = canvas.width / size;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const cell = size / n;
    if (hatch) drawHatching(ctx, hidden, n, cell, size);
    drawOutline(ctx, hidden, n, cell, hatch);
  }, [hidden, n, size, hatch]);

  const pixels = Math.round(size * (typeof devicePixelRatio === 'number' ? devicePixelRatio : 1));
  return (
    <canvas
      ref={canvasRef}
      className="mask-overlay"
      width={pixels}
      height={pixels}
      style={{ width: size, height: size }}
      aria-hidden="true"
    />
  );
}

function drawHatching(
  ctx: CanvasRenderingContext2D,
  hidden: Uint8Array,
  n: number,
  cell: number,
  size: number,
): void {
  ctx.save();
  ctx.beginPath();
  for (const [col, row, length] of hiddenRuns(hidden, n)) {
    ctx.rect(col * cell, row * cell, length * cell, cell);
  }
  ctx.clip();
  ctx.fillStyle = 'rgba(150, 150, 150, 0.35)';
  ctx.fillRect(0, 0, size, size);
  ctx.beginPath();
  for (let d = -size; d < size; d += HATCH_SPACING) {
    ctx.moveTo(d, size);
    ctx.lineTo(d + size, 0);
  }
  ctx.strokeStyle = 'rgba(40, 40, 40, 0.6)';
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.restore();
}

function drawOutline(
  ctx: CanvasRenderingContext2D,
  hidden: Uint8Array,
  n: number,
  cell: number,
  bold: boolean,
): void {
  const edges = hiddenOutline(hidden, n);
  if (edges.length === 0) return;
  ctx.beginPath();
  for (const [x0, y0, x1, y1] of edges) {
    ctx.moveTo(x0 * cell, y0 * cell);
    ctx.lineTo(x1 * cell, y1 * cell);
  }
  ctx.lineCap = 'square';
  // A dark line under a light one reads on light and dark colours alike.
  ctx.strokeStyle = bold ? 'rgba(0, 0, 0, 0.85)' : 'rgba(0, 0, 0, 0.55)';
  ctx.lineWidth = bold ? 3 : 2;
  ctx.stroke();
  ctx.strokeStyle = bold ? 'rgba(255, 255, 255, 0.95)' : 'rgba(255, 255, 255, 0.7)';
  ctx.lineWidth = bold ? 1.5 : 1;
  ctx.stroke();
}
