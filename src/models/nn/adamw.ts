/**
 * Adam with decoupled weight decay (PyTorch's torch.optim.AdamW) over a Params collection, with
 * the learning rate given at every step, so any schedule function can drive it. The coupled-L2
 * variant (torch.optim.Adam's weight_decay, as DPOT uses) is a mode of the same optimizer.
 */
import * as tf from '@tensorflow/tfjs';
import { matchNamedShapes, type NamedTensorData, type Params } from './params';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /**
   * 'decoupled' (AdamW, default): p ← p·(1 − lr·wd) before the Adam update.
   * 'l2' (Adam's weight_decay): g ← g + wd·p before the moments.
   */
  weightDecayMode?: 'decoupled' | 'l2';
  /** Which parameters get weight decay (default: all, as PyTorch with one param group). */
  decays?: (name: string) => boolean;
}

export interface AdamWHyperparameters {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  weightDecayMode: 'decoupled' | 'l2';
}

/** What resuming needs: step count, hyperparameters, and both moments of every parameter. */
export interface OptimizerState {
  kind: 'adamw';
  /** Number of updates applied so far (Adam's t). */
  step: number;
  hyper: AdamWHyperparameters;
  /** First moments m, one per trainable parameter, named as the parameter. */
  m: NamedTensorData[];
  /** Second moments v. */
  v: NamedTensorData[];
}

export interface StepOverrides {
  /** This step's β₁ (OneCycle's momentum cycling); default the constructor's. */
  beta1?: number;
}

interface Slot {
  name: string;
  param: tf.Variable;
  m: tf.Variable;
  v: tf.Variable;
  decays: boolean;
}

export class AdamW {
  readonly hyper: AdamWHyperparameters;
  private readonly slots: Slot[];
  private t = 0;

  constructor(params: Params, options: AdamWOptions = {}) {
    this.hyper = {
      beta1: options.beta1 ?? 0.9,
      beta2: options.beta2 ?? 0.999,
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0.01,
      weightDecayMode: options.weightDecayMode ?? 'decoupled',
    };
    const decays = options.decays ?? (() => true);
    // Moments exist from the start, so memory use is flat from the first step on.
    this.slots = params.trainable().map(([name, param]) => ({
      name,
      param,
      m: zerosVariable(param.shape),
      v: zerosVariable(param.shape),
      decays: decays(name),
    }));
  }

  /** Updates applied so far. */
  get step(): number {
    return this.t;
  }

  /**
   * One update with learning rate `lr` from gradients by parameter name. Parameters without a
   * gradient are left alone, moments and decay included (as PyTorch skips `grad is None`).
   */
  apply(grads: Readonly<Record<string, tf.Tensor>>, lr: number, overrides: StepOverrides = {}) {
    const { beta2, eps, weightDecay, weightDecayMode } = this.hyper;
    const beta1 = overrides.beta1 ?? this.hyper.beta1;
    this.t += 1;
    const correction1 = 1 - beta1 ** this.t;
    const correction2 = 1 - beta2 ** this.t;
    tf.tidy(() => {
      for (const slot of this.slots) {
        let g = grads[slot.name];
        if (!g) continue;
        const decay = slot.decays ? weightDecay : 0;
        if (weightDecayMode === 'l2' && decay !== 0) g = g.add(slot.param.mul(decay));
        const m = slot.m.mul(beta1).add(g.mul(1 - beta1));
        const v = slot.v.mul(beta2).add(g.square().mul(1 - beta2));
        slot.m.assign(m);
        slot.v.assign(v);
        // PyTorch's arithmetic: p −= (lr / c₁) · m / (√v / √c₂ + eps).
        const denom = v.sqrt().div(Math.sqrt(correction2)).add(eps);
        const kept = weightDecayMode === 'decoupled' ? 1 - lr * decay : 1;
        const decayed = kept === 1 ? slot.param : slot.param.mul(kept);
        slot.param.assign(decayed.sub(m.div(denom).mul(lr / correction1)));
      }
    });
  }

  async snapshot(): Promise<OptimizerState> {
    const read = (pick: (s: Slot) => tf.Variable) =>
      Promise.all(
        this.slots.map(async (s) => ({
          name: s.name,
          shape: [...s.param.shape],
          data: Float32Array.from(await pick(s).data<'float32'>()),
        })),
      );
    return {
      kind: 'adamw',
      step: this.t,
      hyper: { ...this.hyper },
      m: await read((s) => s.m),
      v: await read((s) => s.v),
    };
  }

  /** Resumes from a snapshot of an optimizer over parameters with the same names and shapes. */
  restore(state: OptimizerState): void {
    if (state.kind !== 'adamw')
      throw new Error(`Cannot restore a "${String(state.kind)}" optimizer state into AdamW.`);
    if (!Number.isInteger(state.step) || state.step < 0) {
      throw new Error(`Optimizer state has an invalid step count ${state.step}.`);
    }
    const expected = new Map(this.slots.map((s) => [s.name, [...s.param.shape]]));
    for (const [label, list] of [
      ['first moments', state.m],
      ['second moments', state.v],
    ] as const) {
      const problems = matchNamedShapes(expected, list);
      if (problems.length)
        throw new Error(`Optimizer state ${label} do not fit: ${problems.join('; ')}.`);
    }
    const byName = (list: NamedTensorData[]) => new Map(list.map((t) => [t.name, t]));
    const [m, v] = [byName(state.m), byName(state.v)];
    for (const slot of this.slots) {
      const mm = m.get(slot.name)!;
      const vv = v.get(slot.name)!;
      tf.tidy(() => {
        slot.m.assign(tf.tensor(mm.data.slice(), mm.shape, 'float32'));
        slot.v.assign(tf.tensor(vv.data.slice(), vv.shape, 'float32'));
      });
    }
    this.t = state.step;
  }

  dispose(): void {
    for (const slot of this.slots) tf.dispose([slot.m, slot.v]);
  }
}

function zerosVariable(shape: number[]): tf.Variable {
  const zeros = tf.zeros(shape);
  const variable = tf.variable(zeros, false);
  zeros.dispose();
  return variable;
}
