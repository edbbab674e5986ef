/**
 * A hono/jsx tree or hono/html template as its HTML string. Every template of the project renders
 * synchronously; a promise here would mean an async component slipped in, which is refused rather
 * than awaited.
 * In a module of its own, so that what renders a snippet (oEmbed's `html`) does not load the
 * embed page's templates, styles and script with it.
 */
export function toHtmlString(node: unknown): string {
  const out = (node as { toString(): string | Promise<string> }).toString();
  if (typeof out !== 'string') throw new TypeError('embed templates must render synchronously');
  return out;
}
