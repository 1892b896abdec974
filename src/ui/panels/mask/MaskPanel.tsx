/**
 * Mask: pick a saved dataset, a masking strategy and ratio (or paint the mask), and see which
 * patches are hidden and how well they are filled back in, frame by frame, by the interpolation
 * baseline or a trained model. The worker computes each preview.
 */
import { useEffect } from 'react';
import type { KeyboardEvent } from 'react';
import type { MaskPreviewRequest } from '../../../runtime/mask/config';
import {
  fitMaskWindow,
  fitModelWindow,
  type DatasetExtent,
} from '../../../runtime/mask/maskWindow';
import { isPretrainedRun } from '../../../models/pretrained';
import {
  paintedFor,
  paintingKey,
  reconstructionSource,
  shownDataset,
  useMask,
} from '../../../state/maskStore';
import { usePretrained } from '../../../state/pretrainedStore';
import { useRuntime } from '../../../state/runtimeStore';
import { chosenModel } from '../../../state/savedModels';
import { useSettings } from '../../../state/settingsStore';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import { DatasetNeeded } from '../../controls/DatasetNeeded';
import { useSavedDatasets } from '../../controls/useSavedDatasets';
import { maskExtras } from '../../models/registry';
import { describeTrajectory, trajectoryInfo } from '../data/trajectoryInfo';
import { modelBackground } from './lossReasons';
import { MaskControls } from './MaskControls';
import { MaskViewer } from './MaskViewer';
import { usePlayback } from './usePlayback';
import './mask.css';

