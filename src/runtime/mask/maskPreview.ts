/**
 * The Mask panel's worker side: cuts one window out of a saved dataset, draws its seeded mask (or
 * takes the one the user painted), fills the hidden patches with the chosen reconstruction source
 * and measures the error. A trained model reconstructs on its own grid and patches, beside the
 * baseline on the same mask. The last dataset read and the last model loaded stay in memory, so
 * scrubbing through trajectories and masks never re-reads them.
 */
import {
  BASELINES,
  maskForSample,
  maskedRelativeL2,
  patchGeometry,
  tokenMaskFromFlags,
  tokenMaskToPixels,
  type BaselineId,
  type PatchGeometry,
  type PatchSize,
  type TokenMask,
} from '../../data/masks';
import { fourierResample } from '../../data/resample';
import type {
  ModelReconstruction,
  Reconstructor as ModelReconstructor,
} from '../../models/reconstruction';
import type { BuiltModel } from '../../models/runtime';
import type { DatasetRecordMeta, DatasetRecordPayload } from '../../storage/datasetRecords';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import type {
  BaselineComparison,
  MaskPreviewModel,
  MaskPreviewRequest,
  MaskPreviewResult,
  ReconstructionSource,
} from './config';
import { ModelCache, reconstructorOf } from '../models/modelCache';

/** Fills the hidden patches of one window [T, X, Y, C], returning a new array of the same size. */
export type Reconstructor = (
  window: Float32Array,
  geometry: PatchGeometry,
  mask: TokenMask,
) => Float32Array | Promise<Float32Array>;

/** A source ready to reconstruct: how it fills a window, and the window it needs. */
interface PreparedSource {
  reconstruct: Reconstructor;
  /** The window a model reads (frames, grid side, channels, patches); none: the request's. */
  fit?: { frames: number; size: number; channels: number; patch: PatchSize };
  /** The baseline a model is compared with on the same mask. */
  compareWith?: BaselineId;
  model?: Omit<MaskPreviewModel, 'datasetSize'>;
  /** A model's reconstruction with its attention, and the attention's shape. */
  attend?: {
    reconstruct(window: Float32Array, mask: TokenMask): Promise<ModelReconstruction>;
    layers: number;
    heads: number;
  };
}

type SourceFactories = {
  [K in ReconstructionSource['kind']]: (
    source: Extract<ReconstructionSource, { kind: K }>,
  ) => PreparedSource | Promise<PreparedSource>;
};

interface LoadedDataset {
  meta: DatasetRecordMeta;
  payload: DatasetRecordPayload;
}

export class MaskPreviewer {
  private cached: { id: string; dataset: Promise<LoadedDataset> } | undefined;
  private readonly models: ModelCache;
  /** Previews run one after another, so a model is never disposed while one uses it. */
  private queue: Promise<unknown> = Promise.resolve();

  /** One entry per reconstruction source kind. */
  private readonly sources: SourceFactories = {
    baseline: (source) => {
      // Back to the baseline: the model's weights are not needed until a model is chosen again.
      this.models.release();
      return {
        reconstruct: (window, geometry, mask) =>
          BASELINES[source.method](window, geometry, mask.mask),
      };
    },
    model: async (source) => {
      const loaded = await this.models.get(source);
      const reconstructor = reconstructorOf(loaded);
      const { model } = loaded;
      const { frames, size, channels, patchT, patchXY } = reconstructor.window(model);
      const fill = (window: Float32Array, mask: TokenMask, options?: { attention?: boolean }) =>
        reconstructWindow(reconstructor, model, window, mask, options);
      const attention = reconstructor.attentionShape?.(model);
      return {
        reconstruct: async (window, _geometry, mask) => (await fill(window, mask)).reconstruction,
        ...(attention
          ? {
              attend: {
                reconstruct: (window, mask) => fill(window, mask, { attention: true }),
                ...attention,
              },
            }
          : {}),
        fit: { frames, size, channels, patch: { pt: patchT, px: patchXY, py: patchXY } },
        compareWith: source.baseline,
        model: {
          modelId: loaded.runtime.info.id,
          checkpointId: loaded.checkpointId,
          runId: loaded.runId,
          runName: loaded.runName,
          step: loaded.step,
          size,
          channels,
        },
      };
    },
  };

