/** The attention view's words: patch names for screen readers and the computed locality sentence. */
import { tokenCoords, type TokenGrid } from '../../../../data/masks/patches';
import type { KernelComparison } from '../../../../models/mae/downstream/attentionKernel';
import { NEIGHBOURS } from '../../../../models/mae/downstream/attentionKernel';

/** "t1 x2 y3": a patch's place on the token grid, counted from 1. */
export function patchName(grid: TokenGrid, token: number): string {
  const [t, x, y] = tokenCoords(grid, token);
  return `t${t + 1} x${x + 1} y${y + 1}`;
}

/** A share in [0, 1] as a whole percentage. */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Two decimals: distances in patch widths. */
export function patches(distance: number): string {
  return distance.toFixed(2);
}

/** Above this share of weight beyond the neighbours, the kernel is called global. */
const GLOBAL_SHARE = 0.5;
/** Below this share it is called local. */
const LOCAL_SHARE = 0.2;

/** How the decoder's kernel compares with the interpolants for this query, in plain words. */
export function localitySentence(c: KernelComparison, query: string, masked: boolean): string {
  const mae = c.attentionVisible;
  const far = mae.nonLocal;
  const others = `(inverse-distance weighting: ${percent(c.inverseDistance.nonLocal)}, nearest neighbour: ${percent(c.nearest.nonLocal)})`;
  const verdict =
    c.visibleKeys <= NEIGHBOURS
      ? `with only ${c.visibleKeys} visible patches, every one of them is among the ${NEIGHBOURS} nearest, so no weight can lie beyond them at this hidden share: compare how far it reaches instead`
      : far >= GLOBAL_SHARE
        ? `most of its weight (${percent(far)}) lies beyond the ${NEIGHBOURS} nearest visible patches ${others}: here the decoder interpolates globally`
        : far <= LOCAL_SHARE
          ? `only ${percent(far)} of its weight lies beyond the ${NEIGHBOURS} nearest visible patches ${others}: here the kernel is mostly local, close to what a classical interpolant does`
          : `${percent(far)} of its weight lies beyond the ${NEIGHBOURS} nearest visible patches ${others}: partly local, partly global`;
  const reach =
    mae.rEff > c.inverseDistance.rEff
      ? 'reaches farther than'
      : mae.rEff < c.inverseDistance.rEff
        ? 'stays closer than'
        : 'reaches as far as';
  const role = masked
    ? ''
    : ' This patch is visible, so its value is copied from the input: choose a hatched (masked) patch to see a kernel that actually fills something in.';
  return (
    `From patch ${query}, the decoder puts ${percent(c.visibleShare)} of its attention on visible patches. ` +
    `Counting those only, its weight lies on average ${patches(mae.rEff)} patch widths away (its effective radius), so it ${reach} inverse-distance weighting (${patches(c.inverseDistance.rEff)}; nearest neighbour: ${patches(c.nearest.rEff)}), and ${verdict}.${role}`
  );
}
