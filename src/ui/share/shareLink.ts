/**
 * The link a Share dialog hands out: this page's address (origin and path, so a lab served under
 * a sub-path shares that path), the settings as a query, and the hash with `ds=1` when the link
 * should carry the dataset recipe. Anything else the hash asks (a lesson step) is kept.
 */
import { DATASET_HASH_KEY } from '../../state/datasetLink';

export interface PageAddress {
  origin: string;
  pathname: string;
  hash: string;
}

/** `query`: the encoded settings (urlCodec's encodeQuery), without its `?`; may be empty. */
export function shareLink(page: PageAddress, query: string, includeDataset: boolean): string {
  const hash = new URLSearchParams(page.hash.replace(/^#/, ''));
  hash.delete(DATASET_HASH_KEY);
  if (includeDataset) hash.set(DATASET_HASH_KEY, '1');
  const hashText = hash.toString();
  return `${page.origin}${page.pathname}${query ? `?${query}` : ''}${hashText ? `#${hashText}` : ''}`;
}
