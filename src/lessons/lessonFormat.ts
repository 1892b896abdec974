/**
 * What a lesson file holds, and the check that a teacher's file is one: every field present and
 * of its kind, no unknown field (a misspelt `anwser` would otherwise vanish), and every step's
 * `url` a lab link that the lab's own URL codec reads without ignoring anything. Plain data and
 * pure functions: the same check runs in the lab, in the unit tests and on any new lesson.
 */
import { isModelId, MODEL_CATALOG } from '../models/catalog';
import { settingsProblems } from '../state/settingsChecks';
import { SETTINGS_SCHEMAS, type Settings } from '../state/settingsSchema';
import { decodeQuery, describeIgnored } from '../state/urlCodec';

/** The `family` of a lesson about the equations themselves rather than one model. */
export const EQUATIONS_FAMILY = 'equations';

export interface LessonStep {
  title: string;
  text: string;
  /** The lab's state for this step as a URL query string (`?p=data&eq=heat`). */
  url: string;
  /** The step's Data settings are a dataset recipe: build it, or use it if already stored. */
  dataset?: boolean;
  /** What to look at. */
  look: string;
  question: string;
  answer: string;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  /** A model id from the model catalog, or `equations`. */
  family: string;
  steps: LessonStep[];
}

export type LessonCheck = { ok: true; lesson: Lesson } | { ok: false; problems: string[] };

const LESSON_FIELDS = ['id', 'title', 'summary', 'family', 'steps'] as const;
const STEP_TEXT_FIELDS = ['title', 'text', 'look', 'question', 'answer'] as const;
const STEP_FIELDS: readonly string[] = [...STEP_TEXT_FIELDS, 'url', 'dataset'];
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks one lesson file's parsed JSON; `source` (a file name) starts each problem. */
export function checkLesson(data: unknown, source = 'lesson'): LessonCheck {
  const problems: string[] = [];
  const say = (where: string, problem: string) => problems.push(`${source}: ${where} ${problem}`);
  if (!isRecord(data)) return { ok: false, problems: [`${source}: is not a JSON object.`] };

  for (const key of Object.keys(data)) {
    if (!(LESSON_FIELDS as readonly string[]).includes(key))
      say(`“${key}”`, `is not a lesson field (expected ${LESSON_FIELDS.join(', ')}).`);
  }
  if (typeof data.id !== 'string' || !ID_PATTERN.test(data.id))
    say('“id”', 'must be lower-case letters, digits and single hyphens, like “heat-basics”.');
  for (const key of ['title', 'summary', 'family'] as const) {
    if (!isText(data[key])) say(`“${key}”`, 'must be a non-empty string.');
  }
  if (!Array.isArray(data.steps) || data.steps.length === 0) {
    say('“steps”', 'must be a non-empty list of steps.');
  } else {
    data.steps.forEach((step: unknown, i) => checkStep(step, `step ${i + 1}`, say));
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, lesson: data as unknown as Lesson };
}

function checkStep(step: unknown, where: string, say: (where: string, problem: string) => void) {
  if (!isRecord(step)) {
    say(where, 'is not a JSON object.');
    return;
  }
  for (const key of Object.keys(step)) {
    if (!STEP_FIELDS.includes(key))
      say(`${where}: “${key}”`, `is not a step field (expected ${STEP_FIELDS.join(', ')}).`);
  }
  for (const key of STEP_TEXT_FIELDS) {
    if (!isText(step[key])) say(`${where}: “${key}”`, 'must be a non-empty string.');
  }
  if (step.dataset !== undefined && typeof step.dataset !== 'boolean')
    say(`${where}: “dataset”`, 'must be true or false when given.');
  if (typeof step.url !== 'string') {
    say(`${where}: “url”`, 'must be a query string such as “?p=data&eq=heat”.');
    return;
  }
  for (const problem of urlProblems(step.url)) say(`${where}: “url”`, problem);
}

/** Why `url` is not a lesson step's lab link; empty when it is one. */
export function urlProblems(url: string): string[] {
  if (!url.startsWith('?'))
    return ['must be a query string that starts with “?”, such as “?p=data&eq=heat”.'];
  if (url.includes('#'))
    return ['must not have a “#” part: the lab adds the lesson and step itself.'];
  const query = new URLSearchParams(url);
  const problems: string[] = [];
  if (query.has(SETTINGS_SCHEMAS.app.backend.key))
    problems.push(
      `must not set “${SETTINGS_SCHEMAS.app.backend.key}”: the compute backend is the viewer’s choice.`,
    );
  const { ignored } = decodeQuery(SETTINGS_SCHEMAS, url, (v) => settingsProblems(v as Settings));
  if (ignored.length)
    problems.push(`has values the lab would ignore — ${describeIgnored(ignored).join('; ')}.`);
  return problems;
}

/** Checks every lesson file (by file name); duplicate ids are problems too. */
export function checkLessons(files: Readonly<Record<string, unknown>>): {
  lessons: Lesson[];
  problems: string[];
} {
  const lessons: Lesson[] = [];
  const problems: string[] = [];
  for (const [source, data] of Object.entries(files)) {
    const check = checkLesson(data, source);
    if (!check.ok) {
      problems.push(...check.problems);
    } else if (lessons.some((l) => l.id === check.lesson.id)) {
      problems.push(`${source}: “id” “${check.lesson.id}” is already used by another lesson.`);
    } else {
      lessons.push(check.lesson);
    }
  }
  return { lessons, problems };
}

/** A lesson is shown when it is about the equations or about a model this lab has. */
export function lessonAvailable(lesson: Lesson): boolean {
  return lesson.family === EQUATIONS_FAMILY || isModelId(lesson.family);
}

/** The family's name for people: the model's title, or “Equations”. */
export function familyTitle(family: string): string {
  return isModelId(family) ? MODEL_CATALOG[family].title : 'Equations';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
