export { estimateEmbedHeight } from './estimate-height.js';
export { EMBED_CSP, EMBED_HSTS_MAX_AGE_SECONDS, EMBED_PAGE_HEADERS, embedHeaders, NO_OEMBED_METADATA } from './headers.js';
export { HEIGHT_SCRIPT, HEIGHT_SCRIPT_HASH, WORDPRESS_MAX_HEIGHT } from './height-script.js';
export { OUTBOUND_PATH, toOutboundTarget } from './outbound.js';
export { renderEmbedPage } from './render-embed-page.js';
export {
  DEFAULT_VARIANT,
  type EmbedTheme,
  type EmbedVariant,
  embedObjectKey,
  listEmbedVariants,
  MAX_SLIDE,
  parseEmbedVariant,
  toEmbedUrl,
  toOEmbedUrl,
  variantName,
} from './variant.js';
