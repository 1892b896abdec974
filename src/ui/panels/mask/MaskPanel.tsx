/**
 * Mask: pick a saved dataset, a masking strategy and ratio, and see which patches are hidden and
 * how well they are filled back in, frame by frame. The worker computes each preview.
 */
import { useEffect, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { MaskPreviewRequest } from '../../../runtime/mask/config';
import { fitMaskWindow, type DatasetExtent } from '../../../runtime/mask/maskWindow';
import { useDatasets } from '../../../state/datasetsStore';
import { reconstructionSource, shownDataset, useMask } from '../../../state/maskStore';
import { useRuntime } from '../../../state/runtimeStore';
import { useSettings } from '../../../state/settingsStore';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import { describeTrajectory, trajectoryInfo } from '../data/trajectoryInfo';
import { DefaultDatasetOffer } from './DefaultDatasetOffer';
import { MaskControls } from './MaskControls';
import { MaskViewer } from './MaskViewer';
import { usePlayback } from './usePlayback';
import './mask.css';

export function MaskPanel() {
  const records = useDatasets((s) => s.records);
  const refresh = useDatasets((s) => s.refresh);
  const { chosenId, result, busy, problem, request, newMask } = useMask();
  const values = useSettings((s) => s.values);
  const mask = values.mask;
  const ready = useRuntime((s) => s.status === 'ready');
  const generation = useRuntime((s) => s.generation);
  const [listed, setListed] = useState(false);

  useEffect(() => {
    void refresh().finally(() => setListed(true));
  }, [refresh]);

  const dataset = shownDataset(records, chosenId);
  const extent = dataset ? extentOf(dataset.meta) : undefined;
  const fitted =
    extent &&
    fitMaskWindow(extent, {
      trajectory: mask.trajectory,
      start: mask.start,
      frames: mask.frames,
      patchTime: mask.patchTime,
      patchSide: mask.patchSide,
    });
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
          reconstruction: reconstructionSource(values),
        }
      : undefined;
  const requestKey = previewRequest ? JSON.stringify(previewRequest) : '';

  useEffect(() => {
    if (ready && requestKey) request(JSON.parse(requestKey) as MaskPreviewRequest);
  }, [ready, generation, requestKey, request]);

  const shown = result && result.request.datasetId === dataset?.id ? result : undefined;
  const playback = usePlayback(shown?.window[0] ?? 1);

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
      <p className="mask-panel__intro">
        A masked autoencoder learns by hide-and-seek. Each window of a simulation is cut into small
        space-time patches, a few grid points wide and a few frames long; most patches are hidden,
        and the model must fill them back in from the few it still sees. Here you choose how the
        patches are hidden and see what is left to learn from.
      </p>
      {!listed && records.length === 0 ? (
        <p className="muted" role="status">
          Looking for saved datasets…
        </p>
      ) : !dataset || !extent || !fitted ? (
        <DefaultDatasetOffer need="Masking needs simulations to hide parts of." />
      ) : (
        <div className="mask-layout">
          <MaskControls records={records} dataset={dataset} extent={extent} notes={fitted.notes} />
          <div className="card mask-stage">
            <h2 className="mask-stage__title">
              {describeTrajectory(trajectoryInfo(dataset.meta, fitted.trajectory))}
            </h2>
            <p className="muted small mask-stage__window">
              Frames {fitted.start} to {fitted.start + fitted.frames - 1} of {extent.frames},
              patches of {fitted.patch.pt} frames × {fitted.patch.px} × {fitted.patch.py} points
              (mask seed {mask.seed}).
            </p>
            {problem && !busy ? (
              <p className="text-problem" role="alert">
                The preview could not be made: {problem}
              </p>
            ) : null}
            {shown ? (
              <MaskViewer result={shown} playback={playback} busy={busy} onNewMask={newMask} />
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
