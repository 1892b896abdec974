/** What a user action came to, in words, for a store to keep and a panel to show. */
export interface Outcome {
  tone: 'problem' | 'info';
  text: string;
}
