/** Which frame of the window is on screen, and playing through the frames in a loop. */
import { useCallback, useEffect, useState } from 'react';

const FRAMES_PER_SECOND = 4;

export interface Playback {
  /** The frame on screen, always inside the window. */
  frame: number;
  playing: boolean;
  show(frame: number): void;
  /** One frame forwards (+1) or backwards (−1), wrapping round; stops playing. */
  step(by: number): void;
  toggle(): void;
}

export function usePlayback(frames: number): Playback {
  const [wanted, setWanted] = useState(0);
  const [playing, setPlaying] = useState(false);
  const count = Math.max(1, frames);
  const frame = Math.min(wanted, count - 1);
  const animates = playing && count > 1;

  useEffect(() => {
    if (!animates) return;
    const timer = setInterval(
      () => setWanted((f) => (Math.min(f, count - 1) + 1) % count),
      1000 / FRAMES_PER_SECOND,
    );
    return () => clearInterval(timer);
  }, [animates, count]);

  const show = useCallback((f: number) => setWanted(Math.max(0, Math.round(f))), []);
  const step = useCallback(
    (by: number) => {
      setPlaying(false);
      setWanted((f) => (((Math.min(f, count - 1) + by) % count) + count) % count);
    },
    [count],
  );
  const toggle = useCallback(() => setPlaying((p) => !p), []);
  return { frame, playing: animates, show, step, toggle };
}
