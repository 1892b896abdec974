import { lazy, Suspense, useEffect, useState } from 'react';
import { startLessonLinks, useLesson } from '../state/lessonStore';
import { useSettings } from '../state/settingsStore';
import { applyTheme, useTheme } from '../state/themeStore';
import { LessonBar, PresenterHint } from './lessons/LessonBar';
import { LessonPicker } from './lessons/LessonPicker';
import { usePresenter, usePresenterKeys } from './lessons/presenter';
import './lessons/lessons.css';
import { DataPanel } from './panels/data/DataPanel';
import { Header } from './shell/Header';
import { Notices } from './shell/Notices';
import { SettingsDialog } from './shell/SettingsDialog';

// Panels other than the first one a visitor sees load on demand, keeping the first load small.
const DiagnosticsPanel = lazy(() =>
  import('./panels/diagnostics/DiagnosticsPanel').then((m) => ({ default: m.DiagnosticsPanel })),
);
const MaskPanel = lazy(() =>
  import('./panels/mask/MaskPanel').then((m) => ({ default: m.MaskPanel })),
);
const ModelPanel = lazy(() =>
  import('./panels/model/ModelPanel').then((m) => ({ default: m.ModelPanel })),
);
const TrainPanel = lazy(() =>
  import('./panels/train/TrainPanel').then((m) => ({ default: m.TrainPanel })),
);
const ResultsPanel = lazy(() =>
  import('./panels/results/ResultsPanel').then((m) => ({ default: m.ResultsPanel })),
);

const DownstreamPanel = lazy(() =>
  import('./panels/downstream/DownstreamPanel').then((m) => ({ default: m.DownstreamPanel })),
);

export function App() {
  const panel = useSettings((s) => s.values.app.panel);
  const theme = useTheme((s) => s.theme);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const lessonOpen = useLesson((s) => s.lesson !== undefined);
  const presenting = usePresenter((s) => s.active);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    const stop = startLessonLinks();
    return () => void stop();
  }, []);
  usePresenterKeys();
  useEffect(() => {
    // Read by `npm run bench` (and visible in DevTools): when the shell first became usable.
    if (performance.getEntriesByName('app-interactive').length === 0)
      performance.mark('app-interactive');
  }, []);

  return (
    <div className={`app${lessonOpen ? ' app--lesson' : ''}`} data-app-ready="true">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <Notices />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {panel === 'diagnostics' ? (
            <DiagnosticsPanel />
          ) : panel === 'data' ? (
            <DataPanel />
          ) : panel === 'mask' ? (
            <MaskPanel />
          ) : panel === 'model' ? (
            <ModelPanel />
          ) : panel === 'train' ? (
            <TrainPanel />
          ) : panel === 'results' ? (
            <ResultsPanel />
          ) : (
            <DownstreamPanel />
          )}
        </Suspense>
      </main>
      <LessonBar />
      {presenting && !lessonOpen ? <PresenterHint alone /> : null}
      <LessonPicker />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  );
}
