/** A swept value in words: a choice by its label, yes/no, numbers in at most 4 significant digits. */
import type { Param } from '../schema/params';
import type { SweepValue } from './sweepParams';

export function formatSweepValue(param: Param | undefined, value: SweepValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(Number(value.toPrecision(4)));
  if (param?.kind === 'choice') return param.options.find((o) => o.value === value)?.label ?? value;
  return value;
}
