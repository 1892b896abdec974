/**
 * One live simulation in the worker: the state stays on the GPU, the UI asks for the next frame
 * (so it never falls behind), and parameter changes take effect on the next step.
 */
import * as tf from '@tensorflow/tfjs';
import type { Grid } from '../../pde/grid';
import { initialConditionTensor } from '../../pde/initial/tensor';
import { pdeSpec } from '../../pde/registry';
import { advanceInterval, SimulationDivergedError } from '../../pde/simulate';
import type { PdeSpec, Solver, SolverSetup } from '../../pde/types';
import type { LiveConfig, LiveFrame, PaintStroke } from './config';

export class LiveSimulator {
  private config: LiveConfig | undefined;
  private spec: PdeSpec | undefined;
  private solver: Solver | undefined;
  private setup: SolverSetup | undefined;
  private state: tf.Tensor4D | undefined;
  private time = 0;
  private steps = 0;
  private substepNote: string | undefined;

  /** Applies new settings: the grid, equation, initial condition or seed restart the run; coefficients and scheme change it in place. */
  async configure(config: LiveConfig): Promise<LiveFrame> {
    const previous = this.config;
    const spec = pdeSpec(config.pde);
    const restart =
      !previous ||
      previous.pde !== config.pde ||
      previous.n !== config.n ||
      previous.initialCondition !== config.initialCondition ||
      JSON.stringify(previous.initialParams) !== JSON.stringify(config.initialParams) ||
      previous.seed !== config.seed;
    this.solver = this.buildSolver(spec, config);
    this.spec = spec;
    this.config = config;
    if (restart) return this.reset();
    return this.frame();
  }

  async reset(): Promise<LiveFrame> {
    const { config, spec } = this;
    if (!config || !spec) throw new Error('The live simulator has not been configured.');
    this.state?.dispose();
    this.state = initialConditionTensor(config.initialCondition, {
      grid: gridOf(spec, config.n),
      seeds: [config.seed],
      params: config.initialParams,
      channels: spec.channels.length,
      fill: spec.initialFill ?? 'zeros',
    });
    this.time = 0;
    this.steps = 0;
    this.substepNote = undefined;
    return this.frame();
  }

  /** Advances by `intervals` record intervals. On blow-up the last good state is kept. */
  async advance(intervals: number): Promise<LiveFrame> {
    const { config, solver, state } = this.ready();
    let current = state;
    try {
      for (let i = 0; i < intervals; i++) {
        const { state: next, plan } = await advanceInterval(
          current,
          { solver, recordInterval: config.recordInterval, dt: config.dt },
          {
            onSubstep: (p, stableDt) => {
              this.substepNote = `Δt = ${config.dt} is beyond the stability limit (${stableDt.toPrecision(2)}) at these settings: sub-stepping with Δt = ${p.dt.toPrecision(2)}.`;
            },
          },
        );
        if (!plan.limitedByStability) this.substepNote = undefined;
        if (current !== state) current.dispose();
        current = next;
        this.steps += plan.substeps;
      }
      const values = await current.data();
      if (values.some((v) => !Number.isFinite(v))) {
        throw new SimulationDivergedError(
          `The simulation blew up near t = ${(this.time + intervals * config.recordInterval).toPrecision(4)} (${describeParams(config)}). The last good state is kept: change the parameters or reset.`,
        );
      }
    } catch (error) {
      if (current !== state) current.dispose();
      throw error;
    }
    state.dispose();
    this.state = current;
    this.time += intervals * config.recordInterval;
    return this.frame();
  }

  /** Adds (or, with a negative amount, removes) a smooth blob on one channel. */
  async paint(stroke: PaintStroke): Promise<LiveFrame> {
    const { config, spec, state } = this.ready();
    const n = config.n;
    const channels = spec.channels.length;
    const blob = new Float32Array(n * n * channels);
    const r = Math.max(stroke.radius, 1 / n);
    for (let i = 0; i < n; i++) {
      const dx = periodicDistance(i / n, stroke.x);
      for (let j = 0; j < n; j++) {
        const dy = periodicDistance(j / n, stroke.y);
        blob[(i * n + j) * channels + stroke.channel] =
          stroke.amount * Math.exp(-(dx * dx + dy * dy) / (2 * r * r));
      }
    }
    this.state = tf.tidy(() => state.add(tf.tensor4d(blob, [1, n, n, channels])));
    state.dispose();
    return this.frame();
  }

  dispose(): void {
    this.solver?.dispose();
    this.state?.dispose();
    this.solver = undefined;
    this.state = undefined;
    this.config = undefined;
  }

  private buildSolver(spec: PdeSpec, config: LiveConfig): Solver {
    const coefficients: Record<string, Float32Array> = {};
    const options: Record<string, string | boolean> = {};
    for (const [name, param] of Object.entries(spec.params)) {
      const value = config.params[name] ?? param.default;
      if (param.kind === 'number') coefficients[name] = Float32Array.of(Number(value));
      else options[name] = value as string | boolean;
    }
    const setup: SolverSetup = {
      grid: gridOf(spec, config.n),
      scheme: config.scheme,
      batch: 1,
      coefficients,
      options,
    };
    // Build first: if the new settings are refused, the running solver stays.
    const solver = spec.createSolver(setup);
    this.solver?.dispose();
    this.setup = setup;
    return solver;
  }

  private async frame(): Promise<LiveFrame> {
    const { config, spec, state, setup } = this.ready();
    const measured = spec.measure(state, setup);
    const flow = spec.velocity?.(state, setup);
    const [data, measures, velocity] = await Promise.all([
      state.data(),
      measured.data(),
      flow?.data(),
    ]);
    tf.dispose([measured, ...(flow ? [flow] : [])]);
    return {
      time: this.time,
      steps: this.steps,
      n: config.n,
      channels: spec.channels,
      data: (data as Float32Array).slice(),
      measures: Array.from(measures),
      measureLabels: spec.measures.map((m) => m.label),
      ...(velocity ? { velocity: velocity as Float32Array } : {}),
      ...(this.substepNote ? { substepNote: this.substepNote } : {}),
    };
  }

  private ready() {
    const { config, spec, solver, state, setup } = this;
    if (!config || !spec || !solver || !state || !setup)
      throw new Error('The live simulator has not been configured.');
    return { config, spec, solver, state, setup };
  }
}

function gridOf(spec: PdeSpec, n: number): Grid {
  return { n, length: spec.domain.length, origin: spec.domain.origin };
}

function periodicDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 1;
  return Math.min(d, 1 - d);
}

function describeParams(config: LiveConfig): string {
  return Object.entries(config.params)
    .map(([k, v]) => `${k} = ${v}`)
    .concat(`Δt = ${config.dt}`, `scheme ${config.scheme}`)
    .join(', ');
}
