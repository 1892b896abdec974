/**
 * The exact flow of one damped oscillator q'' + γq' + ω0²q = 0 (a Fourier mode of the damped
 * wave equation), in float64. With r = γ/2 and ω_d = √(ω0² − r²),
 *   q(t) = e^{−rt}[q0 cos ω_d t + (p0 + r q0) sin(ω_d t)/ω_d]
 *   p(t) = e^{−rt}[p0 cos ω_d t − (r p0 + ω0² q0) sin(ω_d t)/ω_d],
 * continued to cosh/sinh when overdamped (ω0 < r) and to the limit sin(ω_d t)/ω_d → t.
 */

/** The linear map (q0, p0) ↦ (q, p): q = qq·q0 + qp·p0, p = pq·q0 + pp·p0. */
export interface OscillatorFlow {
  qq: number;
  qp: number;
  pq: number;
  pp: number;
}

/** Below this |ω_d t|², cos and sin(x)/x come from their series (error < 2e-15). */
const SERIES_LIMIT = 1e-4;

export function dampedOscillatorFlow(omega0Sq: number, r: number, t: number): OscillatorFlow {
  // e^{−rt}·cos(ω_d t) and e^{−rt}·sin(ω_d t)/ω_d, with their overdamped continuations
  let decayedCos: number;
  let decayedSin: number;
  const wdSq = omega0Sq - r * r;
  const xSq = wdSq * t * t;
  if (Math.abs(xSq) < SERIES_LIMIT) {
    const decay = Math.exp(-r * t);
    decayedCos = decay * (1 - xSq / 2 + (xSq * xSq) / 24);
    decayedSin = decay * t * (1 - xSq / 6 + (xSq * xSq) / 120);
  } else if (wdSq > 0) {
    const wd = Math.sqrt(wdSq);
    const decay = Math.exp(-r * t);
    decayedCos = decay * Math.cos(wd * t);
    decayedSin = (decay * Math.sin(wd * t)) / wd;
  } else {
    // e^{−rt}cosh(wt) = ½(e^{−(r−w)t} + e^{−(r+w)t}) never overflows; r − w = ω0²/(r + w)
    // avoids the cancellation when ω0 ≪ r.
    const w = Math.sqrt(-wdSq);
    const slow = Math.exp((-omega0Sq / (r + w)) * t);
    const fast = Math.exp(-(r + w) * t);
    decayedCos = (slow + fast) / 2;
    decayedSin = (slow - fast) / (2 * w);
  }
  return {
    qq: decayedCos + r * decayedSin,
    qp: decayedSin,
    pq: -omega0Sq * decayedSin,
    pp: decayedCos - r * decayedSin,
  };
}
