/** Whether equations can share one mixed dataset: plain data, so the UI can say so before a build. */
import { PDE_CATALOG } from '../pde/catalog';
import type { PdeId } from '../pde/types';

export interface MixMember {
  pde: PdeId;
  recordInterval: number;
}

/** Why these equations cannot be mixed, in words; undefined when they can. */
export function mixProblem(members: readonly MixMember[]): string | undefined {
  const [head, ...others] = members;
  if (!head) return 'Give at least one equation of the mix a weight above 0.';
  const headInfo = PDE_CATALOG[head.pde];
  for (const other of others) {
    const info = PDE_CATALOG[other.pde];
    if (
      info.domain.length !== headInfo.domain.length ||
      info.domain.origin !== headInfo.domain.origin
    ) {
      return (
        `A mix needs one domain: ${headInfo.title} lives on ${square(headInfo.domain)} but ` +
        `${info.title} on ${square(info.domain)}.`
      );
    }
    if (Math.abs(other.recordInterval - head.recordInterval) > 1e-12 * head.recordInterval) {
      return (
        `A mix records every equation at the same times: ${headInfo.title} records every ` +
        `${head.recordInterval} but ${info.title} every ${other.recordInterval}. ` +
        'Set their record intervals equal.'
      );
    }
  }
  return undefined;
}

const square = ({ origin, length }: { origin: number; length: number }) =>
  `[${origin}, ${origin + length}]²`;
