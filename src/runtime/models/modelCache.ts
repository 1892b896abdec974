/**
 * A saved model, built: loads a checkpoint from lab storage, builds it with its model's runtime
 * (models/registry) and keeps the latest one in memory, disposing the one before when another is
 * asked for. The Mask panel's previews and the Results panel's evaluation load through it.
 */
import { decodeCheckpoint } from '../../models/nn/checkpoint';
import { modelRuntime } from '../../models/registry';
import type { Reconstructor } from '../../models/reconstruction';
import type { BuiltModel, ModelRuntime } from '../../models/runtime';
import type { LabStorage } from '../../storage/labStorage';
import { errorMessage } from '../../util/errorMessage';

export interface LoadedModel {
  model: BuiltModel;
  /** The runtime of the checkpoint's model, which built it. */
  runtime: ModelRuntime;
  checkpointId: string;
  /** The checkpoint record's createdAt. */
  savedAt: number;
  runId: string;
  runName: string;
  step: number;
}

export interface ModelRequest {
  checkpointId: string;
  /** The save asked for: a newer save under the same checkpoint id loads again. */
  savedAt?: number;
}

export class ModelCache {
  private current: { key: string; loaded: Promise<LoadedModel> } | undefined;

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
  get(request: ModelRequest): Promise<LoadedModel> {
    const key = `${request.checkpointId}@${request.savedAt ?? ''}`;
    if (this.current?.key === key) return this.current.loaded;
    this.release();
    const loaded = this.load(request.checkpointId);
    const entry = { key, loaded };
    this.current = entry;
    // A failed load is not kept: the next request tries again.
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

  private async load(checkpointId: string): Promise<LoadedModel> {
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
      let built: Pick<LoadedModel, 'model' | 'runtime' | 'step'>;
      try {
        const checkpoint = decodeCheckpoint(record.payload.bytes);
        const runtime = modelRuntime(checkpoint.modelId);
        built = { model: runtime.fromCheckpoint(checkpoint), runtime, step: checkpoint.step };
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
      return { ...built, checkpointId, savedAt: record.summary.createdAt, runId, runName };
    } finally {
      storage.close();
    }
  }
}

/** How the loaded model fills hidden patches; throws, in words, when it does not. */
export function reconstructorOf(loaded: LoadedModel): Reconstructor<BuiltModel> {
  const { reconstructor, info } = loaded.runtime;
  if (!reconstructor) {
    throw new Error(
      `The chosen model (${info.title}) does not fill in hidden patches: choose another model.`,
    );
  }
  return reconstructor;
}
