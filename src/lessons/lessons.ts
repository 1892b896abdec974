/**
 * The shipped lessons: every `*.json` file in this folder, checked by `lessonFormat`, keeping
 * those whose model the lab has, in title order. A file that fails the check is left out with a
 * warning naming its problems (the unit tests keep the shipped ones valid). Also: the link that
 * opens a lesson step, and the reading of a lesson link's hash.
 */
import { MODEL_IDS } from '../models/catalog';
import { SETTINGS_SCHEMAS, type Settings } from '../state/settingsSchema';
import { decodeQuery, encodeQuery } from '../state/urlCodec';
import { checkLessons, EQUATIONS_FAMILY, lessonAvailable, type Lesson } from './lessonFormat';

const files = import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' });
const checked = checkLessons(
  Object.fromEntries(
    Object.entries(files).map(([path, data]) => [path.replace(/^\.\//, ''), data]),
  ),
);
if (checked.problems.length) console.warn(`Lessons left out:\n${checked.problems.join('\n')}`);

const FAMILY_ORDER: readonly string[] = [EQUATIONS_FAMILY, ...MODEL_IDS];

/** Every lesson the lab shows: the equations' first, then the models' in catalog order. */
export const LESSONS: readonly Lesson[] = checked.lessons
  .filter(lessonAvailable)
  .sort(
    (a, b) =>
      FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family) ||
      a.title.localeCompare(b.title),
  );

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}

/**
 * The in-lab link of step `index` (0-based) of `lesson`: the step's settings, the viewer's own
 * compute backend kept, and the hash `lesson=…&step=n` (1-based), with `ds=1` for a dataset step.
 */
export function stepHref(lesson: Lesson, index: number, current: Settings): string {
  const step = lesson.steps[index];
  if (!step) throw new Error(`Lesson “${lesson.id}” has no step ${index + 1}.`);
  const { values } = decodeQuery(SETTINGS_SCHEMAS, step.url);
  const query = encodeQuery(SETTINGS_SCHEMAS, {
    ...values,
    app: { ...values.app, backend: current.app.backend },
  });
  const hash = new URLSearchParams({ lesson: lesson.id, step: String(index + 1) });
  if (step.dataset) hash.set('ds', '1');
  return `?${query}#${hash.toString()}`;
}

/** A link hash's lesson request: the id and the 1-based step as written (NaN if not a number). */
export function lessonRequest(hash: URLSearchParams): { id: string; step: number } | undefined {
  const id = hash.get('lesson');
  if (id === null) return undefined;
  const stepText = hash.get('step');
  return { id, step: stepText === null ? 1 : Number(stepText) };
}
