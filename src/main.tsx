import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useDiagnostics } from './state/diagnosticsStore';
import { liveSummary } from './state/liveStore';
import { computeClient, startRuntime } from './state/runtimeStore';
import { startUrlSync } from './state/urlSync';
import { App } from './ui/App';
import './ui/styles.css';

startUrlSync();
startRuntime();

/** A console handle for debugging (and for the e2e tests): `pdeLab.loseGpuDevice()` etc. */
Object.assign(globalThis, {
  pdeLab: {
    loseGpuDevice: () => computeClient().loseDevice(),
    memory: () => computeClient().memory(),
    liveSummary,
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
