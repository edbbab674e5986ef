import { describe, expect, it } from 'vitest';
import { MAX_DIMENSION, parseDimension, parseOEmbedQuery } from '../../shared/oembed/query.js';
import { toOEmbedTarget } from '../../shared/oembed/target.js';

describe('parseDimension: what consumers send as maxwidth/maxheight', () => {
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['0', undefined],
    ['0.4', undefined],
    ['-1', undefined],
    ['-500', undefined],
    ['wide', undefined],
    ['NaN', undefined],
    ['Infinity', undefined],
    ['1e3', undefined],
    ['500px;', undefined],
    ['1', 1],
    ['500', 500],
    [' 500 ', 500],
    ['+500', 500],
    ['500.5', 500],
    ['500.', 500],
    ['500px', 500],
    ['500PX', 500],
    ['10000', 10_000],
    ['20000', MAX_DIMENSION],
    ['99999999999999999999999', MAX_DIMENSION],
  ])('%j → %j', (value, expected) => {
    expect(parseDimension(value)).toBe(expected);
  });
});

describe('parseOEmbedQuery', () => {
  it('reads url, format and limits, ignoring unknown parameters', () => {
    expect(parseOEmbedQuery({ url: ' https://x/ ', format: 'XML', maxwidth: '500.5', maxheight: '', callback: 'f', dnt: '1' })).toEqual({
      ok: true,
      query: { url: 'https://x/', format: 'xml', maxwidth: 500, maxheight: undefined },
    });
  });

  it.each([undefined, '', 'json', 'JSON', ' Json '])('format %j is json', (format) => {
    const parsed = parseOEmbedQuery({ url: 'https://x/', format });
    expect(parsed.ok && parsed.query.format).toBe('json');
  });

  it.each(['yaml', 'jsonp', 'html', '<script>'])('format %j is 501, and the message carries no markup', (format) => {
    const parsed = parseOEmbedQuery({ url: 'https://x/', format });
    expect(parsed).toMatchObject({ ok: false, status: 501 });
    expect(parsed.ok ? '' : parsed.message).not.toMatch(/[<>]/);
  });

  it.each([{}, { url: '' }, { url: '   ' }, { url: `https://x/${'a'.repeat(2100)}` }])('%j is a 400', (params) => {
    expect(parseOEmbedQuery(params)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('toOEmbedTarget: every alias of an embed URL', () => {
  const ID = '0123456789abcdef0123';
  const origins = { baseUrl: 'http://127.0.0.1:8787', aliases: ['https://cdn.example.net/archive'] };
  const public_ = { baseUrl: 'https://embeds.example.com' };

  it.each<[string, { baseUrl: string; aliases?: string[] }]>([
    [`http://127.0.0.1:8787/embed/${ID}`, origins],
    [`https://127.0.0.1:8787/embed/${ID}`, origins],
    [`http://localhost:8787/embed/${ID}`, origins],
    [`http://LOCALHOST:8787/embed/${ID}/`, origins],
    [`http://[::1]:8787/embed/${ID}`, origins],
    [`127.0.0.1:8787/embed/${ID}`, origins],
    [`https://cdn.example.net/archive/embed/${ID}`, origins],
    [`https://CDN.Example.NET/archive/embed/${ID}?utm_source=x#top`, origins],
    [`https://embeds.example.com/embed/${ID}`, public_],
    [`http://embeds.example.com/embed/${ID}`, public_],
    [`HTTPS://EMBEDS.EXAMPLE.COM/embed/${ID}`, public_],
    [`https://www.embeds.example.com/embed/${ID}`, public_],
    [`https://embeds.example.com:443/embed/${ID}`, public_],
    [`https://embeds.example.com./embed/${ID}`, public_],
    [`https://embeds.example.com/embed/${ID.toUpperCase()}`, public_],
    [`https://embeds.example.com/EMBED/${ID}//`, public_],
    [`//embeds.example.com/embed/${ID}`, public_],
    [`embeds.example.com/embed/${ID}`, public_],
    [encodeURIComponent(`https://embeds.example.com/embed/${ID}`), public_],
  ])('%s', (url, o) => {
    expect(toOEmbedTarget(url, o)).toEqual({ kind: 'embed', id: ID, variant: { theme: 'auto', hideCaption: false, slide: 1 } });
  });

  it('keeps the variant the embed URL names and ignores other parameters', () => {
    expect(toOEmbedTarget(`https://embeds.example.com/embed/${ID}/?theme=DARK&hidecaption=1&slide=2&igsh=abc`, public_)).toEqual({
      kind: 'embed',
      id: ID,
      variant: { theme: 'dark', hideCaption: true, slide: 2 },
    });
  });

  it.each([
    `https://other.example.com/embed/${ID}`,
    `https://embeds.example.com:8443/embed/${ID}`,
    `https://embeds.example.com/embed/${ID}/extra`,
    `https://embeds.example.com/embed/not-an-id`,
    `https://embeds.example.com/media/${ID}`,
    `ftp://embeds.example.com/embed/${ID}`,
    `javascript:alert(1)//embeds.example.com/embed/${ID}`,
    `http://localhost:9999/embed/${ID}`,
    `https://evil.example/embeds.example.com/embed/${ID}`,
  ])('%s is not one of ours', (url) => {
    expect(toOEmbedTarget(url, { baseUrl: 'https://embeds.example.com' }).kind).toBe('none');
  });

  it('a loopback name is not an alias of a public base', () => {
    expect(toOEmbedTarget(`http://localhost/embed/${ID}`, public_).kind).toBe('none');
  });

  it('reads Instagram URLs, keeping img_index', () => {
    expect(toOEmbedTarget('https://WWW.Instagram.com/p/B8kFzL2hXYZ/?img_index=3', public_)).toEqual({
      kind: 'instagram',
      shortcode: 'B8kFzL2hXYZ',
      variant: { theme: 'auto', hideCaption: false, slide: 3 },
    });
  });

  it('reads an Instagram URL encoded once more than the query needed, as it does an embed URL', () => {
    const twice = encodeURIComponent('https://www.instagram.com/p/B8kFzL2hXYZ/?img_index=2');
    expect(toOEmbedTarget(twice, public_)).toEqual({
      kind: 'instagram',
      shortcode: 'B8kFzL2hXYZ',
      variant: { theme: 'auto', hideCaption: false, slide: 2 },
    });
    expect(toOEmbedTarget('https%3A%2F%2Fwww.instagram.com%2Fp%2FB8kFzL2hXYZ%2F%E0%A4%A', public_).kind).toBe('none');
  });
});
