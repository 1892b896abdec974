import { describe, expect, it } from 'vitest';
import { buildParamsFrom } from './buildParams';
import { settingsProblems } from './settingsChecks';
import { SETTINGS_SCHEMAS, type Settings } from './settingsSchema';
import { decodeQuery } from './urlCodec';

const settings = (query: string) => {
  const { values, ignored } = decodeQuery(SETTINGS_SCHEMAS, query, (v) =>
    settingsProblems(v as Settings),
  );
  expect(ignored).toEqual([]);
  return values as Settings;
};

describe('the dataset builder’s request', () => {
  it('carries observation noise from the URL (b.noise, b.nseed), and none by default', () => {
    const clean = buildParamsFrom(settings('eq=heat'));
    expect(clean.request.kind === 'single' && clean.request.single.noise).toBe(undefined);
    expect(clean.name).not.toMatch(/noise/);
    const noisy = buildParamsFrom(settings('eq=heat&b.noise=0.05&b.nseed=9'));
    expect(noisy.request.kind === 'single' && noisy.request.single.noise).toEqual({
      sigma: 0.05,
      seed: 9,
    });
    expect(noisy.name).toMatch(/noise 0\.05 \(seed 9\)/);
    const mix = buildParamsFrom(settings('b.mode=mix&b.noise=0.1'));
    expect(mix.request.kind === 'mix' && mix.request.mix.noise).toEqual({ sigma: 0.1, seed: 0 });
  });

  it('builds the swirl from Gaussian blobs with one flow seed per trajectory', () => {
    const { request } = buildParamsFrom(settings('eq=swirl'));
    expect(request.kind).toBe('single');
    if (request.kind !== 'single') return;
    expect(request.single.pde).toBe('swirl');
    expect(request.single.initialCondition).toBe('gaussian-blobs');
    expect(request.single.coefficients.flowSeed).toEqual([0, 2 ** 24 - 1]);
    expect(request.single.coefficients.speed).toEqual([0.5, 0.5]);
  });
});