export function MaskPanel() {
  const { records, listed } = useSavedDatasets();
  const { chosenId, result, busy, problem, request, newMask } = useMask();
  const { models, modelsListed, sourceChoice, refreshModels } = useMask();
  const { paintMode, painting, setPaintMode, paint, clearPainting } = useMask();
  const { attention, setAttention } = useMask();
  const values = useSettings((s) => s.values);
  const mask = values.mask;
  const ready = useRuntime((s) => s.status === 'ready');
  const generation = useRuntime((s) => s.generation);
  const manifests = usePretrained((s) => s.manifests);

  useEffect(() => {
    void refreshModels();
  }, [refreshModels]);

  const dataset = shownDataset(records, chosenId);
  const extent = dataset ? extentOf(dataset.meta) : undefined;
  const model = chosenModel(models, sourceChoice);
  const extras = model && maskExtras(model.modelId);
  const pretrained = model !== undefined && isPretrainedRun(model);
  const manifest = pretrained ? manifests[model.modelId] : undefined;
  const pretrainedTrainedOn = manifest && extras?.pretrainedTrainedOn?.(manifest);
  const background =
    model && dataset
      ? modelBackground(model, dataset.meta, records, pretrainedTrainedOn)
      : undefined;
  const PretrainedNote = pretrained ? extras?.PretrainedNote : undefined;
  const fit =
    extent &&
    dataset &&
    (model
      ? fitModelWindow(
          { ...extent, channels: dataset.meta.channels.length },
          { trajectory: mask.trajectory, start: mask.start },
          { ...model.maskedWindow, channels: model.channels },
        )
      : fitMaskWindow(extent, {
          trajectory: mask.trajectory,
          start: mask.start,
          frames: mask.frames,
          patchTime: mask.patchTime,
          patchSide: mask.patchSide,
        }));
  const fitProblem = fit && 'problem' in fit ? fit.problem : undefined;
  const fitted = fit && !('problem' in fit) ? fit : undefined;
  const side = model ? model.maskedWindow.size : (extent?.n ?? 0);
  const key = fitted ? paintingKey({ frames: fitted.frames, side, ...fitted.patch }, mask) : '';
  const painted = paintedFor(painting, key);
  const previewRequest: MaskPreviewRequest | undefined =
    dataset && fitted
      ? {
          datasetId: dataset.id,
          trajectory: fitted.trajectory,
          start: fitted.start,
          frames: fitted.frames,
          patch: fitted.patch,
          strategy: mask.strategy,
          ratio: mask.ratio,
          seed: mask.seed,
          ...(painted ? { painted } : {}),
          reconstruction: reconstructionSource(values, model),
          // The model's attention only while its attention view is on.
          ...(extras?.AttentionView && attention.on ? { attention: true } : {}),
        }
      : undefined;
  // Wait for the list of trained models: it settles which one reconstructs.
  const requestKey = previewRequest && modelsListed ? JSON.stringify(previewRequest) : '';

  useEffect(() => {
    if (ready && requestKey) request(JSON.parse(requestKey) as MaskPreviewRequest);
  }, [ready, generation, requestKey, request]);

  const shown = result && result.request.datasetId === dataset?.id ? result : undefined;
  const playback = usePlayback(shown?.window[0] ?? 1);
  const tokens = fitted
    ? (fitted.frames / fitted.patch.pt) * (side / fitted.patch.px) * (side / fitted.patch.py)
    : 0;
  const paintable = shown && shown.tokenMask.length === tokens ? shown : undefined;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (!shown || event.altKey || event.ctrlKey || event.metaKey) return;
    if (target.closest('input, select, textarea, [contenteditable="true"]')) return;
    if (event.key === ' ') {
      if (target.closest('button')) return; // the button's own Space
      event.preventDefault();
      playback.toggle();
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      playback.step(event.key === 'ArrowRight' ? 1 : -1);
    } else if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      newMask();
    }
  };

  return (
    <section className="panel mask-panel" aria-labelledby="panel-title" onKeyDown={onKeyDown}>
      <h1 id="panel-title">Mask</h1>
      <p className="panel__intro">
        A masked autoencoder learns by hide-and-seek. Each window of a simulation is cut into small
        space-time patches, a few grid points wide and a few frames long; most patches are hidden,
        and the model must fill them back in from the few it still sees. Here you choose how the
        patches are hidden and see what is left to learn from.
      </p>
      {!dataset || !extent || !fit ? (
        <DatasetNeeded
          listed={listed}
          anySaved={records.length > 0}
          need="Masking needs simulations to hide parts of."
        />
      ) : (
        <div className="panel-columns panel-columns--wide mask-layout">
          {PretrainedNote ? <PretrainedNote /> : null}
          <MaskControls
            records={records}
            dataset={dataset}
            extent={extent}
            notes={fitted?.notes ?? []}
            models={models}
            model={model}
          />
          <div className="card mask-stage">
            {fitted ? (
              <>
                <h2 className="mask-stage__title">
                  {describeTrajectory(trajectoryInfo(dataset.meta, fitted.trajectory))}
                </h2>
                <p className="muted small mask-stage__window">
                  Frames {fitted.start} to {fitted.start + fitted.frames - 1} of {extent.frames},
                  patches of {fitted.patch.pt} frames × {fitted.patch.px} × {fitted.patch.py} points
                  {model ? ` of the model's ${side} × ${side} grid` : ''} (
                  {painted ? 'painted mask' : `mask seed ${mask.seed}`}).
                </p>
              </>
            ) : null}
            {fitProblem ? (
              <p className="text-problem" role="alert">
                {fitProblem}
              </p>
            ) : null}
            {problem && !busy && !fitProblem ? (
              <p className="text-problem" role="alert">
                The preview could not be made: {problem}
              </p>
            ) : null}
            {fitProblem ? null : shown ? (
              <MaskViewer
                result={shown}
                playback={playback}
                busy={busy}
                onNewMask={newMask}
                modelsAvailable={models.length > 0}
                background={background}
                attention={{ choice: attention, change: setAttention }}
                painting={{
                  mode: paintMode,
                  flags: painting?.key === key ? painting.flags : undefined,
                  setMode: setPaintMode,
                  clear: clearPainting,
                  paint: (tokens, hidden) => {
                    if (paintable) paint(key, paintable.tokenMask, tokens, hidden);
                  },
                }}
              />
            ) : (
              <p className="muted" role="status">
                {ready ? 'Masking…' : 'Waiting for the compute worker…'}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function extentOf(meta: DatasetRecordMeta): DatasetExtent {
  const { train, val, test } = meta.split;
  return { trajectories: train + val + test, frames: meta.times.length, n: meta.grid.n };
}
