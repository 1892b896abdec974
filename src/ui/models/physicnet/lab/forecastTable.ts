/**
 * The forecast lab's scores in words: one row per measure, the model's value beside the
 * persistence baseline's where persistence has one, and each empty cell says why it is empty.
 * Then one sentence on whether the model beats persistence.
 */
import type { PhysicNetForecastResult } from '../../../../models/physicnet/jobs/forecastConfig';
import { formatValue } from '../../../format';

export interface TableCell {
  /** The number as shown, or "–". */
  text: string;
  /** What it measures, or why it is empty, for screen readers and the title. */
  description: string;
  value: number;
}

export interface TableRow {
  /** "Test MSE, all steps". */
  label: string;
  /** Which way is better, e.g. "lower is better". */
  better: string;
  /** The model's value, then persistence's. */
  cells: [TableCell, TableCell];
}

type TableInputs = Pick<
  PhysicNetForecastResult,
  'model' | 'persistence' | 'arms' | 'knowsVelocity' | 'codebookSize'
>;

function number(value: number, what: string, text = formatValue(value)): TableCell {
  return { text, description: `${what}: ${text}.`, value };
}

function empty(why: string): TableCell {
  return { text: '–', description: `No value: ${why}.`, value: Number.NaN };
}

/** The cell of a value the model may not have (NaN or undefined), with why not. */
function maybe(value: number | undefined, what: string, why: string, text?: string): TableCell {
  return value === undefined || Number.isNaN(value) ? empty(why) : number(value, what, text);
}

export function forecastTableRows(result: TableInputs): TableRow[] {
  const { model, persistence, arms, codebookSize: K } = result;
  const noCodes = 'persistence has no codebook';
  const noVq = 'vector quantization is off in this model, so it has no codes';
  const deadCount = Math.round(model.deadCodes * K);
  return [
    {
      label: 'Test MSE, all steps',
      better: 'lower is better',
      cells: [
        number(model.testMse, 'PhysicNet-style’s mean squared error'),
        number(persistence.testMse, 'Persistence’s mean squared error'),
      ],
    },
    {
      label: 'Relative L2 error',
      better: 'lower is better',
      cells: [
        number(model.relL2, 'PhysicNet-style’s relative L2 error'),
        number(persistence.relL2, 'Persistence’s relative L2 error'),
      ],
    },
    {
      label: 'SSIM, mean of the steps',
      better: '1 is perfect',
      cells: [
        number(model.testSsim, 'PhysicNet-style’s structural similarity'),
        number(persistence.testSsim, 'Persistence’s structural similarity'),
      ],
    },
    {
      label: 'Codebook perplexity',
      better: `codes in real use, of ${K}`,
      cells: [maybe(model.perplexity, 'Codebook perplexity', noVq), empty(noCodes)],
    },
    {
      label: 'Dead codes',
      better: 'share of the codebook no input used',
      cells: [
        maybe(
          model.deadCodes,
          `Dead codes, ${deadCount} of ${K}`,
          noVq,
          `${formatValue(100 * model.deadCodes)} %`,
        ),
        empty(noCodes),
      ],
    },
    {
      label: 'Flow end-point error',
      better: 'grid cells per frame, lower is better',
      cells: [
        maybe(
          model.flowEndPointError,
          'Mean distance between the estimated and the true displacement, in grid cells per frame',
          !arms.flow
            ? 'the flow expert is off in this model, so it estimates no flow'
            : !result.knowsVelocity
              ? 'this dataset does not know its true velocity (only the swirl does)'
              : 'no flow was scored',
        ),
        empty('persistence estimates no flow'),
      ],
    },
  ];
}

/** Whether the model's forecast beats persistence's, in one sentence. */
export function persistenceVerdict(result: Pick<TableInputs, 'model' | 'persistence'>): string {
  const { model, persistence } = result;
  if (!(model.testMse > 0) || !(persistence.testMse > 0)) {
    return model.testMse === 0
      ? 'The model’s forecast is exact on these windows.'
      : 'Persistence is exact on these windows: nothing moves, so there is nothing to beat.';
  }
  const ratio = persistence.testMse / model.testMse;
  if (ratio >= 1.05) {
    return `PhysicNet-style beats persistence: its mean squared error is ${formatValue(ratio)} × lower, so it has learnt something of the motion.`;
  }
  if (ratio > 1 / 1.05) {
    return 'PhysicNet-style and persistence are about as good: the model has learnt little of the motion yet.';
  }
  return `PhysicNet-style does not beat persistence yet: its mean squared error is ${formatValue(1 / ratio)} × persistence’s. Train it longer, or on more data.`;
}
