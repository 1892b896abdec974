import { describe, expect, it } from 'vitest';
import { forecastTableRows, persistenceVerdict } from './forecastTable';

const model = {
  mse: [0.001, 0.003],
  ssim: [0.95, 0.9],
  testMse: 0.002,
  testSsim: 0.925,
  relL2: 0.05,
  perplexity: 6.42,
  deadCodes: 0.25,
  flowEndPointError: 0.31,
};
const persistence = {
  mse: [0.01, 0.02],
  ssim: [0.8, 0.7],
  testMse: 0.015,
  testSsim: 0.75,
  relL2: 0.2,
};
const result = {
  model,
  persistence,
  arms: { quantize: true, flow: true, local: true },
  knowsVelocity: true,
  codebookSize: 16,
};

describe('the scores table', () => {
  it('puts each measure of the model beside persistence’s', () => {
    const rows = forecastTableRows(result);
    expect(rows.map((r) => r.label)).toEqual([
      'Test MSE, all steps',
      'Relative L2 error',
      'SSIM, mean of the steps',
      'Codebook perplexity',
      'Dead codes',
      'Flow end-point error',
    ]);
    expect(rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['0.002', '0.015'],
      ['0.05', '0.2'],
      ['0.925', '0.75'],
      ['6.42', '–'],
      ['25 %', '–'],
      ['0.31', '–'],
    ]);
    expect(rows[4]!.cells[0].description).toBe('Dead codes, 4 of 16: 25 %.');
    expect(rows[3]!.cells[1].description).toBe('No value: persistence has no codebook.');
    expect(rows[5]!.cells[1].description).toBe('No value: persistence estimates no flow.');
    expect(rows[3]!.better).toBe('codes in real use, of 16');
  });

  it('says why the model has no codes or no flow error', () => {
    const { flowEndPointError: _, ...noFlow } = model;
    const plain = {
      ...result,
      model: { ...noFlow, perplexity: NaN, deadCodes: NaN },
      arms: { quantize: false, flow: false, local: true },
    };
    const rows = forecastTableRows(plain);
    expect(rows[3]!.cells[0].text).toBe('–');
    expect(rows[3]!.cells[0].description).toMatch(/vector quantization is off/);
    expect(rows[4]!.cells[0].description).toMatch(/vector quantization is off/);
    expect(rows[5]!.cells[0].description).toMatch(/the flow expert is off/);
    const unknown = forecastTableRows({ ...result, model: noFlow, knowsVelocity: false });
    expect(unknown[5]!.cells[0].description).toMatch(/does not know its true velocity/);
  });

  it('says whether the model beats persistence', () => {
    expect(persistenceVerdict(result)).toBe(
      'PhysicNet-style beats persistence: its mean squared error is 7.5 × lower, so it has learnt something of the motion.',
    );
    expect(persistenceVerdict({ model: { ...model, testMse: 0.03 }, persistence })).toMatch(
      /^PhysicNet-style does not beat persistence yet: its mean squared error is 2 × persistence’s/,
    );
    expect(persistenceVerdict({ model: { ...model, testMse: 0.0151 }, persistence })).toMatch(
      /about as good/,
    );
    expect(persistenceVerdict({ model, persistence: { ...persistence, testMse: 0 } })).toMatch(
      /Persistence is exact/,
    );
  });
});
