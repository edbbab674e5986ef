export { toInlineHtml } from './inline-html.js';
export { oembedLinkHeader } from './link-header.js';
export { OEMBED_CACHE_AGE, type OEmbed, type OEmbedOptions, toOEmbed } from './to-oembed.js';
export { escapeXml, toOEmbedXml } from './xml.js';
