import { createHash } from 'node:crypto';
import { OUTBOUND_PATH } from './outbound.js';

/** wp-embed.js never makes a frame taller than this (wp-includes/js/wp-embed.js, WordPress 6.1). */
export const WORDPRESS_MAX_HEIGHT = 1000;

/**
 * The only script of the embed page; it does nothing outside a frame. Two ways to be framed:
 *
 * - With a secret in the URL (`#?secret=…`, what WordPress's sanitiser and wp-embed.js add): the
 *   host resizes the frame. The page keeps its natural height and reports it the way wp-embed
 *   expects (`{message:'height', value, secret}`) on load, on resize, whenever the card changes
 *   size ("more" unfolded), and again on wp-embed's `{message:'ready'}`, which it sends to frames
 *   that loaded before it did (without that answer the frame stays hidden for good). A card taller
 *   than WordPress's 1000 px cap gets the `cap` class: exactly 1000 px, laid out to fit. Clicks on
 *   Instagram links become `{message:'link'}` to this host's outbound redirect, since the sandbox
 *   allows no popups.
 * - Without a secret: the host sized the frame itself (the oEmbed `html` inserted verbatim, or a
 *   consumer's own iframe). The `fit` class lays the card out to fill the frame exactly, whatever
 *   its size: the media take what the text leaves. Nothing is reported.
 *
 * It measures the body, not the document, whose scroll height never drops below the frame's: the
 * frame can shrink to the card as well as grow.
 */
export const HEIGHT_SCRIPT =
  "(function(){if(window.top===window.self)return;var d=document,r=d.documentElement,s='';" +
  "function k(){var m=/secret=([A-Za-z0-9]+)/.exec(location.hash);s=m?m[1]:''}" +
  "function p(n,v){parent.postMessage({message:n,value:v,secret:s},'*')}" +
  `function h(){if(!s){r.classList.add('fit');return}r.classList.remove('fit','cap');var v=Math.ceil(d.body.getBoundingClientRect().height);if(v>${WORDPRESS_MAX_HEIGHT}){r.classList.add('fit','cap');v=${WORDPRESS_MAX_HEIGHT}}p('height',v)}` +
  "k();h();addEventListener('load',h);addEventListener('resize',h);addEventListener('hashchange',function(){k();h()});" +
  "addEventListener('message',function(e){if(e.source===parent&&e.data&&e.data.message==='ready'){k();h()}});" +
  "d.addEventListener('click',function(e){var a=s&&e.target.closest&&e.target.closest('a[href]');" +
  `if(a&&/^https:\\/\\/www\\.instagram\\.com\\//.test(a.href)){e.preventDefault();p('link',location.origin+'${OUTBOUND_PATH}?to='+encodeURIComponent(a.href))}});` +
  'if(window.ResizeObserver)new ResizeObserver(h).observe(d.body)})()';

/** CSP source expression allowing exactly HEIGHT_SCRIPT. */
export const HEIGHT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(HEIGHT_SCRIPT, 'utf8').digest('base64')}'`;
