/** The list of lessons (title, summary, model, step count), opened from the header's Lessons button. */
import { useEffect, useRef } from 'react';
import { familyTitle } from '../../lessons/lessonFormat';
import { LESSONS } from '../../lessons/lessons';
import { useLesson } from '../../state/lessonStore';

export function LessonPicker() {
  const ref = useRef<HTMLDialogElement>(null);
  const { pickerOpen, setPickerOpen, go } = useLesson();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pickerOpen && !dialog.open) dialog.showModal();
    if (!pickerOpen && dialog.open) dialog.close();
  }, [pickerOpen]);

  return (
    <dialog
      ref={ref}
      className="lesson-picker"
      aria-labelledby="lesson-picker-title"
      onClose={() => setPickerOpen(false)}
    >
      <div className="lesson-picker__head">
        <h2 id="lesson-picker-title">Lessons</h2>
        <button type="button" className="button" onClick={() => setPickerOpen(false)}>
          Close
        </button>
      </div>
      <p className="muted">
        Guided tours of the lab: each step sets the lab up, says what to look at and asks a
        question. Press <kbd>p</kbd> to present one on a projector.
      </p>
      <ul className="lesson-picker__list">
        {LESSONS.map((lesson) => (
          <li key={lesson.id} className="lesson-picker__item">
            <div>
              <h3>{lesson.title}</h3>
              <p className="lesson-picker__meta muted">
                {familyTitle(lesson.family)} · {lesson.steps.length} steps
              </p>
              <p>{lesson.summary}</p>
            </div>
            <button
              type="button"
              className="button button--primary"
              onClick={() => go(lesson.id, 0)}
              aria-label={`Start “${lesson.title}”`}
            >
              Start
            </button>
          </li>
        ))}
      </ul>
    </dialog>
  );
}
