import { createHash } from 'node:crypto';

/**
 * The only script of the embed page. Inside a frame it reports the page height to the parent
 * the way WordPress's wp-embed expects (`{message:'height', value, secret}`, with the secret
 * WordPress appends to the iframe URL as `#?secret=…`), on load and whenever the size changes
 * (an unfolded caption included). It measures the body, not the document, whose scroll height
 * never drops below the frame's: the frame can shrink to the card as well as grow. Outside a
 * frame it does nothing.
 */
export const HEIGHT_SCRIPT =
  "(function(){if(window.top===window.self)return;var m=/secret=([A-Za-z0-9]+)/.exec(location.hash),s=m?m[1]:'';" +
  "function h(){parent.postMessage({message:'height',value:Math.ceil(document.body.getBoundingClientRect().height),secret:s},'*')}" +
  "addEventListener('load',h);addEventListener('resize',h);if(window.ResizeObserver)new ResizeObserver(h).observe(document.body)})()";

/** CSP source expression allowing exactly HEIGHT_SCRIPT. */
export const HEIGHT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(HEIGHT_SCRIPT, 'utf8').digest('base64')}'`;
