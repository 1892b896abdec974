/**
 * A dataset file (or the data and metadata given to a writer) is not in a shape PDE Lab can use.
 * The message is written for the person who picked the file.
 */
export class DatasetFormatError extends Error {
  override name = 'DatasetFormatError';
}
