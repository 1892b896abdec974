/**
 * Learning-rate schedules as pure functions of the step index (0 = the first update), matching
 * the PyTorch schedulers the seed papers use, stepped once per batch.
 */

export type Schedule = (step: number) => number;

export function constantSchedule(lr: number): Schedule {
  return () => lr;
}

export interface WarmupCosineOptions {
  peak: number;
  /** Steps of linear warm-up: lr = peak·step/warmupSteps (0 at step 0, as HF transformers). */
  warmupSteps: number;
  totalSteps: number;
  /** Floor reached at the last step (default 0). */
  min?: number;
}

/**
 * Linear warm-up, then a half cosine from `peak` down to `min` over the remaining steps; stays at
 * `min` past totalSteps. With warmupSteps 0 this is CosineAnnealingLR with T_max = totalSteps.
 */
export function warmupCosineSchedule(options: WarmupCosineOptions): Schedule {
  const { peak, warmupSteps, totalSteps } = options;
  const min = options.min ?? 0;
  if (!(warmupSteps >= 0 && totalSteps > warmupSteps)) {
    throw new RangeError(`need 0 ≤ warmupSteps < totalSteps, got ${warmupSteps}, ${totalSteps}`);
  }
  return (step) => {
    if (step < warmupSteps) return (peak * step) / warmupSteps;
    const progress = Math.min(1, (step - warmupSteps) / (totalSteps - warmupSteps));
    return min + ((peak - min) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}

export interface OneCycleOptions {
  maxLr: number;
  totalSteps: number;
  /** Fraction of steps spent rising (default 0.3). */
  pctStart?: number;
  /** initial lr = maxLr / divFactor (default 25). */
  divFactor?: number;
  /** final lr = initial lr / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Momentum (Adam's β₁) range cycled against the lr, PyTorch's cycle_momentum. */
  baseMomentum?: number;
  maxMomentum?: number;
}

interface Phase {
  endStep: number;
  from: number;
  to: number;
}

/** PyTorch's _annealing_cos: from `start` at pct 0 to `end` at pct 1 along a half cosine. */
function annealCos(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
}

/** Two cosine phases, exactly as torch.optim.lr_scheduler.OneCycleLR's get_lr (three_phase off). */
function twoPhase(options: OneCycleOptions, first: [number, number], second: [number, number]) {
  const { totalSteps } = options;
  const pctStart = options.pctStart ?? 0.3;
  if (!(totalSteps >= 2) || !(pctStart > 0 && pctStart < 1)) {
    throw new RangeError(`OneCycle needs totalSteps ≥ 2 and 0 < pctStart < 1`);
  }
  const phases: Phase[] = [
    { endStep: pctStart * totalSteps - 1, from: first[0], to: first[1] },
    { endStep: totalSteps - 1, from: second[0], to: second[1] },
  ];
  return (step: number): number => {
    // Past the end PyTorch raises; here the schedule holds its final value.
    const s = Math.min(step, totalSteps - 1);
    let startStep = 0;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i]!;
      if (s <= phase.endStep || i === phases.length - 1) {
        const span = phase.endStep - startStep;
        // A warm-up shorter than one step (PyTorch divides by zero there) ends at once.
        return span > 0 ? annealCos(phase.from, phase.to, (s - startStep) / span) : phase.to;
      }
      startStep = phase.endStep;
    }
    throw new Error('unreachable');
  };
}

/** OneCycleLR's learning rate (anneal_strategy 'cos'). */
export function oneCycleSchedule(options: OneCycleOptions): Schedule {
  const initial = options.maxLr / (options.divFactor ?? 25);
  const final = initial / (options.finalDivFactor ?? 1e4);
  return twoPhase(options, [initial, options.maxLr], [options.maxLr, final]);
}

/**
 * OneCycleLR's momentum (cycle_momentum, on by default): Adam's β₁ falls from maxMomentum
 * (0.95) to baseMomentum (0.85) while the lr rises, and climbs back as it decays. Pass it to
 * AdamW.apply as `beta1` to reproduce a PyTorch OneCycle run exactly.
 */
export function oneCycleMomentumSchedule(options: OneCycleOptions): Schedule {
  const base = options.baseMomentum ?? 0.85;
  const max = options.maxMomentum ?? 0.95;
  return twoPhase(options, [max, base], [base, max]);
}
