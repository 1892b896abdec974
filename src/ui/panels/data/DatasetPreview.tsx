/** An animated grid of thumbnails of a saved dataset's trajectories, with one colour scale per channel. */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, RefObject } from 'react';
import { labStorage } from '../../../state/storageStore';
import type { DatasetRecordMeta, DatasetRecordPayload } from '../../../storage/datasetRecords';
import { errorMessage } from '../../../util/errorMessage';
import { formatValue } from '../../format';
import { COLORMAPS, colormapCss } from '../../views/colormaps';
import { formatTick } from '../../views/fieldImage';
import { channelScale, datasetDims, paintThumbnail, pickTrajectories } from './thumbnails';
import {
  SPLIT_LABELS,
  describeTrajectory,
  formatCoefficients,
  trajectoryInfo,
} from './trajectoryInfo';
import './datasetPreview.css';

export interface DatasetPreviewProps {
  /** The id of a record in `labStorage().datasets`. */
  datasetId: string;
  /** The dataset's name, for the heading and labels. */
  name: string;
  /** When given, a Close button (and Escape) calls it. */
  onClose?: () => void;
}

/** CSS pixels of a thumbnail's side. */
const THUMBNAIL_SIZE = 96;
const FRAMES_PER_SECOND = 8;
const FRAME_MS = 1000 / FRAMES_PER_SECOND;

interface LoadedDataset {
  meta: DatasetRecordMeta;
  payload: DatasetRecordPayload;
}

type LoadResult =
  { id: string; ok: true; dataset: LoadedDataset } | { id: string; ok: false; message: string };

