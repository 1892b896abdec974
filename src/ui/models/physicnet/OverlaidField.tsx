/**
 * A field view with marks drawn over it on a second canvas (the crops' rectangles, flow arrows).
 * The field view keeps the accessible name; the label must say what the marks show.
 */
import { useEffect, useRef } from 'react';
import type { ColormapName } from '../../views/colormaps';
import type { Field, ValueRange } from '../../views/fieldImage';
import { FieldView } from '../../views/FieldView';

export interface OverlaidFieldProps {
  field?: Field;
  label: string;
  range?: ValueRange;
  colormap?: ColormapName;
  size: number;
  /** Draws the marks on a size × size box in CSS pixels; a new function redraws them. */
  draw(ctx: CanvasRenderingContext2D, size: number): void;
}

export function OverlaidField({ field, label, range, colormap, size, draw }: OverlaidFieldProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const scale = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * scale);
    canvas.height = Math.round(size * scale);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, size, size);
    draw(ctx, size);
  }, [draw, size]);

  return (
    <div className="physicnet-overlaid">
      <FieldView field={field} label={label} range={range} colormap={colormap} size={size} />
      <canvas
        ref={canvasRef}
        className="physicnet-overlaid__marks"
        style={{ width: size, height: size }}
        aria-hidden="true"
      />
    </div>
  );
}
