/** Δt itself, after checking that it is a positive finite number. */
export function checkedDt(dt: number): number {
  if (!(dt > 0 && Number.isFinite(dt))) {
    throw new Error(`The time step must be a positive number (got ${dt}).`);
  }
  return dt;
}
