/** Plain words, with their technical detail (after a blank line: explanationText.ts) behind a toggle. */
import { splitExplanation } from './explanationText';

export function DetailsToggle({ details }: { details: string | undefined }) {
  if (!details) return null;
  return (
    <details className="details-toggle">
      <summary>Details</summary>
      <p>{details}</p>
    </details>
  );
}

/** A paragraph of explanation, then its detail on request. */
export function Explained({ text, className }: { text: string; className?: string }) {
  const { main, details } = splitExplanation(text);
  return (
    <>
      <p className={className}>{main}</p>
      <DetailsToggle details={details} />
    </>
  );
}
