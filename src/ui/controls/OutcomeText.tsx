/** What the last action came to, in words: an alert for a problem, a polite status otherwise. */
import type { Outcome } from '../../state/outcome';

export function OutcomeText({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) return null;
  const problem = outcome.tone === 'problem';
  return (
    <p className={problem ? 'text-problem' : 'muted'} role={problem ? 'alert' : 'status'}>
      {outcome.text}
    </p>
  );
}
