/** A claim's verdict, computed by the job: a banner, then each check with its numbers. */
import type { ReactNode } from 'react';
import type { ClaimVerdictWord } from '../../state/reproduceStore';

const VERDICT_WORDS: Record<ClaimVerdictWord, string> = {
  holds: 'The claim holds on these data at this scale.',
  'partly holds': 'The claim holds only in part on these data at this scale.',
  'does not hold': 'The claim does not hold on these data at this scale.',
};

const VERDICT_CLASS: Record<ClaimVerdictWord, string> = {
  holds: 'holds',
  'partly holds': 'partly',
  'does not hold': 'fails',
};

export function ClaimVerdict({
  verdict,
  checks,
  notes = [],
  caveat,
}: {
  verdict: ClaimVerdictWord;
  checks: readonly { passed: boolean; text: string }[];
  /** Context the verdict does not count. */
  notes?: readonly string[];
  /** After the banner's sentence, e.g. why a tiny run proves nothing. */
  caveat?: ReactNode;
}) {
  return (
    <>
      <p
        className={`reproduce-card__verdict reproduce-card__verdict--${VERDICT_CLASS[verdict]}`}
        role="status"
      >
        <strong>{VERDICT_WORDS[verdict]}</strong> {caveat}
      </p>
      <ul className="reproduce-card__checks">
        {checks.map((check) => (
          <li key={check.text}>
            <span aria-hidden="true">{check.passed ? '✓ ' : '✗ '}</span>
            <span className="visually-hidden">{check.passed ? 'Passed: ' : 'Failed: '}</span>
            {check.text}
          </li>
        ))}
      </ul>
      {notes.length > 0 ? (
        <ul className="reproduce-card__notes muted">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
