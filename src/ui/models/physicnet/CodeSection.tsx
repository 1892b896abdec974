/**
 * The discrete codes of the last input frame: the code map, the most used codes (choosing one
 * marks its cells), the use of the whole codebook as bars, and its perplexity and unused codes
 * for this one frame. Without vector quantization, words say why there are no codes.
 */
import { useId, useMemo, useState } from 'react';
import type { ExpertsSnapshot } from '../../../models/snapshot';
import { formatValue } from '../../format';
import { CodeLegend } from './CodeLegend';
import { CodeMap } from './CodeMap';
import { CodeUsageBars } from './CodeUsageBars';
import { codeUsage } from './expertsData';

const MAP_SIZE = 180;

export function CodeSection({ data }: { data: ExpertsSnapshot }) {
  const ids = { heading: useId(), status: useId() };
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const { codes, codebookSize: K, latentShape } = data;
  const usage = useMemo(() => (codes ? codeUsage(codes, K) : undefined), [codes, K]);
  const [h, w] = latentShape;

  if (!codes || !usage) {
    return (
      <section className="card physicnet-codes" aria-labelledby={ids.heading}>
        <h2 id={ids.heading}>Codes of the last input frame</h2>
        <p>
          Vector quantization is off in this model (the “no VQ” ablation): each latent cell keeps
          its own continuous vector instead of the nearest of a codebook’s entries, so there are no
          codes to show.
        </p>
      </section>
    );
  }

  const used = usage.ranked.length;
  const chosenCount = selected === undefined ? undefined : (usage.counts[selected] ?? 0);
  const mapLabel =
    `Code map of the last input frame: ${h} × ${w} latent cells coloured by their code, ` +
    `${used} of ${K} codes used` +
    (selected === undefined ? '' : `; code ${selected} outlined on ${chosenCount} cells`);
  return (
    <section className="card physicnet-codes" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Codes of the last input frame</h2>
      <p className="muted small">
        The encoder shrinks the frame to {h} × {w} cells, and each cell is replaced by the nearest
        of the codebook’s {K} entries: the square’s colour is its code. Choose a code, in the list
        or on the map, to see where the model uses it; a code that stands for one kind of patch (a
        blob’s edge, the calm background) lights up wherever that patch is.
      </p>
      <div className="physicnet-codes__body">
        <CodeMap
          codes={codes}
          latentShape={latentShape}
          selected={selected}
          onSelect={(code) => setSelected(code === selected ? undefined : code)}
          label={mapLabel}
          size={MAP_SIZE}
        />
        <CodeLegend ranked={usage.ranked} selected={selected} onSelect={setSelected} />
      </div>
      <p id={ids.status} className="small" aria-live="polite">
        {selected === undefined
          ? 'No code chosen.'
          : chosenCount
            ? `Code ${selected}: ${chosenCount} of ${usage.cells} cells outlined.`
            : `Code ${selected} is not used in this frame.`}
      </p>
      <h3 className="physicnet-subheading">Use of the codebook in this frame</h3>
      <CodeUsageBars
        counts={usage.counts}
        selected={selected}
        label={`Cells using each of the ${K} codes, in code order: ${used} used, ${usage.unused} unused in this frame`}
      />
      <dl className="physicnet-numbers">
        <div>
          <dt>Perplexity, this frame</dt>
          <dd>
            {formatValue(usage.perplexity)} of {K} codes
          </dd>
        </div>
        <div>
          <dt>Unused in this frame</dt>
          <dd>
            {usage.unused} of {K} codes
          </dd>
        </div>
      </dl>
      <p className="muted small">
        For this one frame’s {usage.cells} cells only. Perplexity is how many codes, used equally
        often, would spread as widely as these; the charts’ perplexity and dead codes count the
        inputs of every validation window.
      </p>
    </section>
  );
}
