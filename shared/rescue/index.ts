export type { ArticleFormat, FoundEmbed, FoundForm } from './types.js';
export { findEmbeds } from './find-embeds.js';
export { detectFormat } from './detect-format.js';
export { replaceEmbeds } from './replace.js';
export { parseVisibleDate } from './dates.js';
export { toContentKey } from './content-key.js';