export function DatasetPreview({ datasetId, name, onClose }: DatasetPreviewProps) {
  const headingId = useId();
  const result = useDatasetRecord(datasetId);

  return (
    <section
      className="dataset-preview"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (onClose && event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dataset-preview__head">
        <h3 id={headingId}>Preview of {name}</h3>
        {onClose ? (
          <button
            type="button"
            className="button"
            onClick={onClose}
            aria-label={`Close the preview of ${name}`}
          >
            Close
          </button>
        ) : null}
      </div>
      {result === undefined ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : result.ok ? (
        <PreviewGrid key={result.id} dataset={result.dataset} name={name} />
      ) : (
        <p className="text-problem" role="alert">
          Could not load {name}: {result.message}
        </p>
      )}
    </section>
  );
}

/** The stored record, or why it could not be read; undefined while loading. */
function useDatasetRecord(datasetId: string): LoadResult | undefined {
  const [result, setResult] = useState<LoadResult>();
  useEffect(() => {
    let current = true;
    labStorage()
      .then((storage) => storage.datasets.get(datasetId))
      .then((record): LoadResult => {
        if (!record) return { id: datasetId, ok: false, message: 'it is no longer saved.' };
        const dataset = { meta: record.summary.meta, payload: record.payload };
        // Throws, with a reason to show, on a shape the thumbnails cannot draw.
        datasetDims(dataset.payload.shape);
        return { id: datasetId, ok: true, dataset };
      })
      .catch((error: unknown): LoadResult => ({
        id: datasetId,
        ok: false,
        message: errorMessage(error),
      }))
      .then((loaded) => {
        if (current) setResult(loaded);
      });
    return () => {
      current = false;
    };
  }, [datasetId]);
  // A result for another id is stale: the new one is still loading.
  return result?.id === datasetId ? result : undefined;
}

interface Painter {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  image: ImageData;
  pixels: Uint32Array;
}

function PreviewGrid({ dataset, name }: { dataset: LoadedDataset; name: string }) {
  const { meta, payload } = dataset;
  const dims = useMemo(() => datasetDims(payload.shape), [payload.shape]);
  const shown = useMemo(() => pickTrajectories(dims.trajectories), [dims.trajectories]);
  const infos = useMemo(() => shown.map((i) => trajectoryInfo(meta, i)), [meta, shown]);
  const [channelChoice, setChannel] = useState(0);
  const channel = Math.min(channelChoice, dims.channels - 1);
  const channelName = meta.channels[channel] ?? `channel ${channel + 1}`;
  const scale = useMemo(
    () => channelScale(payload.data, dims, shown, channel),
    [payload.data, dims, shown, channel],
  );
  const animates = dims.frames > 1;
  const [playing, setPlaying] = useState(() => animates && !prefersReducedMotion());
  const ids = { channel: useId(), scrub: useId() };

  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRefs = useRef<(HTMLCanvasElement | null)[]>([]);
  const paintersRef = useRef<(Painter | undefined)[]>([]);
  const scratchRef = useRef<Float32Array | undefined>(undefined);
  const scrubRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLOutputElement>(null);
  const frameRef = useRef(0);
  const onScreen = useOnScreen(rootRef);

  const times = meta.times;
  // Paints frame `frame` of every thumbnail and moves the scrubber, without a React render.
  const drawFrame = useCallback(
    (frame: number) => {
      frameRef.current = frame;
      shown.forEach((trajectory, slot) => {
        const painter = painterFor(canvasRefs.current[slot], paintersRef.current, slot, dims.n);
        if (!painter) return;
        scratchRef.current = paintThumbnail(
          payload.data,
          dims,
          trajectory,
          frame,
          channel,
          scale,
          painter.pixels,
          scratchRef.current,
        );
        painter.ctx.putImageData(painter.image, 0, 0);
      });
      const time = `t = ${formatValue(times[frame] ?? frame)}`;
      const scrub = scrubRef.current;
      if (scrub) {
        scrub.value = String(frame);
        scrub.setAttribute('aria-valuetext', `${time}, frame ${frame + 1} of ${dims.frames}`);
      }
      if (timeRef.current) timeRef.current.textContent = time;
    },
    [shown, dims, payload.data, channel, scale, times],
  );

  // Repaint the frame on show after mounting and after a channel change.
  useLayoutEffect(() => {
    drawFrame(frameRef.current);
  }, [drawFrame]);

  useEffect(() => {
    if (!playing || !onScreen || !animates) return;
    let handle = 0;
    let last: number | undefined;
    let elapsed = 0;
    const tick = (now: number) => {
      elapsed += last === undefined ? 0 : Math.min(now - last, 4 * FRAME_MS);
      last = now;
      if (elapsed >= FRAME_MS) {
        elapsed %= FRAME_MS;
        drawFrame((frameRef.current + 1) % dims.frames);
      }
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [playing, onScreen, animates, drawFrame, dims.frames]);

  const gradient = useMemo(() => colormapCss(scale.colormap, 16, 'to right'), [scale.colormap]);
  const hidden = dims.trajectories - shown.length;

  return (
    <div
      ref={rootRef}
      className="dataset-preview__body"
      style={{ '--dataset-preview-size': `${THUMBNAIL_SIZE}px` } as CSSProperties}
    >
      <div className="dataset-preview__controls" role="toolbar" aria-label="Preview playback">
        <button
          type="button"
          className="button button--primary dataset-preview__play"
          onClick={() => setPlaying((p) => !p)}
          disabled={!animates}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <label htmlFor={ids.scrub} className="inline-label dataset-preview__scrub">
          Frame
          <input
            ref={scrubRef}
            id={ids.scrub}
            type="range"
            min={0}
            max={dims.frames - 1}
            step={1}
            defaultValue={0}
            disabled={!animates}
            onChange={(event) => {
              setPlaying(false);
              drawFrame(Number(event.target.value));
            }}
          />
        </label>
        <output htmlFor={ids.scrub} ref={timeRef} className="dataset-preview__time" />
        {dims.channels > 1 ? (
          <label htmlFor={ids.channel} className="inline-label">
            Channel
            <select
              id={ids.channel}
              value={channel}
              onChange={(event) => setChannel(Number(event.target.value))}
            >
              {Array.from({ length: dims.channels }, (_, c) => (
                <option key={c} value={c}>
                  {meta.channels[c] ?? `channel ${c + 1}`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <p className="dataset-preview__scale">
        <span className="visually-hidden">
          {`Colour scale of ${channelName}, shared by all thumbnails: ` +
            `${COLORMAPS[scale.colormap].label} from ${formatTick(scale.range.min)} ` +
            `to ${formatTick(scale.range.max)}`}
        </span>
        <span aria-hidden="true">{formatTick(scale.range.min)}</span>
        <span
          className="dataset-preview__gradient"
          style={{ background: gradient }}
          aria-hidden="true"
        />
        <span aria-hidden="true">{formatTick(scale.range.max)}</span>
      </p>
      <div
        className="dataset-preview__grid"
        role="group"
        aria-label={
          `${name}: ${channelName} of ${shown.length} of ${dims.trajectories} trajectories` +
          `${hidden > 0 ? ', spread evenly' : ''}`
        }
      >
        {infos.map((info, slot) => (
          <figure key={info.index} className="dataset-preview__thumb">
            <canvas
              ref={(canvas) => {
                canvasRefs.current[slot] = canvas;
              }}
              width={dims.n}
              height={dims.n}
              className="dataset-preview__canvas"
              role="img"
              aria-label={describeTrajectory(info)}
            />
            <figcaption aria-hidden="true">
              <span className="dataset-preview__title">
                #{info.index} · {SPLIT_LABELS[info.split]}
              </span>
              {info.equation ? <span>{info.equation}</span> : null}
              {info.coefficients.length > 0 ? (
                <span className="muted">{formatCoefficients(info.coefficients)}</span>
              ) : null}
            </figcaption>
          </figure>
        ))}
      </div>
      {hidden > 0 ? (
        <p className="muted small">
          Showing {shown.length} of {dims.trajectories} trajectories, spread evenly over the
          dataset.
        </p>
      ) : null}
    </div>
  );
}

/** The slot's painter, made again when its canvas is new. */
function painterFor(
  canvas: HTMLCanvasElement | null | undefined,
  painters: (Painter | undefined)[],
  slot: number,
  n: number,
): Painter | undefined {
  if (!canvas) return undefined;
  const current = painters[slot];
  if (current?.canvas === canvas && current.image.width === n) return current;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  const image = ctx.createImageData(n, n);
  // Packed RGBA assumes a little-endian platform, which every browser engine runs on.
  const painter = { canvas, ctx, image, pixels: new Uint32Array(image.data.buffer) };
  painters[slot] = painter;
  return painter;
}

/** True while the element is in the viewport and the page is visible. */
function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(true);
  const [pageVisible, setPageVisible] = useState(() => !document.hidden);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const latest = entries.at(-1);
      if (latest) setInView(latest.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  useEffect(() => {
    const update = () => setPageVisible(!document.hidden);
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return inView && pageVisible;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
