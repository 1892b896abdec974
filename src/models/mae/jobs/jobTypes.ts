/**
 * The MAE's own worker jobs by name, with their params and results: plain types the UI may import
 * to start them as `modelJob`s (./index.ts holds the jobs themselves).
 */
import type { EmbedDatasetParams, EmbedDatasetResult } from './embedDatasetConfig';
import type {
  RegressionExperimentParams,
  RegressionExperimentResult,
} from './regressionExperimentConfig';
import type { StepperExperimentParams, StepperExperimentResult } from './stepperExperimentConfig';

export interface MaeJobTypes {
  /** Coefficient regression from the encoder: frozen, fine-tuned and from-scratch arms. */
  regressionExperiment: { params: RegressionExperimentParams; result: RegressionExperimentResult };
  /** A neural time-stepper trained without conditioning, on the MAE's embedding, on the true coefficients. */
  stepperExperiment: { params: StepperExperimentParams; result: StepperExperimentResult };
  /** The encoder's latent space, projected to 2-D. */
  embedDataset: { params: EmbedDatasetParams; result: EmbedDatasetResult };
}

export type MaeJobName = keyof MaeJobTypes;
