/**
 * The encoder's latent space: every trajectory's embedding projected to 2-D (PCA or UMAP, CLS
 * token or mean of the patch tokens), coloured by equation or by a coefficient; hovering a point,
 * or choosing it from the list, shows that trajectory's first frame and coefficients.
 */
import { useId, useMemo, useState } from 'react';
import type {
  LatentPooling,
  LatentProjection,
} from '../../../../models/mae/downstream/latentChoices';
import { neighbourAgreement } from '../../../../models/mae/downstream/neighbourAgreement';
import type { DownstreamTarget } from './state/downstreamStore';
import { COLOUR_BY_EQUATION, useLatent } from './state/latentStore';
import { useRuntime } from '../../../../state/runtimeStore';
import { JobProgressBar } from '../../../controls/JobProgressBar';
import { DetailsToggle } from '../../../controls/Explained';
import { OutcomeText } from '../../../controls/OutcomeText';
import { FieldView } from '../../../views/FieldView';
import { PlotlyChart } from '../../../views/PlotlyChart';
import { coefficientText, equationTitle, latentChart, pointText } from './latentChart';
import './latent.css';

const PROJECTION_LABELS: Record<LatentProjection, string> = { pca: 'PCA', umap: 'UMAP' };
const POOLING_LABELS: Record<LatentPooling, string> = {
  cls: 'CLS token',
  mean: 'Mean of patch tokens',
};

