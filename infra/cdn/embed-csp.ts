import { EMBED_CSP } from '../../shared/embed/headers.js';

/**
 * CSP of the embed page. S3 cannot send it, so CloudFront adds it; the value is the one the local
 * server sends (shared/embed/headers.ts), so the height script's hash cannot drift between them.
 * No frame-ancestors and no X-Frame-Options: the whole point of an embed is to be framed.
 */
export const embedContentSecurityPolicy = EMBED_CSP;
