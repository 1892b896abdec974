import { describe, expect, it } from 'vitest';
import { DATASET_HASH_KEY } from '../../state/datasetLink';
import { SETTINGS_SCHEMAS, type Settings } from '../../state/settingsSchema';
import { settingsProblems } from '../../state/settingsChecks';
import { decodeQuery, encodeQuery } from '../../state/urlCodec';
import { shareLink } from './shareLink';

const page = (pathname: string, hash = '') => ({ origin: 'https://lab.example', pathname, hash });

describe('shareLink', () => {
  it('is origin + path + query, with #ds=1 only when the dataset recipe is included', () => {
    expect(shareLink(page('/'), 'v=1&n=32', false)).toBe('https://lab.example/?v=1&n=32');
    expect(shareLink(page('/'), 'v=1&n=32', true)).toBe('https://lab.example/?v=1&n=32#ds=1');
    expect(shareLink(page('/'), '', true)).toBe('https://lab.example/#ds=1');
    expect(shareLink(page('/'), '', false)).toBe('https://lab.example/');
  });

  it('keeps a sub-path deployment’s path', () => {
    const link = shareLink(page('/labs/pde/'), 'v=1&eq=heat', true);
    expect(link).toBe('https://lab.example/labs/pde/?v=1&eq=heat#ds=1');
    expect(new URL(link).pathname).toBe('/labs/pde/');
  });

  it('keeps what else the hash asks, and never repeats or leaves a stale ds', () => {
    expect(shareLink(page('/', '#lesson=heat&step=2'), 'v=1', true)).toBe(
      'https://lab.example/?v=1#lesson=heat&step=2&ds=1',
    );
    expect(shareLink(page('/', '#ds=1&lesson=heat'), 'v=1', false)).toBe(
      'https://lab.example/?v=1#lesson=heat',
    );
    const twice = shareLink(page('/', '#ds=1'), 'v=1', true);
    expect(new URL(twice).hash).toBe(`#${DATASET_HASH_KEY}=1`);
  });

  it('round-trips the settings: the link’s query decodes to the same settings', () => {
    const { values } = decodeQuery(SETTINGS_SCHEMAS, 'eq=heat&n=32&b.n=3&b.t=4&b.seed=11', (v) =>
      settingsProblems(v as Settings),
    );
    const link = new URL(shareLink(page('/sub/'), encodeQuery(SETTINGS_SCHEMAS, values), true));
    const back = decodeQuery(SETTINGS_SCHEMAS, link.search, (v) => settingsProblems(v as Settings));
    expect(back.ignored).toEqual([]);
    expect(back.values).toEqual(values);
    expect(link.hash).toBe('#ds=1');
  });
});