export function LatentSection({ target }: { target: DownstreamTarget }) {
  const id = useId();
  const { choices, choose, run, activeJobId, last, outcome } = useLatent();
  const ready = useRuntime((s) => s.status === 'ready');
  const running = activeJobId !== undefined;
  const result = last?.result;
  const [shown, setShown] = useState<number | undefined>();
  const shownIndex = result && shown !== undefined && shown < result.count ? shown : undefined;
  const colourBy =
    result && result.columns.some((c) => c.label === choices.colourBy)
      ? choices.colourBy
      : COLOUR_BY_EQUATION;
  const chart = useMemo(
    () => (result ? latentChart(result, colourBy, shownIndex) : undefined),
    [result, colourBy, shownIndex],
  );
  const agreement = useMemo(
    () => (result ? neighbourAgreement(result.points, result.equations) : undefined),
    [result],
  );

  const frame =
    result && shownIndex !== undefined
      ? {
          data: result.frames.subarray(
            shownIndex * result.size ** 2,
            (shownIndex + 1) * result.size ** 2,
          ),
          width: result.size,
          height: result.size,
        }
      : undefined;

  return (
    <section className="card downstream-section latent-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Latent space</h2>
      <p className="muted">
        Each point is one trajectory. Its first window goes through the encoder with nothing hidden,
        and the encoder’s output, a list of numbers as long as the model is wide, is squeezed to two
        so it can be drawn. Points close together look alike to the encoder. If the equations form
        separate groups, the encoder tells them apart without ever having been told which is which;
        if a coefficient’s colour changes smoothly across a group, it also senses how fast things
        diffuse or move. PCA keeps the two directions of largest spread (their share of the variance
        is on the axes); UMAP keeps neighbourhoods, so groups show more clearly but the distances
        between groups mean little.
      </p>
      <p className="muted">
        Two summaries of a window can be drawn: the <em>CLS token</em>, an extra token the encoder
        adds to gather the whole window into one (MAE-PDE’s downstream tasks read it), and the plain{' '}
        <em>mean</em> of the patch tokens. Pretraining never trains the CLS token, so it may carry
        less than the mean: compare the two.
      </p>
      <DetailsToggle details="During masked pretraining only patch tokens enter the encoder, so the CLS token's own embedding gets no gradient; its output is still shaped by the patch tokens it attends to." />
      <form
        className="downstream-controls"
        aria-label="Latent space settings"
        onSubmit={(e) => {
          e.preventDefault();
          run(target);
        }}
      >
        <fieldset className="downstream-arms" disabled={running}>
          <legend>Projection</legend>
          {(Object.keys(PROJECTION_LABELS) as LatentProjection[]).map((p) => (
            <label key={p} className="checkbox">
              <input
                type="radio"
                name={`${id}-projection`}
                value={p}
                checked={choices.projection === p}
                onChange={() => choose({ projection: p })}
              />
              {PROJECTION_LABELS[p]}
            </label>
          ))}
        </fieldset>
        <fieldset className="downstream-arms" disabled={running}>
          <legend>Token</legend>
          {(Object.keys(POOLING_LABELS) as LatentPooling[]).map((p) => (
            <label key={p} className="checkbox">
              <input
                type="radio"
                name={`${id}-pooling`}
                value={p}
                checked={choices.pooling === p}
                onChange={() => choose({ pooling: p })}
              />
              {POOLING_LABELS[p]}
            </label>
          ))}
        </fieldset>
        <div className="param">
          <label htmlFor={`${id}-seed`}>UMAP seed</label>
          <input
            id={`${id}-seed`}
            type="number"
            step={1}
            value={choices.seed}
            disabled={running || choices.projection !== 'umap'}
            aria-describedby={`${id}-seed-help`}
            onChange={(e) => choose({ seed: Number(e.target.value) })}
          />
          <small id={`${id}-seed-help`} className="param__help">
            The same seed draws the same picture
          </small>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={!ready || running}>
            Place the trajectories
          </button>
        </div>
      </form>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      <OutcomeText outcome={outcome} />
      {result && chart && last ? (
        <div className="latent-results">
          <div className="latent-chart">
            <div className="downstream-controls" role="group" aria-label="Colouring">
              <div className="param">
                <label htmlFor={`${id}-colour`}>Colour by</label>
                <select
                  id={`${id}-colour`}
                  value={colourBy}
                  onChange={(e) => choose({ colourBy: e.target.value })}
                >
                  <option value={COLOUR_BY_EQUATION}>Equation</option>
                  {result.columns.map((c) => (
                    <option key={c.label} value={c.label}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="param">
                <label htmlFor={`${id}-point`}>Show trajectory</label>
                <select
                  id={`${id}-point`}
                  value={shownIndex ?? ''}
                  aria-describedby={`${id}-point-help`}
                  onChange={(e) =>
                    setShown(e.target.value === '' ? undefined : Number(e.target.value))
                  }
                >
                  <option value="">None</option>
                  {result.equations.map((_, i) => (
                    <option key={i} value={i}>
                      {pointText(result, i)}
                    </option>
                  ))}
                </select>
                <small id={`${id}-point-help`} className="param__help">
                  Or hover a point in the chart
                </small>
              </div>
            </div>
            <PlotlyChart
              title={`${PROJECTION_LABELS[result.projection]} of the encoder’s ${POOLING_LABELS[result.pooling].toLowerCase()} for ${result.count} trajectories of “${last.datasetName}”`}
              data={chart.data}
              layout={chart.layout}
              height={380}
              onHover={(point) => {
                if (typeof point.customdata === 'number') setShown(point.customdata);
              }}
            />
            {agreement ? (
              <p className="muted" aria-live="polite">
                {(100 * agreement.share).toFixed(0)}% of the points have a nearest neighbour of the
                same equation in this picture (by chance: {(100 * agreement.chance).toFixed(0)}%).
                Encoder {last.modelName}, {result.width} numbers per trajectory
                {result.count < result.total
                  ? `, the first ${result.count} of ${result.total} trajectories`
                  : ''}
                .
              </p>
            ) : null}
          </div>
          <div className="latent-hover" aria-live="polite">
            {frame && shownIndex !== undefined ? (
              <>
                <FieldView
                  field={frame}
                  label={`Trajectory ${shownIndex}, first frame (${result.channel})`}
                  size={200}
                />
                <p>
                  <strong>{equationTitle(result.equations[shownIndex]!)}</strong>
                  <br />
                  {coefficientText(result, shownIndex)}
                </p>
              </>
            ) : (
              <p className="muted">
                Hover a point, or choose a trajectory, to see its first frame.
              </p>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
