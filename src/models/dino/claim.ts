/**
 * DINo's claim and its verdict from measured errors (methods §3g): "DINo trained on 5 % of the grid
 * forecasts the whole grid with an error close to training on 25 %, also on points it never
 * observed and beyond its training horizon". Close means within CLOSE_FACTOR; the grid baseline
 * on the same sparse data shows what a model without a continuous decoder does.
 */
import type { ErrorTable } from './errorTable';

export const DINO_CLAIM =
  'DINo trained on 5 % of the grid forecasts the whole grid with an error close to training on 25 %, also on points it never observed and beyond its training horizon.';

/** "Close": the sparse model's error at most this many times the denser model's. */
export const CLOSE_FACTOR = 1.5;

export interface RateErrors extends ErrorTable {
  /** Subsampling rate: the share of grid points observed. */
  s: number;
}

export interface ClaimVerdict {
  verdict: 'holds' | 'partly holds' | 'does not hold';
  /** One sentence per check, with its numbers. */
  checks: { passed: boolean; text: string }[];
}

export function judgeDinoClaim(
  dino: readonly RateErrors[],
  baseline: readonly RateErrors[],
  sparse = 0.05,
  dense = 0.25,
): ClaimVerdict {
  const at = (rows: readonly RateErrors[], s: number) => rows.find((row) => row.s === s);
  const few = at(dino, sparse);
  const many = at(dino, dense);
  if (!few || !many) throw new RangeError(`The claim compares s = ${sparse} with s = ${dense}.`);
  const pct = (s: number) => `${Math.round(100 * s)} %`;
  const ratio = (a: number, b: number) => a / b;
  const checks: ClaimVerdict['checks'] = [];
  const close = (label: string, a: number, b: number) => {
    const r = ratio(a, b);
    checks.push({
      passed: r <= CLOSE_FACTOR,
      text: `${label}: ${a.toFixed(3)} at ${pct(sparse)} vs ${b.toFixed(3)} at ${pct(dense)} (×${r.toFixed(2)}; close means ≤ ×${CLOSE_FACTOR}).`,
    });
  };
  close('Whole grid, all frames', few.all, many.all);
  close('Never-observed points, training frames', few.inT_outS, many.inT_outS);
  close('Never-observed points, beyond the horizon', few.outT_outS, many.outT_outS);
  const offGrid = ratio(few.inT_outS, few.inT_inS);
  checks.push({
    passed: offGrid <= CLOSE_FACTOR,
    text: `At ${pct(sparse)}, never-observed points vs observed ones (training frames): ${few.inT_outS.toFixed(3)} vs ${few.inT_inS.toFixed(3)} (×${offGrid.toFixed(2)}).`,
  });
  const grid = at(baseline, sparse);
  if (grid) {
    checks.push({
      passed: few.inT_outS < grid.inT_outS,
      text: `At ${pct(sparse)}, DINo vs the grid baseline on never-observed points: ${few.inT_outS.toFixed(3)} vs ${grid.inT_outS.toFixed(3)}.`,
    });
  }
  const passed = checks.filter((c) => c.passed).length;
  return {
    verdict: passed === checks.length ? 'holds' : passed === 0 ? 'does not hold' : 'partly holds',
    checks,
  };
}
