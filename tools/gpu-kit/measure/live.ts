/**
 * The Data panel's live simulator: one trajectory at the lab's live defaults for an equation,
 * advanced one record interval per frame and read back every frame (the LiveSimulator the worker
 * runs), for as many frames as fit in the cap after one warm-up frame.
 */
import { defaults } from '../../../src/schema/params';
import { pdeSpec } from '../../../src/pde/registry';
import type { PdeId } from '../../../src/pde/types';
import { LiveSimulator } from '../../../src/runtime/live/liveSimulator';
import { now, round } from './timing';

export interface LiveFigure {
  pde: PdeId;
  n: number;
  scheme: string;
  solverStepsPerFrame: number;
  frames: number;
  seconds: number;
  framesPerSecond: number;
}

export async function measureLiveFrames(
  pde: PdeId,
  n: number,
  capSeconds: number,
  maxFrames = 120,
): Promise<LiveFigure> {
  const spec = pdeSpec(pde);
  const simulator = new LiveSimulator();
  try {
    await simulator.configure({
      pde,
      params: defaults(spec.params) as Record<string, number | string | boolean>,
      scheme: spec.defaultScheme,
      n,
      dt: spec.defaultDt,
      recordInterval: spec.defaultRecordInterval,
      initialCondition: spec.defaultInitialCondition,
      initialParams: {},
      seed: 0,
    });
    const first = await simulator.advance(1);
    const started = now();
    let frames = 0;
    let last = first;
    while (frames < maxFrames && (frames === 0 || now() - started < capSeconds * 1000)) {
      last = await simulator.advance(1);
      frames++;
    }
    const seconds = (now() - started) / 1000;
    return {
      pde,
      n,
      scheme: spec.defaultScheme,
      solverStepsPerFrame: (last.steps - first.steps) / frames,
      frames,
      seconds: round(seconds),
      framesPerSecond: round(frames / seconds),
    };
  } finally {
    simulator.dispose();
  }
}
