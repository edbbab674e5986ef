/**
 * How the copy an embed was read from is encoded where it stands in the article (an escaped
 * text run, a JSON, JavaScript or SQL string literal, an Apple News component's string), as
 * data: a found embed crosses from the reader's thread to the request's, and a function does not
 * cross (shared/adapters/rescue-reader-thread.ts). The replacement HTML is encoded the same way, so the
 * rewritten article stays valid where the embed stood.
 */
export type Encoding =
  | { readonly kind: 'entities' }
  | { readonly kind: 'literal'; readonly single: boolean; readonly slash: boolean; readonly unicode: boolean }
  | { readonly kind: 'json-content' };

/** Replacement HTML in the encodings of the copies around an embed, innermost first. */
export function encodeReplacement(encodings: readonly Encoding[], html: string): string {
  let out = html;
  for (const encoding of encodings) out = encodeOnce(encoding, out);
  return out;
}

function encodeOnce(encoding: Encoding, html: string): string {
  switch (encoding.kind) {
    case 'entities':
      return html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    case 'literal': {
      let out = html.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      if (encoding.single) out = out.replace(/'/g, "\\'");
      if (encoding.slash) out = out.replace(/\//g, '\\/');
      if (encoding.unicode) out = out.replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
      return out.replace(/\n/g, '\\n');
    }
    case 'json-content':
      return JSON.stringify(html).slice(1, -1);
  }
}
