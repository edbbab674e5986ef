export { toContentKey } from './content-key.js';
export { parseVisibleDate } from './dates.js';
export { detectFormat } from './detect-format.js';
export { findEmbeds } from './find-embeds.js';
export { replaceEmbeds } from './replace.js';
export type { ArticleFormat, FoundEmbed, FoundForm } from './types.js';
