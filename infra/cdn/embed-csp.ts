/**
 * CSP of the embed page. S3 cannot send it, so CloudFront adds it. No frame-ancestors and no
 * X-Frame-Options: the whole point of an embed is to be framed by any article.
 */
export const embedContentSecurityPolicy =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
