import { BackendChip } from './BackendChip';
import { WorkflowNav } from './WorkflowNav';

export function Header({ onOpenSettings }: { onOpenSettings: () => void }) {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          ∂
        </span>
        <span>PDE Lab</span>
      </div>
      <WorkflowNav />
      <div className="app-header__tools">
        <BackendChip onOpen={onOpenSettings} />
        <button
          type="button"
          className="button button--icon"
          onClick={onOpenSettings}
          aria-label="Settings"
        >
          <span aria-hidden="true">⚙</span>
        </button>
      </div>
    </header>
  );
}
