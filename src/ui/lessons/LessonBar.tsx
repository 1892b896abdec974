/**
 * The open lesson's step beside the lab: its text, what to look at, the question with its answer
 * behind a button, step n of N with Previous and Next, and Close. It folds to one line so it
 * never stands in the way.
 */
import { useId, useState } from 'react';
import { useLesson } from '../../state/lessonStore';
import { enterPresenter, leavePresenter, usePresenter } from './presenter';

export function LessonBar() {
  const { lesson, step: index, revealed, next, previous, reveal, close } = useLesson();
  const presenting = usePresenter((s) => s.active);
  const [folded, setFolded] = useState(false);
  const id = useId();
  if (!lesson) return null;
  const step = lesson.steps[index];
  if (!step) return null;
  const count = lesson.steps.length;
  const position = `Step ${index + 1} of ${count}`;

  return (
    <aside className="lesson-bar" aria-labelledby={`${id}-title`}>
      <div className="lesson-bar__head">
        <p className="lesson-bar__lesson muted">
          {lesson.title} · <span aria-live="polite">{position}</span>
        </p>
        <div className="lesson-bar__tools">
          <button
            type="button"
            className="button"
            aria-expanded={!folded}
            aria-controls={`${id}-body`}
            onClick={() => setFolded((f) => !f)}
          >
            {folded ? 'Show' : 'Fold'}
          </button>
          <button type="button" className="button" onClick={close}>
            Close lesson
          </button>
          {presenting ? (
            <button type="button" className="button" onClick={leavePresenter}>
              Leave presenter
            </button>
          ) : (
            <button type="button" className="button" onClick={enterPresenter}>
              Present
            </button>
          )}
        </div>
      </div>
      <h2 id={`${id}-title`} className="lesson-bar__title">
        {step.title}
      </h2>
      {/* Focusable: the step's text scrolls, and the keyboard must be able to scroll it. */}
      <div
        key={`${lesson.id}/${index}`} // a new step starts at the top of its text
        id={`${id}-body`}
        className="lesson-bar__body"
        hidden={folded}
        tabIndex={0}
        role="region"
        aria-label="Step text"
      >
        <p>{step.text}</p>
        <p className="lesson-bar__look">
          <strong>Look at: </strong>
          {step.look}
        </p>
        <div className="lesson-bar__question">
          <p>
            <strong>Question: </strong>
            {step.question}
          </p>
          {revealed ? (
            <p className="lesson-bar__answer" role="status">
              <strong>Answer: </strong>
              {step.answer}
            </p>
          ) : (
            <button type="button" className="button" onClick={reveal}>
              Reveal answer
            </button>
          )}
        </div>
      </div>
      <nav className="lesson-bar__nav" aria-label="Lesson steps">
        <button type="button" className="button" onClick={previous} disabled={index === 0}>
          Previous
        </button>
        <span className="lesson-bar__position">{position}</span>
        <button
          type="button"
          className="button button--primary"
          onClick={next}
          disabled={index === count - 1}
        >
          Next
        </button>
      </nav>
      {presenting ? <PresenterHint /> : null}
    </aside>
  );
}

/** The presenter's keys, in the lesson bar, or alone in a corner when no lesson is open. */
export function PresenterHint({ alone = false }: { alone?: boolean }) {
  const controlsShown = usePresenter((s) => s.controlsShown);
  return (
    <p className={`presenter-hint muted${alone ? ' presenter-hint--alone' : ''}`}>
      {alone ? null : (
        <>
          <kbd>→</kbd> next · <kbd>←</kbd> back ·{' '}
        </>
      )}
      <kbd>h</kbd> {controlsShown ? 'hide' : 'show'} the lab’s controls · <kbd>Esc</kbd> leave
    </p>
  );
}
