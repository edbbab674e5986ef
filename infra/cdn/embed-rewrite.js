// CloudFront Function (cloudfront-js-2.0, viewer-request) for /embed/*.
// The embed page is pre-rendered to S3 once per variant, so a reader view is a single S3 GET:
// /embed/<id>?theme=dark&slide=3 -> embed/<id>/dark-s3.html. Rewriting before the cache lookup
// makes the variant part of the cache key without forwarding query strings to S3.
// /embed/out?to=<Instagram URL> is answered here with a redirect: links clicked in a frame that
// WordPress sandboxed leave through it (shared/embed/outbound.ts; same rule as the local reader).
// Plain ES5-style script on purpose: the runtime has no modules and no URLSearchParams.
var EMBED_PATH = /^\/embed\/([a-z0-9]{8,40})\/?$/;
var OUTBOUND_PATH = '/embed/out';
var OUTBOUND_TARGET = /^https:\/\/www\.instagram\.com\/[A-Za-z0-9._~%/-]*(\?[A-Za-z0-9._~%=&-]*)?$/;
var SLIDE = /^[1-9][0-9]?$/;
var MAX_SLIDE = 20;

function queryValue(querystring, name) {
  var entry = querystring && querystring[name];
  return entry && typeof entry.value === 'string' ? entry.value : '';
}

function variantOf(querystring) {
  var parts = [];
  var theme = queryValue(querystring, 'theme').toLowerCase();
  if (theme === 'light' || theme === 'dark') parts.push(theme);
  var hidecaption = queryValue(querystring, 'hidecaption').toLowerCase();
  if (hidecaption === '1' || hidecaption === 'true') parts.push('nocap');
  // img_index comes with URLs pasted from Instagram; slide wins when both are there.
  var slide = queryValue(querystring, 'slide');
  if (!SLIDE.test(slide)) slide = queryValue(querystring, 'img_index');
  if (SLIDE.test(slide)) {
    var n = parseInt(slide, 10);
    if (n >= 2 && n <= MAX_SLIDE) parts.push('s' + n);
  }
  return parts.length > 0 ? parts.join('-') : 'index';
}

// The value may reach the function still percent-encoded; an Instagram URL starts with https://.
function outboundTarget(querystring) {
  var to = queryValue(querystring, 'to');
  if (to.indexOf('https://') !== 0) {
    try {
      to = decodeURIComponent(to);
    } catch (e) {
      return null;
    }
  }
  return to.length <= 2048 && OUTBOUND_TARGET.test(to) ? to : null;
}

function handler(event) {
  var request = event.request;
  if (request.uri === OUTBOUND_PATH) {
    var target = outboundTarget(request.querystring);
    if (!target) return { statusCode: 404, statusDescription: 'Not Found' };
    return {
      statusCode: 302,
      statusDescription: 'Found',
      headers: {
        location: { value: target },
        'cache-control': { value: 'public, max-age=86400' },
        'referrer-policy': { value: 'no-referrer' },
      },
    };
  }
  var match = EMBED_PATH.exec(request.uri);
  // Anything that is not a well-formed id goes to S3 unchanged and ends as a 404 there.
  if (!match) return request;
  request.uri = '/embed/' + match[1] + '/' + variantOf(request.querystring) + '.html';
  request.querystring = {};
  return request;
}
