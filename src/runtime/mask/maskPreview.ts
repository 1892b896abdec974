/**
 * The Mask panel's worker side: cuts one window out of a saved dataset, draws its seeded mask,
 * fills the hidden patches with the chosen reconstruction source and measures the error. The last
 * dataset read stays in memory, so scrubbing through trajectories and masks never re-reads it.
 */
import {
  BASELINES,
  maskForSample,
  maskedRelativeL2,
  patchGeometry,
  tokenMaskToPixels,
  type PatchGeometry,
  type TokenMask,
} from '../../data/masks';
import type { DatasetRecordMeta, DatasetRecordPayload } from '../../storage/datasetRecords';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import type { MaskPreviewRequest, MaskPreviewResult, ReconstructionSource } from './config';

/** Fills the hidden patches of one window [T, X, Y, C], returning a new array of the same size. */
export type Reconstructor = (
  window: Float32Array,
  geometry: PatchGeometry,
  mask: TokenMask,
) => Float32Array | Promise<Float32Array>;

type ReconstructorFactories = {
  [K in ReconstructionSource['kind']]: (
    source: Extract<ReconstructionSource, { kind: K }>,
  ) => Reconstructor;
};

/** One entry per reconstruction source kind; a trained model adds its own here. */
const RECONSTRUCTORS: ReconstructorFactories = {
  baseline: (source) => (window, geometry, mask) =>
    BASELINES[source.method](window, geometry, mask.mask),
};

interface LoadedDataset {
  meta: DatasetRecordMeta;
  payload: DatasetRecordPayload;
}

export class MaskPreviewer {
  private cached: { id: string; dataset: Promise<LoadedDataset> } | undefined;

  constructor(private readonly openStorage: () => Promise<LabStorage> = () => openLabStorage()) {}

  /** Drops the dataset held in memory (the next preview reads it again). */
  forget(): void {
    this.cached = undefined;
  }

  async preview(request: MaskPreviewRequest): Promise<MaskPreviewResult> {
    const { meta, payload } = await this.load(request.datasetId);
    const [trajectories, total, X, Y, C] = payload.shape as [
      number,
      number,
      number,
      number,
      number,
    ];
    const { trajectory, start, frames } = request;
    checkIndex('Trajectory', trajectory, trajectories - 1);
    checkIndex('The window start', start, total - 1);
    if (!Number.isInteger(frames) || frames < 1 || start + frames > total) {
      throw new RangeError(
        `A window of ${frames} frames from frame ${start} does not fit the dataset's ${total} frames.`,
      );
    }

    const geometry = patchGeometry([frames, X, Y, C], request.patch);
    const offset = (trajectory * total + start) * X * Y * C;
    // A copy, not a view: the result's buffers are transferred, the cached dataset must stay.
    const original = payload.data.slice(offset, offset + geometry.windowSize);
    const mask = maskForSample(
      geometry,
      { strategy: request.strategy, ratio: request.ratio },
      request.seed,
      trajectory,
    );
    const pixelMask = tokenMaskToPixels(geometry, mask.mask);

    const began = performance.now();
    const reconstruction = await reconstructorFor(request.reconstruction)(original, geometry, mask);
    const reconstructMs = performance.now() - began;
    if (reconstruction.length !== original.length) {
      throw new Error(
        `The reconstruction holds ${reconstruction.length} values, not ${original.length}.`,
      );
    }
    const error = new Float32Array(original.length);
    for (let i = 0; i < error.length; i++) error[i] = reconstruction[i]! - original[i]!;

    const frameValues = X * Y * C;
    const framePixels = X * Y;
    const perFrameRelativeL2 = Array.from({ length: frames }, (_, f) =>
      maskedRelativeL2(
        reconstruction.subarray(f * frameValues, (f + 1) * frameValues),
        original.subarray(f * frameValues, (f + 1) * frameValues),
        pixelMask.subarray(f * framePixels, (f + 1) * framePixels),
      ),
    );

    return {
      request,
      window: geometry.window,
      tokenGrid: { nt: geometry.nt, nx: geometry.nx, ny: geometry.ny },
      times: meta.times.slice(start, start + frames),
      channels: [...meta.channels],
      original,
      tokenMask: mask.mask,
      pixelMask,
      reconstruction,
      error,
      metrics: {
        hiddenTokens: mask.masked.length,
        tokens: geometry.tokens,
        maskedRelativeL2: maskedRelativeL2(reconstruction, original, pixelMask),
        perFrameRelativeL2,
        reconstructMs,
      },
    };
  }

  private load(id: string): Promise<LoadedDataset> {
    if (this.cached?.id === id) return this.cached.dataset;
    const dataset = this.read(id);
    const entry = { id, dataset };
    this.cached = entry;
    // A failed read is not kept: the next preview tries again.
    dataset.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return dataset;
  }

  private async read(id: string): Promise<LoadedDataset> {
    const storage = await this.openStorage();
    try {
      const record = await storage.datasets.get(id);
      if (!record) throw new Error('The chosen dataset is no longer saved in this browser.');
      return { meta: record.summary.meta, payload: record.payload };
    } finally {
      storage.close();
    }
  }
}

function reconstructorFor(source: ReconstructionSource): Reconstructor {
  const factory = RECONSTRUCTORS[source.kind];
  if (!factory) throw new RangeError(`Unknown reconstruction source "${String(source.kind)}".`);
  return factory(source);
}

function checkIndex(what: string, value: number, last: number): void {
  if (!Number.isInteger(value) || value < 0 || value > last) {
    throw new RangeError(`${what} must be a whole number from 0 to ${last} (got ${value}).`);
  }
}
