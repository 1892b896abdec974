/** The MAE jobs' first step after the dataset: a saved MAE loaded from its checkpoint, or why not. */
import { decodeCheckpoint } from '../../nn/checkpoint';
import type { ModelJobContext } from '../../runtime';
import { errorMessage } from '../../../util/errorMessage';
import { MAE_MODEL_ID, maeFromCheckpoint } from '../checkpoint';
import type { MaeModel } from '../model';

export interface LoadedEncoder {
  /** The caller disposes it. */
  model: MaeModel;
  runName: string;
  /** Training steps the checkpoint was taken at. */
  step: number;
}

/**
 * The MAE of a saved checkpoint, or why not in words. `chooseAnother`: what the user can do when
 * the checkpoint is gone, in the words of the section that asked for it.
 */
export async function loadEncoder(
  ctx: ModelJobContext,
  checkpointId: string,
  chooseAnother: string,
): Promise<LoadedEncoder> {
  const saved = await ctx.readCheckpoint(checkpointId);
  if (!saved) {
    throw new Error(
      `The chosen model’s checkpoint is no longer saved in this browser: ${chooseAnother}.`,
    );
  }
  try {
    const checkpoint = decodeCheckpoint(saved.bytes, { modelId: MAE_MODEL_ID });
    return { model: maeFromCheckpoint(checkpoint), runName: saved.runName, step: checkpoint.step };
  } catch (error) {
    throw new Error(
      `The chosen model’s checkpoint is damaged and cannot be loaded (${errorMessage(error)}). Train the model again, or choose another source.`,
    );
  }
}
