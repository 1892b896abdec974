/**
 * Original | masked input | reconstruction | error for one frame of the window, with play, scrub,
 * channel, "new mask" and the masked-region error of the reconstruction shown.
 */
import { useId, useMemo, useState } from 'react';
import { describeSource, type MaskPreviewResult } from '../../../runtime/mask/config';
import { formatMs, formatValue } from '../../format';
import type { Field, ValueRange } from '../../views/fieldImage';
import { FieldView } from '../../views/FieldView';
import type { ColormapName } from '../../views/colormaps';
import { channelRange, hiddenCells, maskedField, windowFrame } from './maskImages';
import { MaskOverlay } from './MaskOverlay';
import type { Playback } from './usePlayback';
import { useWidth } from './useWidth';

export interface MaskViewerProps {
  result: MaskPreviewResult;
  playback: Playback;
  /** True while a newer preview is computing. */
  busy: boolean;
  onNewMask(): void;
}

/** CSS pixels per view side: as large as fits four in a row, within these bounds. */
const MIN_VIEW_SIZE = 150;
const MAX_VIEW_SIZE = 320;
/** Room for the two colour bars with their labels, and the gaps between the views. */
const VIEW_ROW_EXTRA = 2 * 64 + 3 * 16;

export function MaskViewer({ result, playback, busy, onNewMask }: MaskViewerProps) {
  const ids = { scrub: useId(), channel: useId(), outline: useId(), keys: useId() };
  const [channelChoice, setChannel] = useState(0);
  const [outlineAll, setOutlineAll] = useState(true);
  const [viewsRef, viewsWidth] = useWidth<HTMLDivElement>();
  const size = Math.round(
    Math.min(MAX_VIEW_SIZE, Math.max(MIN_VIEW_SIZE, (viewsWidth - VIEW_ROW_EXTRA) / 4)),
  );
  const [T, n, , C] = result.window;
  const channel = Math.min(channelChoice, C - 1);
  const { frame } = playback;
  const source = describeSource(result.request.reconstruction);

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
    const hidden = hiddenCells(result.pixelMask, result.window, frame);
    return {
      hidden,
      original,
      masked: maskedField(original, hidden),
      reconstruction: windowFrame(result.reconstruction, result.window, frame, channel),
      error: windowFrame(result.error, result.window, frame, channel),
    };
  }, [result, frame, channel]);

  const { hiddenTokens, tokens, maskedRelativeL2, perFrameRelativeL2, reconstructMs } =
    result.metrics;
  const frameError = perFrameRelativeL2[frame] ?? Number.NaN;
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
          label={`Masked input: ${hiddenTokens} of ${tokens} patches hidden`}
          range={sharedRange}
          colormap="viridis"
          hidden={views.hidden}
          hatch
          n={n}
          size={size}
          bare
        />
        <MaskedFieldView
          field={views.reconstruction}
          label={`Reconstruction: ${source}`}
          range={sharedRange}
          colormap="viridis"
          hidden={outlineAll ? views.hidden : undefined}
          n={n}
          size={size}
        />
        <MaskedFieldView
          field={views.error}
          label="Error: reconstruction − original"
          range={errorRange}
          colormap="coolwarm"
          hidden={outlineAll ? views.hidden : undefined}
          n={n}
          size={size}
        />
      </div>
      <p id={ids.keys} className="muted small mask-viewer__keys">
        Keys, with the focus in this panel: Space plays and pauses, ← and → step through the frames,
        N draws a new mask.
      </p>
      <p className="muted small mask-viewer__scales">
        The first three views share one colour scale (the bar beside the reconstruction); the error
        has its own, centred on zero. Grey hatched squares are hidden from the reconstruction.
      </p>

      {result.request.reconstruction.kind === 'baseline' ? (
        <p className="mask-viewer__source">
          <strong>No model is trained yet:</strong>{' '}
          {`the reconstruction column shows the ${source}, filled in from the visible patches only.`}{' '}
          Once a masked autoencoder is trained, its reconstruction appears here instead, to compare
          against this baseline.
        </p>
      ) : null}

      <table className="results-table mask-viewer__metrics">
        <caption>How well the hidden patches are filled in</caption>
        <tbody>
          <tr>
            <th scope="row">Hidden patches</th>
            <td>
              {hiddenTokens} of {tokens} ({formatPercent(hiddenTokens / tokens)})
            </td>
          </tr>
          <tr>
            <th scope="row">Masked-region relative L2 error, whole window</th>
            <td>{formatError(maskedRelativeL2)}</td>
          </tr>
          <tr>
            <th scope="row">Masked-region relative L2 error, this frame</th>
            <td>{formatError(frameError)}</td>
          </tr>
          <tr>
            <th scope="row">Reconstruction time</th>
            <td>{formatMs(reconstructMs)}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">
        The relative L2 error compares the reconstruction with the original on the hidden pixels
        only: ‖reconstruction − original‖ / ‖original‖. 0 is perfect; 1 is no better than filling in
        zeros.
      </p>
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
    </div>
  );
}

function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

function formatError(value: number): string {
  return Number.isNaN(value) ? 'nothing hidden' : formatValue(value);
}
