/** The time-stepping experiment's parameters and result: plain data the UI may import. */

/** What the stepper is conditioned on (models/mae/downstream/stepperConditioning's arms). */
export type StepperArmId = 'none' | 'mae' | 'coefficients';

export const STEPPER_ARM_IDS: readonly StepperArmId[] = ['none', 'mae', 'coefficients'];

export const STEPPER_ARM_LABELS: Record<StepperArmId, string> = {
  none: 'No conditioning',
  mae: 'MAE embedding',
  coefficients: 'True coefficients (oracle)',
};

export const STEPPER_EXPERIMENT_DEFAULTS = {
  arms: ['none', 'mae', 'coefficients'] as StepperArmId[],
  steps: 300,
  batchSize: 16,
  lr: 8e-4,
  width: 24,
  modes: 8,
  embedDim: 16,
  seed: 0,
};

export interface StepperExperimentParams {
  /** A saved MAE checkpoint: its grid, window and channels, and the 'mae' arm's encoder. */
  checkpointId: string;
  datasetId: string;
  arms: StepperArmId[];
  steps: number;
  batchSize: number;
  /** AdamW's peak learning rate, decayed along a cosine to 1e-4. */
  lr: number;
  width: number;
  modes: number;
  embedDim: number;
  seed: number;
}

export interface StepperArmResult {
  arm: StepperArmId;
  /** Mean relative L2 over the evaluated trajectories, one per rollout chunk. */
  chunkErrors: number[];
  /** The mean of chunkErrors. */
  meanError: number;
  /** Training loss at some steps (at most ~100 points). */
  loss: { step: number; value: number }[];
  /** Trainable parameters (the conditioning's Linear layers included). */
  parameterCount: number;
  /** The forecast trajectory's predicted frames T…end, channel 0: [frames − T, size, size]. */
  forecast: Float32Array;
}

export interface StepperExperimentResult {
  arms: StepperArmResult[];
  /** Arms asked for that could not run, and why. */
  skipped: { arm: StepperArmId; reason: string }[];
  /** Frames [start, end) of each rollout chunk; the first window (0…T−1) is given. */
  chunks: { start: number; end: number }[];
  /** Frames per window (T), per trajectory, and the grid side (the model's). */
  window: number;
  frames: number;
  size: number;
  /** Which split was rolled out, and how many trajectories of it. */
  split: 'test' | 'validation';
  evaluated: number;
  trainTrajectories: number;
  /** The trajectory shown side by side: its index in the dataset and its equation. */
  forecastTrajectory: number;
  forecastEquation: string;
  /** Its true frames T…end, channel 0: [frames − T, size, size]. */
  truth: Float32Array;
  /** The encoder's run and step. */
  runName: string;
  step: number;
}
