/**
 * The Mask panel's trained model: loads a masked autoencoder from a checkpoint in lab storage,
 * keeps the latest one in memory (disposing the one before when another is asked for) and fills
 * the hidden patches of one window with it.
 */
import * as tf from '@tensorflow/tfjs';
import type { TokenMask } from '../../data/masks';
import { MAE_MODEL_ID, maeFromCheckpoint } from '../../models/mae/checkpoint';
import { maeReconstruct, type MaeModel } from '../../models/mae/model';
import { decodeCheckpoint } from '../../models/nn/checkpoint';
import type { LabStorage } from '../../storage/labStorage';
import { errorMessage } from '../../util/errorMessage';

export interface LoadedMaskModel {
  model: MaeModel;
  checkpointId: string;
  /** The checkpoint record's createdAt. */
  savedAt: number;
  runId: string;
  runName: string;
  step: number;
}

export interface ModelRequest {
  checkpointId: string;
  savedAt?: number;
}

export class MaskModelCache {
  private current: { key: string; loaded: Promise<LoadedMaskModel> } | undefined;

  /**
   * `chooseAnother`: what the user can do when the checkpoint is gone, in the words of the panel
   * that asked for it.
   */
  constructor(
    private readonly openStorage: () => Promise<LabStorage>,
    private readonly chooseAnother = 'choose another source under “Reconstruct with”',
  ) {}

  /**
   * The model of a checkpoint; the same promise while the same checkpoint (and save) is asked
   * for. Asking for another disposes the model held before, once it has loaded.
   */
  get(request: ModelRequest): Promise<LoadedMaskModel> {
    const key = `${request.checkpointId}@${request.savedAt ?? ''}`;
    if (this.current?.key === key) return this.current.loaded;
    this.release();
    const loaded = this.load(request.checkpointId);
    const entry = { key, loaded };
    this.current = entry;
    // A failed load is not kept: the next preview tries again.
    loaded.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return loaded;
  }

  /** Disposes the model held in memory. */
  release(): void {
    const held = this.current;
    this.current = undefined;
    held?.loaded.then(
      ({ model }) => model.dispose(),
      () => {},
    );
  }

  private async load(checkpointId: string): Promise<LoadedMaskModel> {
    const storage = await this.openStorage();
    try {
      let record;
      try {
        record = await storage.checkpoints.get(checkpointId);
      } catch (error) {
        throw new Error(`The chosen model's checkpoint cannot be read: ${errorMessage(error)}.`);
      }
      if (!record) {
        throw new Error(
          `The chosen model’s checkpoint is no longer saved in this browser: ${this.chooseAnother}.`,
        );
      }
      let model: MaeModel;
      let step: number;
      try {
        const checkpoint = decodeCheckpoint(record.payload.bytes, { modelId: MAE_MODEL_ID });
        model = maeFromCheckpoint(checkpoint);
        step = checkpoint.step;
      } catch (error) {
        throw new Error(
          `The chosen model’s checkpoint is damaged and cannot be loaded (${errorMessage(error)}). Train the model again, or choose another source.`,
        );
      }
      const { runId } = record.summary.meta;
      const run = await storage.runs.list().catch(() => undefined);
      const runName =
        run?.records.find((r) => r.id === runId)?.name ??
        record.summary.name.replace(/ · step \d+$/, '');
      return { model, checkpointId, savedAt: record.summary.createdAt, runId, runName, step };
    } finally {
      storage.close();
    }
  }
}

/** A window's reconstruction by the model, with the decoder's attention when asked for. */
export interface ModelReconstruction {
  reconstruction: Float32Array;
  /** Per decoder layer [heads, tokens, tokens]; none when not asked or nothing is hidden. */
  attention?: Float32Array[];
}

/**
 * The model's reconstruction of one window [T, X, Y, C] on its grid: hidden patches predicted,
 * visible ones as given. A mask that hides nothing leaves the window as it is.
 */
export async function reconstructWithModel(
  model: MaeModel,
  window: Float32Array,
  mask: TokenMask,
  options: { attention?: boolean } = {},
): Promise<ModelReconstruction> {
  if (mask.masked.length === 0) return { reconstruction: window.slice() };
  if (mask.keep.length === 0) {
    throw new RangeError(
      'Every patch is hidden: the model needs at least one visible patch to fill in the rest.',
    );
  }
  const [T, X, Y, C] = model.geometry.window;
  const input = tf.tensor5d(window, [1, T, X, Y, C]);
  try {
    const { reconstruction, attention } = await maeReconstruct(model, input, [mask], options);
    // The preview transfers its arrays: give it ones that own their whole buffers.
    return {
      reconstruction: ownBuffer(reconstruction),
      ...(attention ? { attention: attention.map(ownBuffer) } : {}),
    };
  } finally {
    input.dispose();
  }
}

function ownBuffer(values: Float32Array): Float32Array {
  return values.byteLength === values.buffer.byteLength ? values : values.slice();
}
