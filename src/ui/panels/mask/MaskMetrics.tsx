/**
 * Under the Mask panel's views: what fills the reconstruction column, and how well the hidden
 * patches are filled in; with a trained model, its masked-region error beside the baseline's on
 * the same mask, which of the two wins and, when the baseline does, why it likely does.
 */
import {
  describeBaseline,
  modelShortName,
  type MaskPreviewResult,
} from '../../../runtime/mask/config';
import { DetailsToggle } from '../../controls/Explained';
import { formatMs, formatValue } from '../../format';
import { comparisonSentence } from './sourceText';

export interface MaskMetricsProps {
  result: MaskPreviewResult;
  /** The frame on screen. */
  frame: number;
  /** Some trained model could reconstruct instead of the baseline. */
  modelsAvailable: boolean;
  /** Why the model may lose to the baseline here (lossReasons.ts); none known: empty. */
  reasons?: readonly string[];
}

export function MaskMetrics({ result, frame, modelsAvailable, reasons = [] }: MaskMetricsProps) {
  const { hiddenTokens, tokens, maskedRelativeL2, perFrameRelativeL2, reconstructMs, baseline } =
    result.metrics;
  const source = result.request.reconstruction;
  const model = result.model;
  const hidden = `${hiddenTokens} of ${tokens} (${formatPercent(hiddenTokens / tokens)})`;
  const frameError = perFrameRelativeL2[frame] ?? Number.NaN;

  if (source.kind === 'baseline' || !model) {
    const name = describeBaseline(source.kind === 'baseline' ? source.method : source.baseline);
    return (
      <>
        {modelsAvailable ? (
          <p className="mask-viewer__source">
            {`The reconstruction column shows the ${name}, filled in from the visible patches only.`}{' '}
            <strong>A trained model is saved:</strong> choose it under “Reconstruct with” to see how
            it compares.
          </p>
        ) : (
          <p className="mask-viewer__source">
            <strong>No model is trained yet:</strong>{' '}
            {`the reconstruction column shows the ${name}, filled in from the visible patches only.`}{' '}
            Once a masked autoencoder is trained, its reconstruction appears here instead, to
            compare against this baseline.
          </p>
        )}
        <table className="results-table mask-viewer__metrics">
          <caption>How well the hidden patches are filled in</caption>
          <tbody>
            <tr>
              <th scope="row">Hidden patches</th>
              <td>{hidden}</td>
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
        <ErrorExplanation />
      </>
    );
  }

  const baselineName = describeBaseline(source.baseline);
  const modelName = modelShortName(model.modelId);
  const baselineFrame = baseline?.perFrameRelativeL2[frame] ?? Number.NaN;
  const verdict = comparisonSentence(
    modelName,
    maskedRelativeL2,
    baseline?.maskedRelativeL2 ?? Number.NaN,
    baselineName,
    reasons,
  );
  const resampled = model.datasetSize !== model.size;
  return (
    <>
      <p className="mask-viewer__source">
        The masked autoencoder saw only the visible patches and filled in the rest; the table
        compares it with the {baselineName} on the same mask.{' '}
        {resampled
          ? `The dataset's ${model.datasetSize} × ${model.datasetSize} frames are resampled (Fourier interpolation) to the model's ${model.size} × ${model.size} grid. `
          : ''}
        It reads {result.channels.length === 1 ? 'the channel' : 'the channels'}{' '}
        {result.channels.join(', ')}.
      </p>
      <table className="results-table mask-viewer__metrics mask-viewer__metrics--compare">
        <caption>How well the hidden patches are filled in: {modelName} against baseline</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">
              {modelName} (step {model.step})
            </th>
            <th scope="col">{capitalize(baselineName)}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Hidden patches</th>
            <td colSpan={2}>{hidden}</td>
          </tr>
          <ComparedRow
            label="Masked-region relative L2 error, whole window"
            model={maskedRelativeL2}
            baseline={baseline?.maskedRelativeL2 ?? Number.NaN}
          />
          <ComparedRow
            label="Masked-region relative L2 error, this frame"
            model={frameError}
            baseline={baselineFrame}
          />
          <tr>
            <th scope="row">Reconstruction time</th>
            <td>{formatMs(reconstructMs)}</td>
            <td>{baseline ? formatMs(baseline.reconstructMs) : '–'}</td>
          </tr>
        </tbody>
      </table>
      {verdict ? <p className="mask-viewer__verdict">{verdict}</p> : null}
      {verdict && reasons.length > 0 && maskedRelativeL2 > (baseline?.maskedRelativeL2 ?? NaN) ? (
        <ul className="mask-viewer__reasons">
          {reasons.map((reason) => (
            <li key={reason}>{sentence(reason)}</li>
          ))}
        </ul>
      ) : null}
      <ErrorExplanation />
    </>
  );
}

/** One error row: the lower of the two is marked, in words as well as in bold. */
function ComparedRow(props: { label: string; model: number; baseline: number }) {
  const { label, model, baseline } = props;
  const both = Number.isFinite(model) && Number.isFinite(baseline);
  const cell = (value: number, wins: boolean) => (
    <td className={wins ? 'mask-viewer__winner' : undefined}>
      {formatError(value)}
      {wins ? <span className="visually-hidden"> (lower)</span> : null}
    </td>
  );
  return (
    <tr>
      <th scope="row">{label}</th>
      {cell(model, both && model < baseline)}
      {cell(baseline, both && baseline < model)}
    </tr>
  );
}

function ErrorExplanation() {
  return (
    <>
      <p className="muted small">
        The error compares the reconstruction with the original on the hidden pixels only: 0 is
        perfect; 1 is no better than filling them with zeros.
      </p>
      <DetailsToggle details="Relative L2 error = ‖reconstruction − original‖ / ‖original‖, both norms over the hidden pixels of the window (or of the frame)." />
    </>
  );
}

/** A reason clause as a sentence of its own. */
function sentence(clause: string): string {
  return `${capitalize(clause)}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

function formatError(value: number): string {
  return Number.isNaN(value) ? 'nothing hidden' : formatValue(value);
}
