import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useDiagnostics } from './state/diagnosticsStore';
import type { BenchGenerateParams } from './runtime/jobs/benchGenerateConfig';
import type { BenchTrainParams } from './runtime/jobs/benchTrainConfig';
import { startDatasetLink } from './state/datasetLink';
import { liveSummary, subscribeLiveFrames } from './state/liveStore';
import { startOfflineSupport } from './hosting/offline';
import { startPretrainedInstall } from './state/pretrainedStore';
import { computeClient, startRuntime } from './state/runtimeStore';
import { startUrlSync } from './state/urlSync';
import { App } from './ui/App';
import './ui/styles.css';

startUrlSync();
startRuntime();
startDatasetLink(); // after the runtime: a link's dataset is built in the compute worker
startPretrainedInstall();
startOfflineSupport();

/** Live-simulator frames handed to the views since load, and when the newest arrived (for the bench's fps). */
const liveFrames = { count: 0, lastAt: 0 };
subscribeLiveFrames(() => {
  liveFrames.count++;
  liveFrames.lastAt = performance.now();
});

/** A console handle for debugging (and for the e2e tests): `pdeLab.loseGpuDevice()` etc. */
Object.assign(globalThis, {
  pdeLab: {
    loseGpuDevice: () => computeClient().loseDevice(),
    memory: () => computeClient().memory(),
    liveSummary,
    liveFramesShown: () => ({ ...liveFrames }),
    /** Times one record interval of dataset generation in the worker (`npm run bench`). */
    benchGenerate: (params: BenchGenerateParams) =>
      computeClient().runJob('benchGenerate', params, () => {}).result,
    /** Times MAE training steps in the worker (`npm run bench`). */
    benchTrain: (params: BenchTrainParams) =>
      computeClient().runJob('benchTrain', params, () => {}).result,
    /** The newest self-test's figures, without its arrays. */
    lastSelfTest: () => {
      const result = useDiagnostics.getState().results[0];
      if (!result) return undefined;
      const { losses, target, prediction, ...fit } = result.fit;
      return { ...result, fit };
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
