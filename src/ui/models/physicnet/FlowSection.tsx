/**
 * The flow the global expert estimates for the first forecast step, as one arrow per latent cell
 * over the last input frame, beside the true velocity averaged to the same cells where the data
 * know it, with the mean end-point error between them. Without the flow expert, words say why
 * there are no arrows.
 */
import { useCallback, useId, useMemo } from 'react';
import type { ExpertsSnapshot } from '../../../models/snapshot';
import { formatValue } from '../../format';
import type { ValueRange } from '../../views/fieldImage';
import { channelImage } from '../../views/frameImage';
import { channelRange } from '../../views/windowImages';
import {
  blockMeanFlow,
  endPointError,
  largestSpeed,
  latentCellBox,
  meanSpeed,
  screenMotion,
} from './expertsData';
import { OverlaidField } from './OverlaidField';

const VIEW_SIZE = 180;
/** The longest arrow's length, as a share of a latent cell's side. */
const LONGEST = 0.9;

/** One arrow per latent cell along its motion, centred on the cell; `longest` spans LONGEST. */
function drawArrows(
  ctx: CanvasRenderingContext2D,
  size: number,
  flow: Float32Array,
  latentShape: [number, number],
  gridSide: number,
  longest: number,
) {
  const [h, w] = latentShape;
  const cellPx = size / h;
  // Pixels per grid cell of motion, so that the longest arrow spans LONGEST of a latent cell.
  const scale = longest > 0 ? (LONGEST * cellPx) / longest : 0;
  const gridPx = size / gridSide;
  ctx.lineCap = 'round';
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const box = latentCellBox(i, j, latentShape);
      const cx = (box.left + box.width / 2) * size;
      const cy = (box.top + box.height / 2) * size;
      const [mx, my] = screenMotion(flow, (i * w + j) * 2);
      const dx = mx * scale;
      const dy = my * scale;
      const length = Math.hypot(dx, dy);
      // Motion far below a grid cell per frame reads as a dot, not as a direction.
      if (length < Math.max(1.5, 0.05 * gridPx)) {
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(cx - 1, cy - 1, 2, 2);
        continue;
      }
      const head = Math.min(6, 0.4 * length);
      const angle = Math.atan2(dy, dx);
      const tipX = cx + dx / 2;
      const tipY = cy + dy / 2;
      ctx.beginPath();
      ctx.moveTo(cx - dx / 2, cy - dy / 2);
      ctx.lineTo(tipX, tipY);
      ctx.moveTo(tipX - head * Math.cos(angle - 0.5), tipY - head * Math.sin(angle - 0.5));
      ctx.lineTo(tipX, tipY);
      ctx.lineTo(tipX - head * Math.cos(angle + 0.5), tipY - head * Math.sin(angle + 0.5));
      // A dark casing keeps white arrows visible on the light end of the colour map.
      ctx.strokeStyle = 'rgba(0, 0, 0, 0.75)';
      ctx.lineWidth = 3.5;
      ctx.stroke();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
  }
}

function ArrowField({
  flow,
  data,
  longest,
  range,
  label,
}: {
  flow: Float32Array;
  data: ExpertsSnapshot;
  longest: number;
  range: ValueRange;
  label: string;
}) {
  const [, , X, , C] = data.shape;
  const { latentShape } = data;
  const field = useMemo(() => channelImage(data.input, X, C, 0), [data.input, X, C]);
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, size: number) =>
      drawArrows(ctx, size, flow, latentShape, X, longest),
    [flow, latentShape, X, longest],
  );
  return (
    <OverlaidField
      field={field}
      label={label}
      range={range}
      colormap="cividis"
      size={VIEW_SIZE}
      draw={draw}
    />
  );
}

export function FlowSection({ data }: { data: ExpertsSnapshot }) {
  const headingId = useId();
  const [, , X, Y, C] = data.shape;
  const { flow, trueFlow, latentShape } = data;
  const [h, w] = latentShape;
  const flows = useMemo(() => {
    if (!flow) return undefined;
    const truth = trueFlow ? blockMeanFlow(trueFlow, [X, Y], latentShape) : undefined;
    return {
      truth,
      longest: largestSpeed(flow, ...(truth ? [truth] : [])),
      error: truth ? endPointError(flow, truth) : undefined,
      trueSpeed: truth ? meanSpeed(truth) : undefined,
      range: channelRange(data.input, C, 0, false),
    };
  }, [flow, trueFlow, X, Y, C, latentShape, data.input]);

  if (!flow || !flows) {
    return (
      <section className="card physicnet-flow" aria-labelledby={headingId}>
        <h2 id={headingId}>Estimated flow</h2>
        <p>
          The optical-flow expert is off in this model (the “no flow” ablation): a convolutional
          predictor forecasts the next latent grid instead of moving the current one along an
          estimated flow, so there is no flow to draw.
        </p>
      </section>
    );
  }

  const blockX = X / h;
  const blockY = Y / w;
  return (
    <section className="card physicnet-flow" aria-labelledby={headingId}>
      <h2 id={headingId}>Estimated flow</h2>
      <p className="muted small">
        For the first forecast step, the global expert estimates where the content of each of the{' '}
        {h} × {w} latent cells moves, and forecasts by moving the latent grid along it. Arrows point
        where the field moves; the longest is {formatValue(flows.longest)} grid cells per frame.
      </p>
      <div className="train-reconstruction__views">
        <ArrowField
          flow={flow}
          data={data}
          longest={flows.longest}
          range={flows.range}
          label="Estimated flow, arrows over the last input frame"
        />
        {flows.truth ? (
          <ArrowField
            flow={flows.truth}
            data={data}
            longest={flows.longest}
            range={flows.range}
            label={`True velocity, averaged over ${blockX} × ${blockY} blocks`}
          />
        ) : null}
      </div>
      {flows.error !== undefined && flows.trueSpeed !== undefined ? (
        <p>
          Mean end-point error: <strong>{formatValue(flows.error)} grid cells per frame</strong> on
          the {h} × {w} latent grid, where the true motion averages {formatValue(flows.trueSpeed)}{' '}
          cells per frame. 0 is a perfect estimate; an error as large as the true motion is no
          better than estimating no motion at all.
        </p>
      ) : (
        <p className="muted small">
          These data do not know their true velocity (the swirl’s do), so the estimate cannot be
          scored here.
        </p>
      )}
    </section>
  );
}
