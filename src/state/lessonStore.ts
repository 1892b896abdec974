/**
 * The open lesson and its step. The address is the truth: moving to a step goes to that step's
 * link (`openLink`), and every link the lab arrives at (first load, a lesson step, Back and
 * Forward) sets the store from its hash `lesson=<id>&step=<n>`. An unknown lesson or step in a
 * link gets a notice, and the lab opens as usual.
 */
import { create } from 'zustand';
import type { Lesson } from '../lessons/lessonFormat';
import { findLesson, lessonRequest, LESSONS, stepHref } from '../lessons/lessons';
import { useNotices } from './noticesStore';
import { useSettings } from './settingsStore';
import { onLinkOpened, openLink } from './urlSync';

interface LessonState {
  lesson?: Lesson;
  /** 0-based. */
  step: number;
  /** Whether the current step's answer is shown. */
  revealed: boolean;
  pickerOpen: boolean;
  setPickerOpen(open: boolean): void;
  /** Goes to step `index` (0-based) of the lesson `id`. */
  go(id: string, index: number): void;
  next(): void;
  previous(): void;
  reveal(): void;
  close(): void;
}

export const useLesson = create<LessonState>()((set, get) => ({
  step: 0,
  revealed: false,
  pickerOpen: false,
  setPickerOpen: (pickerOpen) => set({ pickerOpen }),
  go(id, index) {
    const lesson = findLesson(id);
    if (!lesson || index < 0 || index >= lesson.steps.length) return;
    set({ pickerOpen: false });
    openLink(stepHref(lesson, index, useSettings.getState().values));
  },
  next() {
    const { lesson, step, go } = get();
    if (lesson) go(lesson.id, step + 1);
  },
  previous() {
    const { lesson, step, go } = get();
    if (lesson) go(lesson.id, step - 1);
  },
  reveal: () => set({ revealed: true }),
  close() {
    set({ lesson: undefined, step: 0, revealed: false });
    // The settings stay; the address stops asking for the lesson.
    const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    hash.delete('lesson');
    hash.delete('step');
    const rest = hash.toString();
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`,
    );
  },
}));

const LESSON_NOTICE = 'lesson-link';

/** Applies a link's lesson request to the store, with a notice where the request is unusable. */
function arrive(hash: URLSearchParams): void {
  const request = lessonRequest(hash);
  const { notices, dismiss, show } = useNotices.getState();
  if (notices.some((n) => n.id === LESSON_NOTICE)) dismiss(LESSON_NOTICE);
  if (!request) {
    if (useLesson.getState().lesson) useLesson.setState({ lesson: undefined, revealed: false });
    return;
  }
  const lesson = findLesson(request.id);
  if (!lesson) {
    useLesson.setState({ lesson: undefined, revealed: false });
    show({
      id: LESSON_NOTICE,
      tone: 'warning',
      title: `The link asks for a lesson “${request.id}” that this lab does not have.`,
      detail: `The lab opened with the link’s settings. Lessons here: ${LESSONS.map((l) => `“${l.title}”`).join(', ')} (Lessons, in the header).`,
      dismissible: true,
    });
    return;
  }
  const count = lesson.steps.length;
  const valid = Number.isInteger(request.step) && request.step >= 1 && request.step <= count;
  const step = valid ? request.step - 1 : 0;
  const noStep = () =>
    show({
      id: LESSON_NOTICE,
      tone: 'warning',
      title: `“${lesson.title}” has no step ${hash.get('step') ?? ''}: it has steps 1 to ${count}. Showing step 1.`,
      dismissible: true,
    });
  if (isBareLink()) {
    // A hand-written `#lesson=…` without the step's settings: go to the step's own state, in
    // place of this address, so Back does not land here again.
    openLink(stepHref(lesson, step, useSettings.getState().values), { replace: true });
    if (!valid) noStep();
    return;
  }
  const current = useLesson.getState();
  const moved = current.lesson?.id !== lesson.id || current.step !== step;
  useLesson.setState({
    lesson,
    step,
    revealed: moved ? false : current.revealed,
  });
  if (!valid) noStep();
}

/** Whether the address sets nothing but the compute backend (and the link format's version). */
function isBareLink(): boolean {
  const keys = [...new URLSearchParams(window.location.search).keys()];
  return keys.every((key) => key === 'backend' || key === 'v');
}

/** Hears every link the lab arrives at; call once, after the URL sync has started. */
export function startLessonLinks(): () => void {
  return onLinkOpened(arrive);
}
