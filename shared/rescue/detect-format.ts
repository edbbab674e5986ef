import type { ArticleFormat } from './types.js';

const HTML_SIGNS = /<!doctype\s+html|<html[\s>]|<body[\s>]|<(?:p|div|blockquote|article|figure|br|a\s)[^>]*>/i;
const MARKDOWN_SIGNS = /^(?:#{1,6}\s|>\s|[-*+]\s|\d+\.\s|```)|\[[^\]\n]+\]\([^)\s]+\)/m;

/**
 * The article's format from its Content-Type, else from the body. Markdown may hold raw HTML
 * (corpus 21 is a README), so a Markdown body with some tags is still Markdown when declared so.
 */
export function detectFormat(contentType: string | undefined, body: string): ArticleFormat {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  const head = body.slice(0, 64_000);
  if (type !== 'text/plain' && HTML_SIGNS.test(head) && !MARKDOWN_SIGNS.test(head.replace(/<[^>]*>/g, ''))) return 'html';
  if (type !== 'text/plain' && HTML_SIGNS.test(head) && /^\s*</.test(head)) return 'html';
  return MARKDOWN_SIGNS.test(head) ? 'markdown' : 'text';
}
