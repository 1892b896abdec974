/**
 * Params made of variables other Params own, by name, without copies: the trainer's checkpointed
 * whole (model + codes + summed gradients) and each optimizer's share of the model (AdamW steps
 * whatever `trainable()` lists). A view creates nothing and disposes nothing.
 */
import type * as tf from '@tensorflow/tfjs';
import { Params } from '../nn/params';

export interface ParamsPart {
  params: Params;
  /** Which of its parameters to show (default all). */
  keep?: (name: string) => boolean;
}

export class ParamsView extends Params {
  private readonly owners = new Map<string, Params>();

  constructor(parts: readonly ParamsPart[]) {
    super();
    for (const { params, keep } of parts) {
      for (const name of params.names) {
        if (keep && !keep(name)) continue;
        if (this.owners.has(name)) throw new Error(`Parameter "${name}" is shown twice.`);
        this.owners.set(name, params);
      }
    }
  }

  override fromData(name: string): tf.Variable {
    throw new Error(`A view of parameters cannot create "${name}".`);
  }

  override get(name: string): tf.Variable {
    const owner = this.owners.get(name);
    if (!owner) throw new Error(`No parameter named "${name}".`);
    return owner.get(name);
  }

  override has(name: string): boolean {
    return this.owners.has(name);
  }

  override get names(): string[] {
    return [...this.owners.keys()];
  }

  override trainable(): [string, tf.Variable][] {
    return this.names
      .map((name): [string, tf.Variable] => [name, this.get(name)])
      .filter(([, variable]) => variable.trainable);
  }

  override count(which: 'all' | 'trainable' = 'all'): number {
    const list =
      which === 'all' ? this.names.map((n) => this.get(n)) : this.trainable().map(([, v]) => v);
    return list.reduce((total, v) => total + v.size, 0);
  }

  override shapes(): Map<string, number[]> {
    return new Map(this.names.map((n) => [n, [...this.get(n).shape]]));
  }

  /** The owners keep their variables. */
  override dispose(): void {
    this.owners.clear();
  }
}
