/** Arrows of the flow velocity over the live field, on a coarse grid, redrawn with every frame. */
import { useEffect, useRef } from 'react';
import { subscribeLiveFrames } from '../../../state/liveStore';

const ARROWS_PER_SIDE = 16;

export function VelocityOverlay({ size }: { size: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(
    () =>
      subscribeLiveFrames((frame) => {
        const canvas = canvasRef.current;
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx) return;
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        if (frame.velocity) drawArrows(ctx, frame.velocity, frame.n, canvas.width);
      }),
    [],
  );
  return (
    <canvas
      ref={canvasRef}
      className="velocity-overlay"
      width={size * devicePixelRatio}
      height={size * devicePixelRatio}
      style={{ width: size, height: size }}
      aria-hidden="true"
    />
  );
}

function drawArrows(
  ctx: CanvasRenderingContext2D,
  velocity: Float32Array,
  n: number,
  pixels: number,
): void {
  const stride = Math.max(1, Math.floor(n / ARROWS_PER_SIDE));
  let maxSpeed = 0;
  for (let i = 0; i < velocity.length; i += 2)
    maxSpeed = Math.max(maxSpeed, Math.hypot(velocity[i]!, velocity[i + 1]!));
  if (maxSpeed === 0) return;
  const cell = (pixels / n) * stride;
  const scale = (0.9 * cell) / maxSpeed;
  ctx.strokeStyle = 'rgba(20, 20, 20, 0.8)';
  ctx.fillStyle = ctx.strokeStyle;
  ctx.lineWidth = Math.max(1, pixels / 360);
  for (let x = stride >> 1; x < n; x += stride) {
    for (let y = stride >> 1; y < n; y += stride) {
      const u = velocity[(x * n + y) * 2]!;
      const v = velocity[(x * n + y) * 2 + 1]!;
      // Lab arrays have y pointing up; canvas rows point down.
      const px = ((x + 0.5) / n) * pixels;
      const py = (1 - (y + 0.5) / n) * pixels;
      const dx = u * scale;
      const dy = -v * scale;
      const length = Math.hypot(dx, dy);
      if (length < 1) continue;
      ctx.beginPath();
      ctx.moveTo(px - dx / 2, py - dy / 2);
      ctx.lineTo(px + dx / 2, py + dy / 2);
      ctx.stroke();
      const head = Math.min(length * 0.35, cell * 0.3);
      const angle = Math.atan2(dy, dx);
      ctx.beginPath();
      ctx.moveTo(px + dx / 2, py + dy / 2);
      ctx.lineTo(
        px + dx / 2 - head * Math.cos(angle - 0.45),
        py + dy / 2 - head * Math.sin(angle - 0.45),
      );
      ctx.lineTo(
        px + dx / 2 - head * Math.cos(angle + 0.45),
        py + dy / 2 - head * Math.sin(angle + 0.45),
      );
      ctx.fill();
    }
  }
}