  constructor(private readonly openStorage: () => Promise<LabStorage> = () => openLabStorage()) {
    this.models = new ModelCache(openStorage);
  }

  /** Drops the dataset held in memory (the next preview reads it again). */
  forget(): void {
    this.cached = undefined;
  }

  /** Frees the model held in memory (the next model preview loads it again). */
  releaseModel(): void {
    this.models.release();
  }

  preview(request: MaskPreviewRequest): Promise<MaskPreviewResult> {
    const result = this.queue.then(() => this.compute(request));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async compute(request: MaskPreviewRequest): Promise<MaskPreviewResult> {
    const { meta, payload } = await this.load(request.datasetId);
    const [trajectories, total, X, Y, C] = payload.shape as [
      number,
      number,
      number,
      number,
      number,
    ];
    const { trajectory, start, frames } = request;
    const source = await this.prepare(request.reconstruction);
    if (source.fit) checkModelWindow(source.fit, request, { total, X, Y, C });
    checkIndex('Trajectory', trajectory, trajectories - 1);
    checkIndex('The window start', start, total - 1);
    if (!Number.isInteger(frames) || frames < 1 || start + frames > total) {
      throw new RangeError(
        `A window of ${frames} frames from frame ${start} does not fit the dataset's ${total} frames.`,
      );
    }

    const offset = (trajectory * total + start) * X * Y * C;
    // A copy, not a view: the result's buffers are transferred, the cached dataset must stay.
    const cut = payload.data.slice(offset, offset + frames * X * Y * C);
    const { fit } = source;
    const geometry = fit
      ? patchGeometry([frames, fit.size, fit.size, fit.channels], fit.patch)
      : patchGeometry([frames, X, Y, C], request.patch);
    const original = fit
      ? fourierResample(firstChannels(cut, C, fit.channels), frames, X, fit.size, fit.channels)
      : cut;
    const mask = request.painted
      ? paintedMask(geometry, request.painted)
      : maskForSample(
          geometry,
          { strategy: request.strategy, ratio: request.ratio },
          request.seed,
          trajectory,
        );
    const pixelMask = tokenMaskToPixels(geometry, mask.mask);

    const began = performance.now();
    const attend = request.attention ? source.attend : undefined;
    let reconstruction: Float32Array;
    let attention: MaskPreviewResult['attention'];
    if (attend) {
      const out = await attend.reconstruct(original, mask);
      reconstruction = out.reconstruction;
      if (out.attention) {
        const { layers, heads } = attend;
        attention = { layers, heads, tokens: geometry.tokens, weights: out.attention };
      }
    } else {
      reconstruction = await source.reconstruct(original, geometry, mask);
    }
    const reconstructMs = performance.now() - began;
    if (reconstruction.length !== original.length) {
      throw new Error(
        `The reconstruction holds ${reconstruction.length} values, not ${original.length}.`,
      );
    }
    const error = new Float32Array(original.length);
    for (let i = 0; i < error.length; i++) error[i] = reconstruction[i]! - original[i]!;

    const errors = (filled: Float32Array) => ({
      maskedRelativeL2: maskedRelativeL2(filled, original, pixelMask),
      perFrameRelativeL2: perFrameErrors(filled, original, pixelMask, frames),
    });
    let baseline: BaselineComparison | undefined;
    if (source.compareWith && mask.masked.length > 0) {
      const at = performance.now();
      const filled = BASELINES[source.compareWith](original, geometry, mask.mask);
      baseline = {
        method: source.compareWith,
        reconstructMs: performance.now() - at,
        ...errors(filled),
      };
    }

    const [, , , channels] = geometry.window;
    return {
      request,
      window: geometry.window,
      tokenGrid: { nt: geometry.nt, nx: geometry.nx, ny: geometry.ny },
      times: meta.times.slice(start, start + frames),
      channels: meta.channels.slice(0, channels),
      original,
      tokenMask: mask.mask,
      pixelMask,
      reconstruction,
      error,
      metrics: {
        hiddenTokens: mask.masked.length,
        tokens: geometry.tokens,
        ...errors(reconstruction),
        reconstructMs,
        ...(baseline ? { baseline } : {}),
      },
      ...(source.model ? { model: { ...source.model, datasetSize: X } } : {}),
      ...(attention ? { attention } : {}),
    };
  }

  private prepare(source: ReconstructionSource): PreparedSource | Promise<PreparedSource> {
    const factory = this.sources[source.kind] as
      ((s: ReconstructionSource) => PreparedSource | Promise<PreparedSource>) | undefined;
    if (!factory) throw new RangeError(`Unknown reconstruction source "${String(source.kind)}".`);
    return factory(source);
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

/** Whether the dataset and the request fit the window a model reads, with the reason in words. */
function checkModelWindow(
  fit: NonNullable<PreparedSource['fit']>,
  request: MaskPreviewRequest,
  dataset: { total: number; X: number; Y: number; C: number },
): void {
  const { total, X, Y, C } = dataset;
  if (total < fit.frames) {
    throw new RangeError(
      `This model reads windows of ${fit.frames} frames; the dataset's trajectories have only ${total}.`,
    );
  }
  if (C < fit.channels) {
    throw new RangeError(`This model reads ${fit.channels} channels; the dataset has only ${C}.`);
  }
  if (X !== Y) {
    throw new RangeError(`The model needs square frames; this dataset's are ${X} × ${Y}.`);
  }
  const { pt, px, py } = request.patch;
  if (
    request.frames !== fit.frames ||
    pt !== fit.patch.pt ||
    px !== fit.patch.px ||
    py !== fit.patch.py
  ) {
    throw new RangeError(
      `The model reads windows of ${fit.frames} frames in patches of ${fit.patch.pt} × ${fit.patch.px} × ${fit.patch.py}; the request asked for ${request.frames} frames in patches of ${pt} × ${px} × ${py}.`,
    );
  }
}

/**
 * A model's reconstruction of one window on its grid. A mask that hides nothing leaves the window
 * as it is; one that hides everything leaves nothing to fill in from.
 */
async function reconstructWindow(
  reconstructor: ModelReconstructor<BuiltModel>,
  model: BuiltModel,
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
  const { reconstruction, attention } = await reconstructor.reconstruct(
    model,
    window,
    mask,
    options,
  );
  // The preview transfers its arrays: give it ones that own their whole buffers.
  return {
    reconstruction: ownBuffer(reconstruction),
    ...(attention ? { attention: attention.map(ownBuffer) } : {}),
  };
}

function ownBuffer(values: Float32Array): Float32Array {
  return values.byteLength === values.buffer.byteLength ? values : values.slice();
}

/** The user's mask, checked against the window's token grid. */
function paintedMask(geometry: PatchGeometry, painted: readonly number[]): TokenMask {
  if (painted.length !== geometry.tokens) {
    throw new RangeError(
      `The painted mask covers ${painted.length} patches; this window has ${geometry.tokens}. Clear the painting and paint again.`,
    );
  }
  return tokenMaskFromFlags(geometry, painted);
}

/** The first `channels` of every point of [..., width] values. */
function firstChannels(data: Float32Array, width: number, channels: number): Float32Array {
  if (channels === width) return data;
  const points = data.length / width;
  const out = new Float32Array(points * channels);
  for (let p = 0; p < points; p++) {
    for (let c = 0; c < channels; c++) out[p * channels + c] = data[p * width + c]!;
  }
  return out;
}

function perFrameErrors(
  filled: Float32Array,
  original: Float32Array,
  pixelMask: Uint8Array,
  frames: number,
): number[] {
  const frameValues = original.length / frames;
  const framePixels = pixelMask.length / frames;
  return Array.from({ length: frames }, (_, f) =>
    maskedRelativeL2(
      filled.subarray(f * frameValues, (f + 1) * frameValues),
      original.subarray(f * frameValues, (f + 1) * frameValues),
      pixelMask.subarray(f * framePixels, (f + 1) * framePixels),
    ),
  );
}

function checkIndex(what: string, value: number, last: number): void {
  if (!Number.isInteger(value) || value < 0 || value > last) {
    throw new RangeError(`${what} must be a whole number from 0 to ${last} (got ${value}).`);
  }
}
