export { embedHeaders, EMBED_CSP } from './headers.js';
export { HEIGHT_SCRIPT, HEIGHT_SCRIPT_HASH } from './height-script.js';
export { estimateEmbedHeight } from './estimate-height.js';
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
