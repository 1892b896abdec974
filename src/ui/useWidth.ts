/** The content width of an element (padding excluded), followed as it resizes; 0 until measured. */
import { useCallback, useRef, useState } from 'react';

export function useWidth<E extends HTMLElement>(): [(element: E | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const ref = useCallback((element: E | null) => {
    observer.current?.disconnect();
    observer.current = undefined;
    if (!element) return;
    observer.current = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.current.observe(element);
  }, []);
  return [ref, width];
}
