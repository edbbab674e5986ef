import type { Context } from 'hono';
import { InvalidInputError, UnsupportedMediaTypeError } from '../../shared/errors.js';
import { type ArticleFormat, detectFormat } from '../../shared/rescue/index.js';

/** Articles up to 5 MB (docs/contract.md, POST /api/rescue). */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;
const ARTICLE_TYPES = /^text\/(html|markdown|x-markdown|plain)$/i;

/**
 * Reads an article body: HTML, Markdown or plain text, valid UTF-8, no NUL bytes. Anything else
 * is refused before any parsing, so a binary upload costs nothing.
 */
export async function readArticle(c: Context): Promise<{ article: string; format: ArticleFormat }> {
  const contentType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
  if (!ARTICLE_TYPES.test(contentType)) {
    throw new UnsupportedMediaTypeError('Send the article as text/html, text/markdown or text/plain.');
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const article = await decodeInParts(bytes);
  return { article, format: detectFormat(contentType, article) };
}

/** Bytes decoded at a time; the event loop gets a turn between parts (docs/adr/0011-rescue-reads-tokens-once.md). */
const PART = 512 * 1024;

/** UTF-8 without NUL bytes, decoded a part at a time so that a 5 MB body never holds the event loop in one go. */
async function decodeInParts(bytes: Uint8Array): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += PART) {
    const part = bytes.subarray(at, at + PART);
    if (part.includes(0)) throw new InvalidInputError('binary_body', 'The body holds binary data, not an article.');
    const last = at + PART >= bytes.length;
    try {
      parts.push(decoder.decode(part, { stream: !last }));
    } catch (error) {
      throw new InvalidInputError('binary_body', 'The body is not valid UTF-8 text.', { cause: error });
    }
    if (last) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return parts.join('');
}
