import { useEffect, useState } from 'react';
import { useSettings } from '../state/settingsStore';
import { applyTheme, useTheme } from '../state/themeStore';
import { DataPanel } from './panels/data/DataPanel';
import { DiagnosticsPanel } from './panels/diagnostics/DiagnosticsPanel';
import { MaskPanel } from './panels/mask/MaskPanel';
import { PLACEHOLDERS, PlaceholderPanel } from './panels/PlaceholderPanel';
import { Header } from './shell/Header';
import { Notices } from './shell/Notices';
import { SettingsDialog } from './shell/SettingsDialog';

export function App() {
  const panel = useSettings((s) => s.values.app.panel);
  const theme = useTheme((s) => s.theme);
  const [settingsOpen, setSettingsOpen] = useState(false);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    // Read by `npm run bench` (and visible in DevTools): when the shell first became usable.
    if (performance.getEntriesByName('app-interactive').length === 0)
      performance.mark('app-interactive');
  }, []);

  return (
    <div className="app" data-app-ready="true">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <Notices />
      <main id="main" tabIndex={-1}>
        {panel === 'diagnostics' ? (
          <DiagnosticsPanel />
        ) : panel === 'data' ? (
          <DataPanel />
        ) : panel === 'mask' ? (
          <MaskPanel />
        ) : (
          <PlaceholderPanel {...PLACEHOLDERS[panel]} />
        )}
      </main>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  );
}
