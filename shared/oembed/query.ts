/**
 * The query of `GET /oembed`, read the way consumers really send it (oEmbed 1.0 §2.2): `url` is
 * required; consumers send `maxwidth`/`maxheight` empty, `0`, `20000` or `500.5` and expect an
 * answer, so values that set no usable limit (empty, zero, negative, not a number) are ignored,
 * fractions are floored and huge values clamped; unknown parameters are ignored. Only a `format`
 * other than json or xml is refused, with 501 as the spec says.
 */
export interface OEmbedQuery {
  readonly url: string;
  readonly format: 'json' | 'xml';
  readonly maxwidth: number | undefined;
  readonly maxheight: number | undefined;
}

export type OEmbedQueryResult =
  | { readonly ok: true; readonly query: OEmbedQuery }
  | { readonly ok: false; readonly status: 400 | 501; readonly message: string };

/** Larger limits mean "no limit" for a card at most 540 px wide; kept finite all the same. */
export const MAX_DIMENSION = 10_000;
const MAX_URL_LENGTH = 2048;

export function parseOEmbedQuery(params: Readonly<Record<string, string | undefined>>): OEmbedQueryResult {
  const url = params.url?.trim() ?? '';
  if (url === '') return { ok: false, status: 400, message: 'Bad request: the url parameter is required.' };
  if (url.length > MAX_URL_LENGTH)
    return { ok: false, status: 400, message: `Bad request: the url is longer than ${MAX_URL_LENGTH} characters.` };
  const format = (params.format ?? '').trim().toLowerCase() || 'json';
  if (format !== 'json' && format !== 'xml') {
    // Echo only a short, harmless form of what was asked for.
    const named = format.slice(0, 20).replace(/[^a-z0-9+.-]/g, '');
    return { ok: false, status: 501, message: `The format ${named || 'asked for'} is not supported; use json or xml.` };
  }
  return { ok: true, query: { url, format, maxwidth: parseDimension(params.maxwidth), maxheight: parseDimension(params.maxheight) } };
}

/** A positive whole number of pixels, or undefined for anything that sets no usable limit. */
export function parseDimension(value: string | undefined): number | undefined {
  const text = value?.trim() ?? '';
  // Digits with an optional fraction and an optional `px`: what consumers put there in practice.
  const match = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:px)?$/i.exec(text);
  if (!match) return undefined;
  const n = Math.floor(Number(match[1]));
  if (!Number.isFinite(n) || n < 1) return undefined;
  return Math.min(n, MAX_DIMENSION);
}
