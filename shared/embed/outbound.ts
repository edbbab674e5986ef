/**
 * Links on a card leave through this path of the service's own host when the card sits in a
 * frame WordPress sandboxed (`sandbox="allow-scripts"`, no `allow-popups`): such a frame can open
 * no window, and wp-embed.js navigates the article page only to a URL on the frame's own host
 * (`{message: 'link', value}`, wp-includes/js/wp-embed.js). The CDN (infra/cdn/embed-rewrite.js)
 * and the local reader answer it with a redirect, to Instagram only, so it is no open redirect.
 */
export const OUTBOUND_PATH = '/embed/out';

/** Instagram pages a card links to: the post, the profile, hashtags and mentions. */
export const OUTBOUND_TARGET = /^https:\/\/www\.instagram\.com\/[A-Za-z0-9._~%/-]*(\?[A-Za-z0-9._~%=&-]*)?$/;

export function toOutboundTarget(to: string | undefined): string | null {
  return to !== undefined && to.length <= 2048 && OUTBOUND_TARGET.test(to) ? to : null;
}
