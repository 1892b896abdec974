/**
 * The forecast lab's 2 × 2 table in words: rows are the training frames (In-t) and the frames
 * beyond the training horizon (Out-t), columns the sensors (In-s) and the points between them
 * (Out-s); each cell the relative L2 error, or why it is empty.
 */
import type { ForecastErrorTable } from '../../../../models/dino/jobs/forecastConfig';
import { formatValue } from '../../../format';

export interface TableCell {
  /** The number as shown, or "–". */
  text: string;
  /** Why a cell is empty, or what it measures, for screen readers and the title. */
  description: string;
  value: number;
}

export interface TableRow {
  /** "Training frames (In-t)". */
  label: string;
  /** "frames 1–10". */
  frames: string;
  cells: [TableCell, TableCell];
}

function frameRange(first: number, last: number): string {
  if (last < first) return 'no frames';
  return first === last ? `frame ${first}` : `frames ${first}–${last}`;
}

function cell(value: number, where: string, when: string, emptyBecause: string): TableCell {
  if (Number.isNaN(value)) return { text: '–', description: `No value: ${emptyBecause}.`, value };
  return {
    text: formatValue(value),
    description: `Relative error ${formatValue(value)} ${where}, ${when}.`,
    value,
  };
}

/**
 * The two rows of the table for a forecast of `frames` frames of which the first `trainFrames`
 * are the training horizon (frames numbered from 1, as the lab shows them).
 */
export function forecastTableRows(
  table: ForecastErrorTable,
  frames: number,
  trainFrames: number,
): [TableRow, TableRow] {
  const horizon = Math.min(frames, trainFrames);
  const early = frameRange(1, horizon);
  const late = frameRange(horizon + 1, frames);
  const noLater = 'the trajectory has no frame beyond the training horizon';
  const allObserved = 'every grid point is a sensor, so none lies between them';
  const atSensors = 'at the sensors';
  const between = 'between the sensors';
  return [
    {
      label: 'Training frames (In-t)',
      frames: early,
      cells: [
        cell(table.inTimeInSpace, atSensors, `in ${early}`, 'no sensor'),
        cell(table.inTimeOutSpace, between, `in ${early}`, allObserved),
      ],
    },
    {
      label: 'Beyond the training horizon (Out-t)',
      frames: late,
      cells: [
        cell(table.outTimeInSpace, atSensors, `in ${late}`, noLater),
        cell(
          table.outTimeOutSpace,
          between,
          `in ${late}`,
          horizon >= frames ? noLater : allObserved,
        ),
      ],
    },
  ];
}
