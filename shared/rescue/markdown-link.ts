/** Longest Markdown link label read: a converted embed keeps its caption (2,200 characters at most) as the label of a link to the post. */
const LINK_LABEL_REACH = 2300;

/**
 * `[label](url)` or `[![alt](img)](url)` at `at`; labels stop at the first `]` or line break and
 * are at most 500 characters, URLs at the first white space or `)`: linear and bounded.
 */
export function readMarkdownLink(
  value: string,
  at: number,
): { label: string; labelStart: number; href: string; hrefStart: number; end: number } | { skipTo: number } {
  let i = at + 1;
  let labelStart = i;
  let label = '';
  if (value.startsWith('![', i)) {
    // An image inside the link: its alt text is not article text.
    const inner = readMarkdownLink(value, i + 1);
    if (!('href' in inner) || value[inner.end] !== ']') return { skipTo: at + 1 };
    i = inner.end;
    labelStart = i;
    label = '';
  } else {
    const limit = Math.min(value.length, i + LINK_LABEL_REACH);
    while (i < limit && value[i] !== ']' && value[i] !== '\n') i += 1;
    if (value[i] !== ']') return { skipTo: i };
    label = value.slice(labelStart, i);
  }
  const fail = { skipTo: i };
  if (value[i + 1] !== '(') return fail;
  let j = i + 2;
  while (value[j] === ' ') j += 1;
  if (value[j] === '<') j += 1;
  const hrefStart = j;
  const limit = Math.min(value.length, j + 2048);
  while (j < limit && !/[\s()<>]/.test(value[j] ?? ' ')) j += 1;
  const href = value.slice(hrefStart, j);
  if (href.length === 0) return fail;
  if (value[j] === '>') j += 1;
  if (value[j] === ' ' && value[j + 1] === '"') {
    const close = value.slice(j + 2, j + 302).indexOf('"');
    if (close < 0) return fail;
    j = j + 2 + close + 1;
  }
  while (value[j] === ' ') j += 1;
  if (value[j] !== ')') return fail;
  return { label, labelStart, href, hrefStart, end: j + 1 };
}
