/**
 * Display check: animates a 128² field through FieldView and measures frames per second and
 * the time each frame takes to colour and draw, so a user can see the canvas keeps up.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Field } from '../../views/fieldImage';
import { FieldView } from '../../views/FieldView';

const SIZE = 128;

export interface DisplayStats {
  fps: number;
  msPerFrame: number;
  frames: number;
}

export function DisplayCheckCard() {
  const [running, setRunning] = useState(false);
  const [stats, setStats] = useState<DisplayStats | null>(null);
  const drawRef = useRef<((field: Field) => void) | null>(null);

  const subscribe = useCallback((draw: (field: Field) => void) => {
    drawRef.current = draw;
    return () => {
      drawRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (!running) return;
    const field: Field = { data: new Float32Array(SIZE * SIZE), width: SIZE, height: SIZE };
    let frame = 0;
    let drawMs = 0;
    let raf = 0;
    let windowStart = performance.now();
    let windowFrames = 0;
    const tick = (now: number) => {
      const t0 = performance.now();
      fillInterference(field.data, now / 1000);
      drawRef.current?.(field);
      drawMs += performance.now() - t0;
      frame++;
      windowFrames++;
      if (now - windowStart >= 1000) {
        const stats = {
          fps: (windowFrames * 1000) / (now - windowStart),
          msPerFrame: drawMs / windowFrames,
          frames: frame,
        };
        setStats(stats);
        (window as Window & { __displayCheck?: DisplayStats }).__displayCheck = stats;
        windowStart = now;
        windowFrames = 0;
        drawMs = 0;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [running]);

  return (
    <section className="card" aria-labelledby="display-heading">
      <h2 id="display-heading">Display check</h2>
      <p>
        Animates a {SIZE}×{SIZE} field on the main thread to check that drawing keeps up with your
        screen.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-pressed={running}
          onClick={() => setRunning((r) => !r)}
        >
          {running ? 'Stop animation' : 'Start animation'}
        </button>
        <span role="status" className="muted">
          {stats
            ? `${stats.fps.toFixed(1)} frames/s · ${stats.msPerFrame.toFixed(2)} ms to compute and draw a frame`
            : ''}
        </span>
      </div>
      {running ? (
        <FieldView
          label="Animated test field"
          subscribe={subscribe}
          symmetric
          range={{ min: -2, max: 2 }}
        />
      ) : null}
    </section>
  );
}

/** Two interfering travelling waves: smooth, signed, and different every frame. */
function fillInterference(out: Float32Array, t: number): void {
  for (let y = 0; y < SIZE; y++) {
    const v = y / SIZE;
    for (let x = 0; x < SIZE; x++) {
      const u = x / SIZE;
      out[y * SIZE + x] =
        Math.sin(2 * Math.PI * (3 * u + t)) + Math.cos(2 * Math.PI * (2 * v - 0.7 * t + u));
    }
  }
}
