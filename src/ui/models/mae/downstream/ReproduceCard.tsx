/**
 * "Reproduce the paper": MAE-PDE's claim in one sentence, the protocol run at a chosen scale on
 * the chosen encoder and dataset, and our measured result beside the claim, saying plainly
 * whether it holds at this scale.
 */
import { useId, useMemo, useState } from 'react';
import {
  judgeClaim,
  PAPER_CLAIM,
  type ClaimVerdict,
} from '../../../../models/mae/downstream/claim';
import type { DownstreamTarget } from './state/downstreamStore';
import { REGRESSION_SCALES, useRegression, type RegressionScaleId } from './state/regressionStore';
import { useRuntime } from '../../../../state/runtimeStore';
import { modelOptionLabel } from '../../../controls/modelOptionLabel';
import { ScalePicker } from '../../../controls/ScalePicker';

const VERDICT_WORDS: Record<ClaimVerdict, string> = {
  holds: 'Holds at this scale',
  partly: 'Holds only in part at this scale',
  fails: 'Does not hold at this scale',
  undecided: 'Not tested yet',
};

export function ReproduceCard({ target }: { target: DownstreamTarget }) {
  const id = useId();
  const [scale, setScale] = useState<RegressionScaleId>('paper');
  const { reproduce, activeJobId, last } = useRegression();
  const ready = useRuntime((s) => s.status === 'ready');
  const judgement = useMemo(
    () => (last ? judgeClaim(last.result.summary, last.result.meanBaselineMse) : undefined),
    [last],
  );
  const result = last?.result;

  return (
    <section className="card reproduce-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reproduce the paper</h2>
      <blockquote className="reproduce-card__claim">
        <p>{PAPER_CLAIM}</p>
        <footer>
          — the claim of Zhou &amp; Barati Farimani, “Masked Autoencoders are PDE Learners” (2024)
        </footer>
      </blockquote>
      <p className="muted">
        Protocol: the encoder is pretrained once without labels (here:{' '}
        {modelOptionLabel(target.model)}
        ). Then three regression arms with identical heads and budgets (frozen, fine-tuned, from
        scratch) learn the coefficients of “{target.dataset.name}” from a growing number of labels,
        each with several seeds.
      </p>
      <ScalePicker
        scales={REGRESSION_SCALES}
        scale={scale}
        disabled={activeJobId !== undefined}
        onChoose={setScale}
      />
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={!ready || activeJobId !== undefined}
          onClick={() => reproduce(target, scale)}
        >
          Run the protocol
        </button>
      </div>
      <div className="reproduce-card__result" aria-live="polite">
        {judgement && result ? (
          <>
            <p className={`reproduce-card__verdict reproduce-card__verdict--${judgement.verdict}`}>
              <strong>{VERDICT_WORDS[judgement.verdict]}.</strong> {judgement.reason}
            </p>
            <table className="results-table">
              <caption>
                Test MSE, mean over {last!.params.seeds.length} seed
                {last!.params.seeds.length === 1 ? '' : 's'}, on {result.scored.count}{' '}
                {result.scored.split} trajectories of “{last!.datasetName}”
              </caption>
              <thead>
                <tr>
                  <th scope="col">labels</th>
                  <th scope="col">best pretrained</th>
                  <th scope="col">from scratch</th>
                  <th scope="col">gain</th>
                </tr>
              </thead>
              <tbody>
                {judgement.comparisons.map((c) => (
                  <tr key={c.labels}>
                    <th scope="row">{c.labels}</th>
                    <td>
                      {c.pretrained.toFixed(4)} (
                      {c.pretrainedArm === 'frozen' ? 'frozen' : 'fine-tuned'})
                    </td>
                    <td>{c.scratch.toFixed(4)}</td>
                    <td>
                      {Math.round(100 * c.gain)}%{c.clear ? '' : ' (within the seeds’ spread)'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="muted">
            Run the protocol to see whether the claim holds with this encoder and these data.
          </p>
        )}
      </div>
    </section>
  );
}
