import { describe, expect, it } from 'vitest';
import { pickPostTime, type StatedTime } from '../../shared/instagram/shortcode.js';
import { toCapturedFields } from '../../shared/post/capture-record.js';

const NOW = new Date('2026-11-22T00:00:00Z');
/** B3IHhXZgz2Y decodes to 2019-10-02T19:02:34Z (corpus 21, whose datetime is 19:03:14Z). */
const CODE = 'B3IHhXZgz2Y';
const UPLOAD = '2019-10-02T19:02:34.000Z';
type S = 'datetime' | 'text';
const stated = (at: string, precision: StatedTime<S>['precision'], source: S = 'datetime'): StatedTime<S> => ({ at, source, precision });

describe('pickPostTime: Instagram’s own time where it is consistent, else the shortcode', () => {
  it.each([
    ['a datetime 40 s after the upload wins', [stated('2019-10-02T19:03:14Z', 'second')], '2019-10-02T19:03:14.000Z', 'datetime', false],
    ['a datetime equal to the upload wins', [stated(UPLOAD, 'second')], UPLOAD, 'datetime', false],
    [
      'a datetime before the upload is impossible: shortcode, conflict',
      [stated('2014-11-18T09:40:24Z', 'second')],
      UPLOAD,
      'shortcode',
      true,
    ],
    ['a later visible minute wins', [stated('2019-10-02T19:09:00Z', 'minute', 'text')], '2019-10-02T19:09:00.000Z', 'text', false],
    ['the upload minute keeps the upload second', [stated('2019-10-02T19:02:00Z', 'minute', 'text')], UPLOAD, 'shortcode', false],
    ['a minute that ended before the upload is impossible', [stated('2019-10-02T19:01:00Z', 'minute', 'text')], UPLOAD, 'shortcode', true],
    ['a date alone never beats the upload second', [stated('2019-10-02T07:00:00Z', 'day', 'text')], UPLOAD, 'shortcode', false],
    [
      'the first consistent source wins',
      [stated('2001-01-01T00:00:00Z', 'second'), stated('2019-10-02T19:05:00Z', 'minute', 'text')],
      '2019-10-02T19:05:00.000Z',
      'text',
      true,
    ],
    ['nothing stated: the shortcode', [], UPLOAD, 'shortcode', false],
  ] as const)('%s', (_name, candidates, takenAt, source, conflict) => {
    expect(pickPostTime(CODE, candidates, NOW)).toEqual({ takenAt, source, conflict });
  });

  it('without a shortcode the first stated time is taken as it is', () => {
    expect(pickPostTime(null, [stated('2014-11-18T09:40:24Z', 'second')], NOW)).toEqual({
      takenAt: '2014-11-18T09:40:24.000Z',
      source: 'datetime',
      conflict: false,
    });
    expect(pickPostTime(null, [], NOW)).toEqual({ takenAt: null, source: null, conflict: false });
  });

  it('capture follows the same rule with the page data it has', () => {
    const ref = { type: 'post', shortcode: CODE, kind: 'p', canonicalUrl: `https://www.instagram.com/p/${CODE}/`, slide: null } as const;
    const page = (takenAt: string | null) => ({ handle: 'museumoficecream', name: null, caption: 'x', takenAt, media: [] });
    const fields = (embedAt: string | null, postAt: string | null) =>
      toCapturedFields({ ref, embedPage: page(embedAt), postPage: page(postAt), media: [], evidence: [] }, NOW);
    expect(fields('2019-10-02T19:03:14.000Z', null)).toMatchObject({
      takenAt: '2019-10-02T19:03:14.000Z',
      provenance: { takenAt: 'embed-page' },
    });
    expect(fields(null, '2019-10-02T19:03:14.000Z')).toMatchObject({
      takenAt: '2019-10-02T19:03:14.000Z',
      provenance: { takenAt: 'post-page' },
    });
    expect(fields('2015-01-01T00:00:00.000Z', null)).toMatchObject({ takenAt: UPLOAD, provenance: { takenAt: 'shortcode' } });
    expect(fields(null, null)).toMatchObject({ takenAt: UPLOAD, provenance: { takenAt: 'shortcode' } });
  });
});
