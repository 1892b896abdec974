import { describe, expect, it } from 'vitest';
import { dampedOscillatorFlow } from './oscillator';

/** q'' + 2r q' + ω0² q = 0 integrated by classic RK4 in float64: an independent reference. */
function rk4(omega0Sq: number, r: number, t: number, q0: number, p0: number): [number, number] {
  const steps = 20_000;
  const h = t / steps;
  const f = (q: number, p: number): [number, number] => [p, -omega0Sq * q - 2 * r * p];
  let q = q0;
  let p = p0;
  for (let s = 0; s < steps; s++) {
    const [a1, b1] = f(q, p);
    const [a2, b2] = f(q + (h / 2) * a1, p + (h / 2) * b1);
    const [a3, b3] = f(q + (h / 2) * a2, p + (h / 2) * b2);
    const [a4, b4] = f(q + h * a3, p + h * b3);
    q += (h / 6) * (a1 + 2 * a2 + 2 * a3 + a4);
    p += (h / 6) * (b1 + 2 * b2 + 2 * b3 + b4);
  }
  return [q, p];
}

describe('dampedOscillatorFlow', () => {
  const cases: [string, number, number, number][] = [
    ['undamped', 4, 0, 3],
    ['underdamped', 4, 0.5, 3],
    ['critically damped (ω_d = 0)', 1, 1, 3],
    ['just under critical', 1 + 1e-7, 1, 3],
    ['just over critical', 1 - 1e-7, 1, 3],
    ['overdamped', 0.25, 2, 3],
    ['k = 0, damped', 0, 0.7, 3],
    ['k = 0, undamped', 0, 0, 3],
    ['tiny ω0, damped', 1e-12, 0.3, 3],
    ['high frequency', 100, 0.1, 2],
  ];

  it.each(cases)('matches RK4 in float64 when %s (1e-9)', (_name, omega0Sq, r, t) => {
    const flow = dampedOscillatorFlow(omega0Sq, r, t);
    for (const [q0, p0] of [
      [1, 0],
      [0, 1],
    ] as const) {
      const [q, p] = rk4(omega0Sq, r, t, q0, p0);
      expect(Math.abs(flow.qq * q0 + flow.qp * p0 - q)).toBeLessThan(1e-9);
      expect(Math.abs(flow.pq * q0 + flow.pp * p0 - p)).toBeLessThan(1e-9);
    }
  });

  it('gives the k = 0 closed form q0 + p0(1 − e^{−γt})/γ, with velocity p0·e^{−γt}', () => {
    const gamma = 0.8;
    const t = 2.5;
    const flow = dampedOscillatorFlow(0, gamma / 2, t);
    expect(flow.qq).toBeCloseTo(1, 14);
    expect(flow.qp).toBeCloseTo((1 - Math.exp(-gamma * t)) / gamma, 14);
    expect(flow.pq).toBe(-0);
    expect(flow.pp).toBeCloseTo(Math.exp(-gamma * t), 14);
    expect(dampedOscillatorFlow(0, 0, t)).toEqual({ qq: 1, qp: t, pq: -0, pp: 1 });
  });

  it('stays finite for heavily overdamped modes over long times', () => {
    const flow = dampedOscillatorFlow(1e-3, 1, 2000);
    for (const value of Object.values(flow)) expect(Number.isFinite(value)).toBe(true);
    // only the slow root r − w = ω0²/(r + w) survives: q = e^{−(r−w)t}(r + w)/(2w)
    const w = Math.sqrt(1 - 1e-3);
    expect(flow.qq).toBeCloseTo((Math.exp((-1e-3 / (1 + w)) * 2000) * (1 + w)) / (2 * w), 12);
  });

  it('composes: the flow over s + t is the flow over t after the flow over s', () => {
    const [omega0Sq, r] = [3, 0.4];
    const a = dampedOscillatorFlow(omega0Sq, r, 0.7);
    const b = dampedOscillatorFlow(omega0Sq, r, 1.9);
    const ab = dampedOscillatorFlow(omega0Sq, r, 2.6);
    expect(b.qq * a.qq + b.qp * a.pq).toBeCloseTo(ab.qq, 14);
    expect(b.qq * a.qp + b.qp * a.pp).toBeCloseTo(ab.qp, 14);
    expect(b.pq * a.qq + b.pp * a.pq).toBeCloseTo(ab.pq, 14);
    expect(b.pq * a.qp + b.pp * a.pp).toBeCloseTo(ab.pp, 14);
  });
});
