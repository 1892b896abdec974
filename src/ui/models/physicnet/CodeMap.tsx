/**
 * The code of each latent cell as a coloured square, laid out as the field views lay out the
 * field; the chosen code's cells are outlined as regions and the others faded. A click on a cell
 * chooses its code. Clicking is pointer-only: the legend's buttons and the list beside it are the
 * keyboard path to every code.
 */
import { useEffect, useRef, type MouseEvent } from 'react';
import { boxFraction } from '../../views/frameImage';
import { codeColour, latentCellAt, latentCellBox } from './expertsData';

export interface CodeMapProps {
  /** Code of each latent cell, row-major [h, w]: h cells along X, w along Y. */
  codes: Int32Array;
  latentShape: [number, number];
  selected?: number;
  onSelect(code: number): void;
  label: string;
  size: number;
}

export function CodeMap({ codes, latentShape, selected, onSelect, label, size }: CodeMapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [h, w] = latentShape;

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const scale = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * scale);
    canvas.height = Math.round(size * scale);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, size, size);
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const code = codes[i * w + j]!;
        const box = latentCellBox(i, j, latentShape);
        ctx.globalAlpha = selected === undefined || selected === code ? 1 : 0.18;
        ctx.fillStyle = codeColour(code);
        // Whole pixels, so that no seam shows between cells of the same colour.
        const x = Math.round(box.left * size);
        const y = Math.round(box.top * size);
        const right = Math.round((box.left + box.width) * size);
        const bottom = Math.round((box.top + box.height) * size);
        ctx.fillRect(x, y, right - x, bottom - y);
      }
    }
    ctx.globalAlpha = 1;
    if (selected === undefined) return;
    // The chosen code's cells as regions: an edge is drawn where such a cell meets another code.
    const chosen = (i: number, j: number) =>
      i >= 0 && i < h && j >= 0 && j < w && codes[i * w + j] === selected;
    const edge = (x1: number, y1: number, x2: number, y2: number) => {
      ctx.moveTo(x1 * size, y1 * size);
      ctx.lineTo(x2 * size, y2 * size);
    };
    ctx.beginPath();
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        if (!chosen(i, j)) continue;
        const { left, top, width, height } = latentCellBox(i, j, latentShape);
        const right = left + width;
        const bottom = top + height;
        if (!chosen(i - 1, j)) edge(left, top, left, bottom);
        if (!chosen(i + 1, j)) edge(right, top, right, bottom);
        if (!chosen(i, j + 1)) edge(left, top, right, top);
        if (!chosen(i, j - 1)) edge(left, bottom, right, bottom);
      }
    }
    // A dark casing under a light line shows on every code's colour.
    ctx.lineCap = 'square';
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#000000';
    ctx.stroke();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
  }, [codes, h, w, latentShape, selected, size]);

  const onClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const { x, y } = boxFraction(
      event.clientX,
      event.clientY,
      event.currentTarget.getBoundingClientRect(),
    );
    // boxFraction measures y up from the bottom; the cells are laid out from the top.
    const { i, j } = latentCellAt(x, 1 - y, latentShape);
    onSelect(codes[i * w + j]!);
  };

  return (
    <canvas
      ref={canvasRef}
      className="physicnet-code-map"
      style={{ width: size, height: size }}
      role="img"
      aria-label={label}
      onClick={onClick}
    />
  );
}
