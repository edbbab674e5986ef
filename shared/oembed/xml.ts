import type { OEmbed } from './to-oembed.js';

/**
 * XML 1.0 cannot carry most C0 controls, lone surrogates or U+FFFE/U+FFFF even as character
 * references; they become U+FFFD so the document stays well-formed. Everything else is escaped.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export function toOEmbedXml(o: OEmbed): string {
  const fields = Object.entries(o)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `<${key}>${escapeXml(String(value))}</${key}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?><oembed>${fields}</oembed>`;
}
