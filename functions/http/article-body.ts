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
  if (bytes.includes(0)) throw new InvalidInputError('binary_body', 'The body holds binary data, not an article.');
  let article: string;
  try {
    article = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InvalidInputError('binary_body', 'The body is not valid UTF-8 text.', { cause: error });
  }
  return { article, format: detectFormat(contentType, article) };
}
