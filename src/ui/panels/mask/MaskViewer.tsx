/**
 * Original | masked input | reconstruction | error for one frame of the window, with play, scrub,
 * channel, "new mask", painting the mask by hand, and the masked-region error of the
 * reconstruction (beside the baseline's when a model reconstructs); with a model that has an
 * attention view (ui/models registry), clicking a patch of its reconstruction shows its attention
 * from it.
 */
import { useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { patchGeometry, tokenMaskToPixels } from '../../../data/masks/patches';
import {
  describeSource,
  modelShortName,
  type MaskPreviewResult,
} from '../../../runtime/mask/config';
import type { AttentionChoice } from '../../../state/maskStore';
import { formatValue } from '../../format';
import type { Field, ValueRange } from '../../views/fieldImage';
import { FieldView } from '../../views/FieldView';
import type { ColormapName } from '../../views/colormaps';
import { channelRange, hiddenCells, maskedField, windowFrame } from '../../views/windowImages';
import { maskExtras } from '../../models/registry';
import { previewLossReasons, type ModelBackground } from './lossReasons';
import { MaskMetrics } from './MaskMetrics';
import { MaskOverlay } from './MaskOverlay';
import { PaintLayer } from './PaintLayer';
import { QueryPickLayer } from './QueryPickLayer';
import type { Playback } from './usePlayback';
import { useWidth } from '../../useWidth';

/** Painting the mask by hand (state in the mask store). */
export interface MaskPainting {
  /** The masked input takes pointer strokes. */
  mode: boolean;
  /** The painted flags for this window and mask, one per token; none: the strategy's mask. */
  flags: Uint8Array | undefined;
  setMode(on: boolean): void;
  clear(): void;
  paint(tokens: number[], hidden: boolean): void;
}

export interface MaskViewerProps {
  result: MaskPreviewResult;
  playback: Playback;
  /** True while a newer preview is computing. */
  busy: boolean;
  onNewMask(): void;
  /** Some trained model could reconstruct instead of the baseline. */
  modelsAvailable: boolean;
  /** What is known about the chosen model's training, to say why it may lose. */
  background?: ModelBackground;
  painting: MaskPainting;
  /** The attention view's choices (shown with a model that has one). */
  attention: { choice: AttentionChoice; change(change: Partial<AttentionChoice>): void };
}

/** CSS pixels per view side: as large as fits four in a row, within these bounds. */
const MIN_VIEW_SIZE = 150;
const MAX_VIEW_SIZE = 320;
/** Room for the two colour bars with their labels, and the gaps between the views. */
const VIEW_ROW_EXTRA = 2 * 64 + 3 * 16;

export function MaskViewer({
  result,
  playback,
  busy,
  onNewMask,
  modelsAvailable,
  background,
  painting,
  attention,
}: MaskViewerProps) {
  const ids = {
    scrub: useId(),
    channel: useId(),
    outline: useId(),
    keys: useId(),
    brush: useId(),
    paintHelp: useId(),
  };
  const [channelChoice, setChannel] = useState(0);
  const [outlineAll, setOutlineAll] = useState(true);
  const [brushAllFrames, setBrushAllFrames] = useState(true);
  const [viewsRef, viewsWidth] = useWidth<HTMLDivElement>();
  const size = Math.round(
    Math.min(MAX_VIEW_SIZE, Math.max(MIN_VIEW_SIZE, (viewsWidth - VIEW_ROW_EXTRA) / 4)),
  );
  const [T, n, , C] = result.window;
  const channel = Math.min(channelChoice, C - 1);
  const { frame } = playback;
  const source = describeSource(result.request.reconstruction, result.model);
  const AttentionView = result.model && maskExtras(result.model.modelId)?.AttentionView;
  const geometry = useMemo(
    () => patchGeometry(result.window, result.request.patch),
    [result.window, result.request.patch],
  );
  // A stroke shows at once on the masked input; the other views follow with the preview.
  const painted =
    painting.flags && painting.flags.length === result.tokenMask.length
      ? painting.flags
      : undefined;
  const flags = painted ?? result.tokenMask;
  const pixelMask = useMemo(
    () => (painted ? tokenMaskToPixels(geometry, painted) : result.pixelMask),
    [painted, geometry, result.pixelMask],
  );

  const sharedRange = useMemo(
    () => channelRange(result.original, C, channel, false),
    [result.original, C, channel],
  );
  const errorRange = useMemo(
    () => channelRange(result.error, C, channel, true),
    [result.error, C, channel],
  );
  const views = useMemo(() => {
    const original = windowFrame(result.original, result.window, frame, channel);
    const hidden = hiddenCells(pixelMask, result.window, frame);
    return {
      hidden,
      original,
      masked: maskedField(original, hidden),
      reconstruction: windowFrame(result.reconstruction, result.window, frame, channel),
      error: windowFrame(result.error, result.window, frame, channel),
    };
  }, [result, pixelMask, frame, channel]);

  const { hiddenTokens, tokens } = result.metrics;
  const time = result.times[frame] ?? frame;
  const trajectoryFrame = result.request.start + frame;
  const position = `t = ${formatValue(time)}, frame ${frame + 1} of ${T} in the window (frame ${trajectoryFrame} of the trajectory)`;

  return (
    <div className="mask-viewer">
      <div className="mask-viewer__toolbar" role="toolbar" aria-label="Mask playback">
        <button
          type="button"
          className="button button--primary mask-viewer__play"
          onClick={playback.toggle}
          disabled={T < 2}
        >
          {playback.playing ? 'Pause' : 'Play'}
        </button>
        <label htmlFor={ids.scrub} className="inline-label mask-viewer__scrub">
          Frame
          <input
            id={ids.scrub}
            type="range"
            min={0}
            max={T - 1}
            step={1}
            value={frame}
            disabled={T < 2}
            aria-valuetext={position}
            onChange={(e) => playback.show(Number(e.target.value))}
          />
        </label>
        <output htmlFor={ids.scrub} className="mask-viewer__time">
          t = {formatValue(time)} · frame {frame + 1}/{T}
        </output>
        <button type="button" className="button" onClick={onNewMask}>
          New mask
        </button>
        {C > 1 ? (
          <label htmlFor={ids.channel} className="inline-label">
            Channel
            <select
              id={ids.channel}
              value={channel}
              onChange={(e) => setChannel(Number(e.target.value))}
            >
              {result.channels.map((name, c) => (
                <option key={name} value={c}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label htmlFor={ids.outline} className="inline-label">
          <input
            id={ids.outline}
            type="checkbox"
            checked={outlineAll}
            onChange={(e) => setOutlineAll(e.target.checked)}
          />
          Outline hidden patches on every view
        </label>
        <span className="muted mask-viewer__busy" role="status">
          {busy ? 'Updating…' : ''}
        </span>
      </div>
      <div className="mask-viewer__toolbar" role="toolbar" aria-label="Paint the mask">
        <button
          type="button"
          className="button"
          aria-pressed={painting.mode}
          aria-describedby={ids.paintHelp}
          onClick={() => painting.setMode(!painting.mode)}
        >
          Paint mask
        </button>
        <button
          type="button"
          className="button"
          disabled={!painting.flags}
          onClick={painting.clear}
        >
          Clear painting
        </button>
        {painting.mode ? (
          <label htmlFor={ids.brush} className="inline-label">
            <input
              id={ids.brush}
              type="checkbox"
              checked={brushAllFrames}
              onChange={(e) => setBrushAllFrames(e.target.checked)}
            />
            Brush covers every frame
          </label>
        ) : null}
      </div>

      <div
        ref={viewsRef}
        className={`mask-viewer__views${busy ? ' mask-viewer__views--busy' : ''}`}
        role="group"
        aria-label="The four views of this frame"
        aria-describedby={ids.keys}
        tabIndex={0}
      >
        <MaskedFieldView
          field={views.original}
          label="Original"
          range={sharedRange}
          colormap="viridis"
          hidden={outlineAll ? views.hidden : undefined}
          n={n}
          size={size}
          bare
        />
        <MaskedFieldView
          field={views.masked}
          label={`Masked input: ${hiddenTokens} of ${tokens} patches hidden${result.request.painted ? ' (painted)' : ''}`}
          range={sharedRange}
          colormap="viridis"
          hidden={views.hidden}
          hatch
          n={n}
          size={size}
          bare
        >
          {painting.mode ? (
            <PaintLayer
              geometry={geometry}
              frame={frame}
              flags={flags}
              allFrames={brushAllFrames}
              size={size}
              onPaint={painting.paint}
            />
          ) : null}
        </MaskedFieldView>
        <MaskedFieldView
          field={views.reconstruction}
          label={result.model ? source : `Reconstruction: ${source}`}
          range={sharedRange}
          colormap="viridis"
          hidden={outlineAll ? views.hidden : undefined}
          n={n}
          size={size}
        >
          {AttentionView ? (
            <QueryPickLayer
              geometry={geometry}
              frame={frame}
              size={size}
              onPick={(query) => attention.change({ query })}
            />
          ) : null}
        </MaskedFieldView>
        <MaskedFieldView
          field={views.error}
          label={`Error: ${result.model ? `${modelShortName(result.model.modelId)} reconstruction` : 'reconstruction'} − original`}
          range={errorRange}
          colormap="coolwarm"
          hidden={outlineAll ? views.hidden : undefined}
          n={n}
          size={size}
        />
      </div>
      <p id={ids.paintHelp} className="muted small mask-viewer__paint-help">
        {painting.mode
          ? 'Click or drag on the masked input: each patch you touch is hidden, or shown again if it was hidden. '
          : ''}
        {painting.flags
          ? 'A painted mask replaces the strategy until you clear it or change the strategy, hidden share or seed. '
          : ''}
        Painting needs a mouse, pen or finger; with the keyboard, choose the strategy, hidden share
        and New mask.
      </p>
      <p id={ids.keys} className="muted small mask-viewer__keys">
        Keys, with the focus in this panel: Space plays and pauses, ← and → step through the frames,
        N draws a new mask.
      </p>
      <p className="muted small mask-viewer__scales">
        The first three views share one colour scale (the bar beside the reconstruction); the error
        has its own, centred on zero. Grey hatched squares are hidden from the reconstruction.
      </p>

      <MaskMetrics
        result={result}
        frame={frame}
        modelsAvailable={modelsAvailable}
        reasons={previewLossReasons(background, result)}
      />
      {AttentionView ? (
        <AttentionView
          result={result}
          choice={attention.choice}
          onChange={attention.change}
          busy={busy}
        />
      ) : null}
    </div>
  );
}

interface MaskedFieldViewProps {
  field: Field;
  label: string;
  range: ValueRange;
  colormap: ColormapName;
  /** Hidden cells to mark, or none. */
  hidden: Uint8Array | undefined;
  hatch?: boolean;
  n: number;
  size: number;
  /** Without its own colour bar (it shares another view's). */
  bare?: boolean;
  /** Layers above the picture (the paint brush). */
  children?: ReactNode;
}

function MaskedFieldView({
  field,
  label,
  range,
  colormap,
  hidden,
  hatch = false,
  n,
  size,
  bare,
  children,
}: MaskedFieldViewProps) {
  return (
    <div className="mask-view">
      <FieldView
        field={field}
        label={label}
        range={range}
        colormap={colormap}
        size={size}
        className={bare ? 'mask-view__field mask-view__field--bare' : 'mask-view__field'}
      />
      {hidden ? <MaskOverlay hidden={hidden} n={n} size={size} hatch={hatch} /> : null}
      {children}
    </div>
  );
}
