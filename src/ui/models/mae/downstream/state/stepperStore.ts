/**
 * The Downstream panel's time-stepping experiment: which arms to train, steps and seed, the job
 * in the worker, and the latest result, kept when a later run fails or is stopped.
 */
import { create } from 'zustand';
import {
  STEPPER_EXPERIMENT_DEFAULTS,
  type StepperArmId,
  type StepperExperimentParams,
  type StepperExperimentResult,
} from '../../../../../models/mae/jobs/stepperExperimentConfig';
import type { DownstreamTarget } from './downstreamStore';
import { stopKeptJob } from '../../../../../state/keptJob';
import { startMaeJob } from './maeJob';
import type { Outcome } from '../../../../../state/outcome';

export interface StepperChoices {
  arms: StepperArmId[];
  steps: number;
  seed: number;
}

/** A finished run with what it was asked and on what. */
export interface SteppedRun {
  params: StepperExperimentParams;
  result: StepperExperimentResult;
  datasetName: string;
}

interface StepperState {
  choices: StepperChoices;
  activeJobId?: string;
  last?: SteppedRun;
  outcome?: Outcome;
  choose(change: Partial<StepperChoices>): void;
  run(target: DownstreamTarget): void;
  stop(): void;
}

export const useStepper = create<StepperState>()((set, get) => ({
  choices: {
    arms: [...STEPPER_EXPERIMENT_DEFAULTS.arms],
    steps: STEPPER_EXPERIMENT_DEFAULTS.steps,
    seed: STEPPER_EXPERIMENT_DEFAULTS.seed,
  },

  choose(change) {
    set((s) => ({ choices: { ...s.choices, ...change } }));
  },

  run(target) {
    if (get().activeJobId) return;
    const { arms, steps, seed } = get().choices;
    const params: StepperExperimentParams = {
      ...STEPPER_EXPERIMENT_DEFAULTS,
      checkpointId: target.model.checkpointId,
      datasetId: target.dataset.id,
      arms: [...arms],
      steps,
      seed,
    };
    startMaeJob(
      'stepperExperiment',
      params,
      { title: 'Conditioned time-stepping', what: 'The time-stepping run' },
      set,
      (result) => {
        set({ last: { params, result, datasetName: target.dataset.name } });
        const skipped = result.skipped.map((s) => `${s.arm} (${s.reason})`).join('; ');
        return skipped ? { tone: 'info', text: `Left out: ${skipped}.` } : undefined;
      },
    );
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
