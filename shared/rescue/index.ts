export { toContentKey } from './content-key.js';
export { parseVisibleDate } from './dates.js';
export { detectFormat } from './detect-format.js';
export { type Encoding, encodeReplacement } from './encoding.js';
export { type FindOptions, type FindResult, findEmbeds, findEmbedsDetailed } from './find-embeds.js';
export { replaceEmbeds } from './replace.js';
export type { ArticleFormat, FoundEmbed, FoundForm, Review, TakenAtSource } from './types.js';
