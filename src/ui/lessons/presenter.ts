/**
 * Presenter mode, for a lesson on a projector: the page goes full screen (where the browser
 * allows; the layout changes anyway), type grows, the lab's controls hide behind `h`, and the
 * keyboard steps through the open lesson. The mode is an attribute on the root element styled by
 * presenter.css; leaving removes every trace and puts the scroll position back.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { useLesson } from '../../state/lessonStore';
import './presenter.css';

/** On <html> while presenting; `…-controls` while the lab's controls are shown again. */
const ACTIVE = 'data-presenter';
const CONTROLS = 'data-presenter-controls';

interface PresenterState {
  active: boolean;
  controlsShown: boolean;
  /** True when the browser refused or lacks full screen (the layout is used all the same). */
  windowed: boolean;
}

export const usePresenter = create<PresenterState>()(() => ({
  active: false,
  controlsShown: false,
  windowed: false,
}));

let savedScroll = { x: 0, y: 0 };
/** Whether this mode asked for the full screen it is in (so leaving hands it back). */
let ownsFullscreen = false;

export function enterPresenter(): void {
  if (usePresenter.getState().active) return;
  savedScroll = { x: window.scrollX, y: window.scrollY };
  document.documentElement.setAttribute(ACTIVE, '');
  usePresenter.setState({ active: true, controlsShown: false, windowed: false });
  const root = document.documentElement;
  if (!document.fullscreenEnabled || typeof root.requestFullscreen !== 'function') {
    usePresenter.setState({ windowed: true });
    return;
  }
  root.requestFullscreen().then(
    () => {
      ownsFullscreen = true;
    },
    () => usePresenter.setState({ windowed: true }),
  );
}

export function leavePresenter(): void {
  if (!usePresenter.getState().active) return;
  document.documentElement.removeAttribute(ACTIVE);
  document.documentElement.removeAttribute(CONTROLS);
  usePresenter.setState({ active: false, controlsShown: false, windowed: false });
  const { x, y } = savedScroll;
  const restoreScroll = () => window.scrollTo(x, y);
  restoreScroll();
  // The browser lays the page out again once full screen has ended: scroll back after that too.
  if (ownsFullscreen && document.fullscreenElement) {
    document
      .exitFullscreen()
      .catch(() => {})
      .finally(() => requestAnimationFrame(restoreScroll));
  } else if (ownsFullscreen) {
    requestAnimationFrame(restoreScroll);
  }
  ownsFullscreen = false;
}

export function togglePresenterControls(): void {
  const shown = !usePresenter.getState().controlsShown;
  if (shown) document.documentElement.setAttribute(CONTROLS, '');
  else document.documentElement.removeAttribute(CONTROLS);
  usePresenter.setState({ controlsShown: shown });
}

/** A key pressed in a field belongs to the field (a select's arrows, a number's digits). */
function inField(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, select, textarea, [contenteditable="true"]') !== null
  );
}

/** Space and Enter on a button activate the button, as everywhere else. */
function onControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a, summary') !== null;
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const active = usePresenter.getState().active;
  const target = event.target;
  if (!active) {
    const inDialog = target instanceof Element && target.closest('dialog') !== null;
    if (event.key === 'p' && !inField(target) && !inDialog) {
      event.preventDefault();
      enterPresenter();
    }
    return;
  }
  if (target instanceof Element && target.closest('dialog')) return; // the dialog's own keys
  if (event.key === 'Escape') {
    event.preventDefault();
    leavePresenter();
    return;
  }
  if (inField(target)) return;
  const { lesson, step, next, previous } = useLesson.getState();
  const forward = ['ArrowRight', 'PageDown', ' '].includes(event.key);
  const back = ['ArrowLeft', 'PageUp'].includes(event.key);
  if (event.key === 'h' || event.key === 'H') {
    event.preventDefault();
    togglePresenterControls();
  } else if (lesson && (forward || back)) {
    if (event.key === ' ' && onControl(target)) return;
    // The lesson owns these keys while presenting: the panels' own shortcuts wait.
    event.preventDefault();
    event.stopPropagation();
    if (event.repeat) return;
    if (forward && step < lesson.steps.length - 1) next();
    if (back && step > 0) previous();
  }
}

/** Leaving full screen by the browser's own means (Esc, F11) leaves presenter mode too. */
function onFullscreenChange(): void {
  if (ownsFullscreen && !document.fullscreenElement) leavePresenter();
}

/** Installs presenter mode's keys (`p` enters); mount once, in the app shell. */
export function usePresenterKeys(): void {
  useEffect(() => {
    // Capture, on the window: the lesson's keys reach here before any panel's.
    window.addEventListener('keydown', onKeyDown, { capture: true });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      leavePresenter();
    };
  }, []);
}
