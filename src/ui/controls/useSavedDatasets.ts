/** The saved datasets, listed again on mount, and whether that listing has finished. */
import { useEffect, useState } from 'react';
import { useDatasets } from '../../state/datasetsStore';

export function useSavedDatasets() {
  const records = useDatasets((s) => s.records);
  const refresh = useDatasets((s) => s.refresh);
  const [listed, setListed] = useState(false);

  useEffect(() => {
    void refresh().finally(() => setListed(true));
  }, [refresh]);

  return { records, listed };
}
