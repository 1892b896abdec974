/**
 * The plain words students read first (explanations and help, before any "Details" toggle) hold
 * no raw LaTeX and none of the jargon kept for the details.
 */
import { describe, expect, it } from 'vitest';
import { PDE_CATALOG } from '../../pde/catalog';
import { INITIAL_CONDITIONS } from '../../pde/initial/registry';
import type { Schema } from '../../schema/params';
import { maskSchema } from '../../state/maskSchema';
import { trainSchema } from '../../models/trainOptions';
import { splitExplanation } from './explanationText';

const JARGON =
  /\^\{|\^\(|\\[a-zA-Z]|IF-?RK|RK4|\bCLS\b|σ|τ|∝|‖|Crank|dealias|Laplacian|Fourier mode|Lie\b|gradient norm/;

function helpTexts(where: string, schema: Schema): [string, string][] {
  return Object.entries(schema).flatMap(([name, param]) =>
    param.help ? [[`${where} ${name}`, param.help] as [string, string]] : [],
  );
}

const texts: [string, string][] = [
  ...Object.values(PDE_CATALOG).flatMap((info): [string, string][] => [
    [`${info.id} explanation`, info.explanation],
    ...info.schemes.map((s): [string, string] => [`${info.id} scheme ${s.id}`, s.explanation]),
    ...helpTexts(info.id, info.params as Schema),
  ]),
  ...Object.values(INITIAL_CONDITIONS).flatMap((ic): [string, string][] => [
    [`${ic.id} explanation`, ic.explanation],
    ...helpTexts(ic.id, ic.params as Schema),
  ]),
  ...helpTexts('mask', maskSchema),
  ...helpTexts('train', trainSchema),
];

describe('student-facing text', () => {
  it.each(texts)('%s: plain words first, technical detail behind the toggle', (_, text) => {
    expect(splitExplanation(text).main).not.toMatch(JARGON);
  });
});
