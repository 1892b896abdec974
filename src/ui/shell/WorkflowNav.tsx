/** The workflow steps Data → Mask → Model → Train → Results, plus Diagnostics. */
import { PANELS, type PanelId } from '../../state/settingsSchema';
import { useSettings } from '../../state/settingsStore';

export function WorkflowNav() {
  const panel = useSettings((s) => s.values.app.panel);
  const update = useSettings((s) => s.update);
  const go = (id: PanelId) => update('app', { panel: id });
  const steps = PANELS.filter((p) => p.id !== 'diagnostics');
  return (
    <nav className="workflow-nav" aria-label="Workflow">
      <ol>
        {steps.map((p, i) => (
          <li key={p.id}>
            <button
              type="button"
              aria-current={panel === p.id ? 'page' : undefined}
              onClick={() => go(p.id)}
            >
              <span className="workflow-nav__step" aria-hidden="true">
                {i + 1}
              </span>
              {p.label}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="workflow-nav__aside"
        aria-current={panel === 'diagnostics' ? 'page' : undefined}
        onClick={() => go('diagnostics')}
      >
        Diagnostics
      </button>
    </nav>
  );
}
