/**
 * What a panel that works on a saved dataset shows while it has none: that it is still looking,
 * until the first listing ends, then the offer to build the default dataset.
 */
import { DefaultDatasetOffer } from './DefaultDatasetOffer';

interface DatasetNeededProps {
  /** Whether this panel's listing of the saved datasets has finished. */
  listed: boolean;
  /** Whether any saved dataset is known (another panel may have listed them already). */
  anySaved: boolean;
  /** Why the panel wants data, e.g. "Training needs simulations to learn from." */
  need: string;
}

export function DatasetNeeded({ listed, anySaved, need }: DatasetNeededProps) {
  if (!listed && !anySaved) {
    return (
      <p className="muted" role="status">
        Looking for saved datasets…
      </p>
    );
  }
  return <DefaultDatasetOffer need={need} />;
}
