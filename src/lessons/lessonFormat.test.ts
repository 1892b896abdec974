import { describe, expect, it } from 'vitest';
import { MODEL_IDS, modelEntry, type ModelId } from '../models/catalog';
import { buildParamsFrom, buildSettingsProblems } from '../state/buildParams';
import { defaultDatasetSettings } from '../state/defaultDataset';
import { SETTINGS_SCHEMAS, type Settings } from '../state/settingsSchema';
import { decodeQuery } from '../state/urlCodec';
import {
  checkLesson,
  checkLessons,
  EQUATIONS_FAMILY,
  lessonAvailable,
  type Lesson,
} from './lessonFormat';
import { findLesson, lessonRequest, LESSONS, stepHref } from './lessons';

const shipped = import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' });

const goodStep = {
  title: 'Heat',
  text: 'Watch it.',
  url: '?eq=heat&n=32',
  look: 'The field.',
  question: 'What fades first?',
  answer: 'Short waves.',
};
const good = {
  id: 'heat-basics',
  title: 'Heat basics',
  summary: 'Diffusion.',
  family: EQUATIONS_FAMILY,
  steps: [goodStep],
};

function problemsOf(data: unknown): string[] {
  const check = checkLesson(data, 'test.json');
  return check.ok ? [] : check.problems;
}

describe('shipped lessons', () => {
  it('are at least five, one on the equations and one per model of the catalog', () => {
    expect(Object.keys(shipped).length).toBeGreaterThanOrEqual(5);
    const families = LESSONS.map((lesson) => lesson.family);
    expect(families).toContain(EQUATIONS_FAMILY);
    for (const id of MODEL_IDS) expect(families).toContain(id);
  });

  it('all pass the check, with every step URL read by the codec without ignoring a key', () => {
    const { lessons, problems } = checkLessons(shipped);
    expect(problems).toEqual([]);
    expect(lessons).toHaveLength(Object.keys(shipped).length);
    expect(lessons.every(lessonAvailable)).toBe(true);
    expect(LESSONS).toHaveLength(lessons.length);
  });

  it('ask only for datasets the Data panel can build: each model’s own recipe', () => {
    const datasetSteps = LESSONS.flatMap((lesson) =>
      lesson.steps.filter((step) => step.dataset).map((step) => ({ lesson, step })),
    );
    expect(datasetSteps.length).toBeGreaterThan(0);
    for (const { lesson, step } of datasetSteps) {
      const values = decodeQuery(SETTINGS_SCHEMAS, step.url).values as Settings;
      expect(buildSettingsProblems(values), `${lesson.id}: ${step.title}`).toEqual([]);
      expect(() => buildParamsFrom(values)).not.toThrow();
      const recipe = modelEntry(lesson.family as ModelId).defaultDataset;
      for (const [section, wanted] of Object.entries(defaultDatasetSettings(values, {}, recipe))) {
        expect(values[section], `${lesson.id}: ${step.title}: ${section}`).toMatchObject(wanted);
      }
    }
  });

  it('open the diffusion lesson at the heat equation', () => {
    const lesson = findLesson('diffusion')!;
    const { values } = decodeQuery(SETTINGS_SCHEMAS, lesson.steps[0]!.url);
    expect(values.sim?.pde).toBe('heat');
    expect(values.app?.panel).toBe('data');
  });
});

