/**
 * A field view with the sensors drawn over it as dots, and optionally painted by hand: a press
 * on a grid point adds or removes a sensor, and dragging carries the same action over every point
 * it crosses. Painting is pointer-only; the lab's buttons and fields are the keyboard path.
 */
import { useEffect, useRef, type PointerEvent } from 'react';
import type { ColormapName } from '../../views/colormaps';
import type { Field, ValueRange } from '../../views/fieldImage';
import { FieldView } from '../../views/FieldView';
import { boxFraction } from '../../views/frameImage';
import { sensorAt } from './lab/sensors';

export interface SensorFieldProps {
  field?: Field;
  label: string;
  range?: ValueRange;
  colormap?: ColormapName;
  size: number;
  /** The sensors: flat indices i·Y + j of the gridX × gridY grid. */
  sensors: ArrayLike<number>;
  gridX: number;
  gridY: number;
  /** Given: the sensors can be painted; called with the points a stroke crosses. */
  onPaint?(points: number[], on: boolean): void;
}

interface Stroke {
  pointerId: number;
  on: boolean;
  done: Set<number>;
}

export function SensorField({
  field,
  label,
  range,
  colormap,
  size,
  sensors,
  gridX,
  gridY,
  onPaint,
}: SensorFieldProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<Stroke | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const scale = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
    canvas.width = Math.round(size * scale);
    canvas.height = Math.round(size * scale);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const cell = size / Math.max(gridX, gridY);
    const radius = Math.max(1.5, Math.min(4, cell * 0.35));
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = radius > 2 ? 1 : 0.75;
    for (let k = 0; k < sensors.length; k++) {
      const p = sensors[k]!;
      const i = Math.floor(p / gridY);
      const j = p % gridY;
      // Row 0 on screen is the largest y, as in the field views.
      const x = ((i + 0.5) / gridX) * size;
      const y = ((gridY - 1 - j + 0.5) / gridY) * size;
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }, [sensors, gridX, gridY, size]);

  const pointAt = (event: PointerEvent<HTMLDivElement>) => {
    const { x, y } = boxFraction(
      event.clientX,
      event.clientY,
      event.currentTarget.getBoundingClientRect(),
    );
    return sensorAt(x, y, gridX, gridY);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!onPaint || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const point = pointAt(event);
    // The first point decides: a sensor there is removed, an empty point gets one.
    const on = !Array.prototype.includes.call(sensors, point);
    stroke.current = { pointerId: event.pointerId, on, done: new Set([point]) };
    onPaint([point], on);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = stroke.current;
    if (!onPaint || !current || current.pointerId !== event.pointerId) return;
    const point = pointAt(event);
    if (current.done.has(point)) return;
    current.done.add(point);
    onPaint([point], current.on);
  };

  const end = (event: PointerEvent<HTMLDivElement>) => {
    if (stroke.current?.pointerId === event.pointerId) stroke.current = null;
  };

  return (
    <div className="dino-sensor-field">
      <FieldView field={field} label={label} range={range} colormap={colormap} size={size} />
      <canvas
        ref={canvasRef}
        className="dino-sensor-field__dots"
        style={{ width: size, height: size }}
        aria-hidden="true"
      />
      {onPaint ? (
        <div
          className="dino-sensor-field__paint"
          data-testid="dino-sensor-paint"
          style={{ width: size, height: size }}
          aria-hidden="true"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={end}
          onPointerCancel={end}
          onLostPointerCapture={end}
        />
      ) : null}
    </div>
  );
}
