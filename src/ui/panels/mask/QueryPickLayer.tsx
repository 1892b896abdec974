/**
 * A pointer layer over a model's reconstruction: clicking a patch makes it the attention view's
 * query (the patch of the frame on screen). The keyboard path is the attention view's grid.
 */
import type { MouseEvent } from 'react';
import type { PatchGeometry } from '../../../data/masks/patches';
import { tokensAtCell } from './maskImages';

export interface QueryPickLayerProps {
  geometry: PatchGeometry;
  /** The frame on screen. */
  frame: number;
  /** CSS pixels per side, as the field view under it. */
  size: number;
  onPick(token: number): void;
}

export function QueryPickLayer({ geometry, frame, size, onPick }: QueryPickLayerProps) {
  const [, X] = geometry.window;
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const col = Math.floor(((event.clientX - rect.left) / rect.width) * X);
    const row = Math.floor(((event.clientY - rect.top) / rect.height) * X);
    onPick(tokensAtCell(geometry, frame, col, row, false)[0]!);
  };
  return (
    <div
      className="attention-pick"
      data-testid="attention-pick"
      style={{ width: size, height: size }}
      aria-hidden="true"
      onClick={onClick}
    />
  );
}
