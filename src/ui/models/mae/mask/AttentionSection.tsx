/**
 * The Mask panel's "attention as a kernel" section for a trained MAE: show or hide the decoder's
 * attention, choose its layer and head, and see the query patch's kernel on the patch grid, its
 * mass against distance beside classical interpolants, and what that means in words.
 */
import { useId, useMemo } from 'react';
import { compareKernels, type HeadChoice } from '../../../../models/mae/downstream/attentionKernel';
import type { MaskPreviewResult } from '../../../../runtime/mask/config';
import type { AttentionChoice } from '../../../../state/maskStore';
import { errorMessage } from '../../../../util/errorMessage';
import { AttentionChart } from './AttentionChart';
import { AttentionExplainer } from './AttentionExplainer';
import { AttentionOverlay } from './AttentionOverlay';
import { localitySentence, patchName } from './attentionText';
import './attention.css';

export interface AttentionSectionProps {
  result: MaskPreviewResult;
  choice: AttentionChoice;
  onChange(change: Partial<AttentionChoice>): void;
  /** True while a newer preview computes. */
  busy: boolean;
}

export function AttentionSection({ result, choice, onChange, busy }: AttentionSectionProps) {
  const ids = { show: useId(), layer: useId(), head: useId(), title: useId() };
  const { attention, tokenGrid, tokenMask } = result;
  const tokens = tokenMask.length;
  const query = choice.query !== undefined && choice.query < tokens ? choice.query : undefined;
  const layers = attention?.layers ?? 1;
  const heads = attention?.heads ?? 0;
  const layer = Math.min(choice.layer, layers - 1);
  const head: HeadChoice = choice.head === 'mean' || choice.head < heads ? choice.head : 'mean';
  const source = `decoder block ${layer + 1} of ${layers}, ${head === 'mean' ? `mean of ${heads} heads` : `head ${head + 1} of ${heads}`}`;

  const analysis = useMemo(() => {
    if (!attention || query === undefined) return undefined;
    try {
      return { comparison: compareKernels(attention, tokenGrid, tokenMask, query, layer, head) };
    } catch (error) {
      return { problem: errorMessage(error) };
    }
  }, [attention, tokenGrid, tokenMask, query, layer, head]);
  const comparison = analysis?.comparison;
  const finding =
    comparison && query !== undefined
      ? localitySentence(comparison, patchName(tokenGrid, query), Boolean(tokenMask[query]))
      : undefined;

  return (
    <section className="attention-section" aria-labelledby={ids.title}>
      <h3 id={ids.title}>Attention as a kernel</h3>
      <div className="mask-viewer__toolbar" role="toolbar" aria-label="Attention view">
        <label htmlFor={ids.show} className="inline-label">
          <input
            id={ids.show}
            type="checkbox"
            checked={choice.on}
            onChange={(e) => onChange({ on: e.target.checked })}
          />
          Show attention
        </label>
        {choice.on ? (
          <>
            <label htmlFor={ids.layer} className="inline-label">
              Decoder layer
              <select
                id={ids.layer}
                value={layer}
                onChange={(e) => onChange({ layer: Number(e.target.value) })}
              >
                {Array.from({ length: layers }, (_, l) => (
                  <option key={l} value={l}>
                    Block {l + 1}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={ids.head} className="inline-label">
              Head
              <select
                id={ids.head}
                value={String(head)}
                onChange={(e) =>
                  onChange({ head: e.target.value === 'mean' ? 'mean' : Number(e.target.value) })
                }
              >
                <option value="mean">Mean of the heads</option>
                {Array.from({ length: heads }, (_, h) => (
                  <option key={h} value={h}>
                    Head {h + 1}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
      </div>
      {!choice.on ? (
        <p className="muted small">
          Click a hatched patch on the MAE reconstruction, or turn on “Show attention”, to see which
          patches the decoder draws on to fill it in.
        </p>
      ) : result.metrics.hiddenTokens === 0 ? (
        <p className="muted small">Nothing is hidden: there is no masked patch to fill in.</p>
      ) : (
        <>
          <p className="muted small" role="status">
            {!attention
              ? busy
                ? 'Computing the attention…'
                : 'The attention comes with the next preview.'
              : query === undefined
                ? 'Choose a patch: click a hatched patch on the MAE reconstruction or in the grids below.'
                : `Query: patch ${patchName(tokenGrid, query)} (${tokenMask[query] ? 'masked' : 'visible'}), ${source}.`}
          </p>
          <div className="attention-section__body">
            <AttentionOverlay
              grid={tokenGrid}
              mask={tokenMask}
              row={comparison?.attentionAll.row}
              query={query}
              onQuery={(token) => onChange({ query: token })}
            />
            {comparison ? <AttentionChart comparison={comparison} source={source} /> : null}
          </div>
          {analysis?.problem ? (
            <p className="text-problem" role="alert">
              The attention cannot be shown: {analysis.problem}
            </p>
          ) : null}
          <AttentionExplainer finding={finding} />
        </>
      )}
    </section>
  );
}