describe('checkLesson', () => {
  it('accepts a well-formed lesson', () => {
    expect(checkLesson(good)).toEqual({ ok: true, lesson: good });
  });

  it('rejects a step URL with a key the lab does not know, naming it', () => {
    const problems = problemsOf({ ...good, steps: [{ ...goodStep, url: '?eq=heat&panel=data' }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/test\.json: step 1: “url” has values the lab would ignore/);
    expect(problems[0]).toMatch(/panel=data.*not a setting/);
  });

  it('rejects a value out of range and an unknown choice', () => {
    const problems = problemsOf({
      ...good,
      steps: [
        { ...goodStep, url: '?eq=heat&heat.nu=5' },
        { ...goodStep, url: '?eq=pizza' },
      ],
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/step 1: “url”.*heat\.nu=5/);
    expect(problems[1]).toMatch(/step 2: “url”.*eq=pizza/);
  });

  it('rejects settings that break a rule between them', () => {
    const problems = problemsOf({
      ...good,
      steps: [{ ...goodStep, url: '?b.val=0.5&b.test=0.5' }],
    });
    expect(problems.join()).toMatch(/validation share.*test share/);
  });

  it('rejects a URL without “?”, with a hash, or that sets the backend', () => {
    const urls = ['eq=heat', '?eq=heat#lesson=x', '?backend=webgpu'];
    const problems = urls.map((url) => problemsOf({ ...good, steps: [{ ...goodStep, url }] }));
    expect(problems[0]!.join()).toMatch(/starts with “\?”/);
    expect(problems[1]!.join()).toMatch(/must not have a “#” part/);
    expect(problems[2]!.join()).toMatch(/must not set “backend”/);
  });

  it('names missing and empty fields, misspelt fields and a bad id', () => {
    const { answer: _answer, ...noAnswer } = goodStep;
    const problems = problemsOf({
      id: 'Heat Basics',
      title: '',
      family: EQUATIONS_FAMILY,
      steps: [{ ...noAnswer, anwser: 'x', dataset: 'yes' }],
      extra: 1,
    });
    expect(problems).toEqual([
      expect.stringMatching(/“extra” is not a lesson field/),
      expect.stringMatching(/“id” must be lower-case letters/),
      expect.stringMatching(/“title” must be a non-empty string/),
      expect.stringMatching(/“summary” must be a non-empty string/),
      expect.stringMatching(/step 1: “anwser” is not a step field/),
      expect.stringMatching(/step 1: “answer” must be a non-empty string/),
      expect.stringMatching(/step 1: “dataset” must be true or false/),
    ]);
  });

  it('rejects a lesson with no steps, and what is not an object', () => {
    expect(problemsOf({ ...good, steps: [] })).toEqual([
      expect.stringMatching(/“steps” must be a non-empty list/),
    ]);
    expect(problemsOf([good])).toEqual(['test.json: is not a JSON object.']);
    expect(problemsOf({ ...good, steps: ['step'] })).toEqual([
      expect.stringMatching(/step 1 is not a JSON object/),
    ]);
  });

  it('refuses a second lesson with the same id', () => {
    const { lessons, problems } = checkLessons({ 'a.json': good, 'b.json': good });
    expect(lessons).toHaveLength(1);
    expect(problems).toEqual([
      expect.stringMatching(/b\.json: “id” “heat-basics” is already used/),
    ]);
  });

  it('hides a lesson whose model the lab does not have', () => {
    expect(lessonAvailable(good as Lesson)).toBe(true);
    expect(lessonAvailable({ ...good, family: 'no-such-model' } as Lesson)).toBe(false);
  });
});

describe('lesson links', () => {
  it('go to a step with its settings, the viewer’s backend kept, and the 1-based hash', () => {
    const lesson = findLesson('diffusion')!;
    const { values } = decodeQuery(SETTINGS_SCHEMAS, '?backend=webgpu');
    const href = stepHref(lesson, 1, values as never);
    const url = new URL(href, 'http://lab.test/');
    const decoded = decodeQuery(SETTINGS_SCHEMAS, url.search);
    expect(decoded.ignored).toEqual([]);
    expect(decoded.values.app?.backend).toBe('webgpu');
    expect(decoded.values.sim?.pde).toBe('heat');
    expect(url.hash).toBe('#lesson=diffusion&step=2');
  });

  it('ask for the dataset on a dataset step', () => {
    const lesson = LESSONS.find((l) => l.steps.some((s) => s.dataset))!;
    const index = lesson.steps.findIndex((s) => s.dataset);
    const { values } = decodeQuery(SETTINGS_SCHEMAS, '');
    expect(stepHref(lesson, index, values as never)).toMatch(
      new RegExp(`#lesson=${lesson.id}&step=${index + 1}&ds=1$`),
    );
  });

  it('are read from a hash', () => {
    expect(lessonRequest(new URLSearchParams('lesson=diffusion&step=3'))).toEqual({
      id: 'diffusion',
      step: 3,
    });
    expect(lessonRequest(new URLSearchParams('lesson=diffusion'))).toEqual({
      id: 'diffusion',
      step: 1,
    });
    expect(lessonRequest(new URLSearchParams('ds=1'))).toBeUndefined();
  });
});
