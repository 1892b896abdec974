/** What a run's checkpoint file is called: plain data, safe on the main thread. */

export const CHECKPOINT_FILE_EXTENSION = '.ckpt';
/** The longest file name suggested, extension excluded. */
const MAX_NAME_LENGTH = 80;

/** A file name for a run: its name with only letters, digits, dots, dashes and underscores. */
export function checkpointFileName(runName: string): string {
  const base = runName
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[-.]+$/, '');
  return `${base || 'checkpoint'}${CHECKPOINT_FILE_EXTENSION}`;
}
