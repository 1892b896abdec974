/** Settings: compute backend, theme, and storage. A native modal <dialog> (focus trap, Esc). */
import { useEffect, useRef } from 'react';
import { useRuntime } from '../../state/runtimeStore';
import { useTheme, type ThemeChoice } from '../../state/themeStore';
import { SchemaForm } from '../controls/SchemaForm';
import { CalibrationSection } from './CalibrationSection';
import { OfflineSection } from './OfflineSection';
import { StorageSection } from './StorageSection';

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { theme, setTheme } = useTheme();
  const restart = useRuntime((s) => s.restart);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="settings-dialog"
      aria-labelledby="settings-title"
      onClose={onClose}
    >
      <div className="settings-dialog__head">
        <h2 id="settings-title">Settings</h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <section className="settings-section">
        <SchemaForm section="app" only={['backend']} legend="Compute" />
        <button type="button" className="button" onClick={() => void restart()}>
          Restart compute
        </button>
      </section>
      <CalibrationSection />
      <section className="settings-section">
        <label htmlFor="theme-select">Theme</label>
        <select
          id="theme-select"
          value={theme}
          onChange={(e) => setTheme(e.target.value as ThemeChoice)}
        >
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </section>
      {open ? <StorageSection /> : null}
      <OfflineSection />
    </dialog>
  );
}
