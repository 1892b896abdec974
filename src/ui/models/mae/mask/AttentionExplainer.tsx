/**
 * Attention as a kernel, in plain words for students (after Cao, Xu & Clifton, "How to Understand
 * Masked Autoencoders", 2022), ending with what the chart shows for this model and this patch.
 */
export interface AttentionExplainerProps {
  /** The computed sentence about this query; none until a query is chosen. */
  finding: string | undefined;
}

export function AttentionExplainer({ finding }: AttentionExplainerProps) {
  return (
    <aside className="attention-explainer" aria-label="Attention as a kernel, explained">
      <h4>What the picture means</h4>
      <p>
        Think of each patch as a small subdomain of the space-time window: the model turns the
        values on it into one token, a handful of numbers describing the field there.
      </p>
      <p>
        When the decoder fills a masked patch, it gives every other patch a weight, all positive and
        adding up to 1, and mixes their tokens in those proportions. That set of weights is a
        kernel: a recipe for how much each place counts when filling in this one.
      </p>
      <details className="details-toggle">
        <summary>Details</summary>
        <p>
          Each head scores every patch j from patch i and turns the scores into weights a
          <sub>ij</sub> ≥ 0 with Σ<sub>j</sub> a<sub>ij</sub> = 1. Read as a function of j, that row
          is a kernel κ(x<sub>i</sub>, ·): the new token of patch i is the kernel-weighted sum of
          all tokens, a discrete version of the integral ∫ κ(x<sub>i</sub>, ξ) v(ξ) dξ over the
          domain. The effective radius is the weighted mean distance of the visible patches, in
          patch widths.
        </p>
      </details>
      <p>
        So the masked patch is filled by interpolation, but a learned one: the kernel may reach
        every patch in the window, not only the nearest ones, and its shape depends on the data.
        Nearest-neighbour interpolation puts all the weight on the closest visible patch;
        inverse-distance weighting spreads it, fading with distance. The chart puts the
        decoder&apos;s kernel beside both. This reading of attention comes from Cao, Xu and
        Clifton&apos;s paper &ldquo;How to Understand Masked Autoencoders&rdquo; (2022), whose claim
        is that masked patches are rebuilt by global interpolation rather than from their neighbours
        alone. Whether that holds for this small model is what the numbers say.
      </p>
      {finding ? (
        <p className="attention-explainer__finding">
          <strong>For this model and patch: </strong>
          {finding}
        </p>
      ) : (
        <p className="attention-explainer__finding">
          Choose a masked patch to see what this model&apos;s kernel does.
        </p>
      )}
    </aside>
  );
}
