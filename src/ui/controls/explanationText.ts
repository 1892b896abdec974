/**
 * Explanations written for students keep their technical detail apart: the text after the first
 * blank line ("\n\n") is the detail, which panels show behind a "Details" toggle. Explanation and
 * help strings in plain data (equations, initial conditions, settings schemas) follow this rule.
 */
export const DETAILS_BREAK = '\n\n';

export interface SplitExplanation {
  /** The plain words, always shown. */
  main: string;
  /** The technical detail, shown on request; absent when there is none. */
  details?: string;
}

export function splitExplanation(text: string): SplitExplanation {
  const at = text.indexOf(DETAILS_BREAK);
  if (at < 0) return { main: text.trim() };
  const main = text.slice(0, at).trim();
  const details = text.slice(at + DETAILS_BREAK.length).trim();
  return details ? { main, details } : { main };
}
