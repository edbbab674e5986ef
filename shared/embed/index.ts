export { estimateEmbedHeight } from './estimate-height.js';
export { EMBED_CSP, embedHeaders } from './headers.js';
export { HEIGHT_SCRIPT, HEIGHT_SCRIPT_HASH } from './height-script.js';
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
