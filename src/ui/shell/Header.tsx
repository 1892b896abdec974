import { useLesson } from '../../state/lessonStore';
import { enterPresenter } from '../lessons/presenter';
import { ShareButton } from '../share/ShareButton';
import { BackendChip } from './BackendChip';
import { WorkflowNav } from './WorkflowNav';

export function Header({ onOpenSettings }: { onOpenSettings: () => void }) {
  const openLessons = useLesson((s) => s.setPickerOpen);
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
        <button type="button" className="button" onClick={() => openLessons(true)}>
          Lessons
        </button>
        <button
          type="button"
          className="button"
          onClick={enterPresenter}
          aria-keyshortcuts="p"
          title="Presenter mode: full screen, large type (key p)"
        >
          Present
        </button>
        <ShareButton />
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
