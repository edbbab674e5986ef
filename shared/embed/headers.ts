import { HEIGHT_SCRIPT_HASH } from './height-script.js';

/**
 * No frame-ancestors: embeds exist to be framed. Images come from this origin (media/ keys)
 * or are the inline placeholder data: URIs; styles are inline; the one script is pinned by hash.
 */
export const EMBED_CSP =
  `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src ${HEIGHT_SCRIPT_HASH}; ` +
  "base-uri 'none'; form-action 'none'";

export function embedHeaders(): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': EMBED_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
  };
}
