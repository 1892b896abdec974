/** The training-speed bench job's parameters and result: plain data the UI and bench may import. */

export interface BenchTrainParams {
  /** A model of the registry (src/models/catalog.ts). */
  modelId: string;
  /** One of its presets. */
  preset: string;
  /** Windows per step. */
  batchSize: number;
  /** Timed training steps. */
  steps: number;
  /** Untimed steps before them (they compile the shaders). */
  warmupSteps: number;
}

export interface BenchTrainResult {
  modelId: string;
  preset: string;
  /** Trainable parameters of the model. */
  parameters: number;
  batchSize: number;
  /** Timed steps. */
  steps: number;
  /** Median wall time of a timed step (gradients, update, loss readback), as the Train panel shows it. */
  msPerStep: number;
  /** batchSize / msPerStep, in windows per second. */
  samplesPerSecond: number;
  /** Wall time of every timed step, in order. */
  stepMs: number[];
  /** Wall time of the untimed warm-up steps together. */
  warmupMs: number;
  /** The tfjs backend the steps ran on. */
  backend: string;
}
