/**
 * What a panel that scores saved models needs listed: the saved datasets and the saved models
 * that fill hidden patches (newest first), read on mount and again whenever the runs change.
 */
import { useEffect } from 'react';
import { useResults } from '../../state/resultsStore';
import { useTrain } from '../../state/trainStore';
import { useSavedDatasets } from './useSavedDatasets';

export function useSavedModelsAndDatasets() {
  const { records, listed: datasetsListed } = useSavedDatasets();
  const runs = useTrain((s) => s.runs);
  const refreshRuns = useTrain((s) => s.refreshRuns);
  const models = useResults((s) => s.models);
  const modelsListed = useResults((s) => s.modelsListed);
  const refreshModels = useResults((s) => s.refreshModels);

  useEffect(() => {
    void refreshRuns();
  }, [refreshRuns]);
  // A run trained, resumed or deleted changes which checkpoints are saved.
  useEffect(() => {
    void refreshModels();
  }, [refreshModels, runs]);

  return { datasets: records, datasetsListed, models, modelsListed };
}
