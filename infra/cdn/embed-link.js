// CloudFront Function (cloudfront-js-2.0, viewer-response) for /embed/*.
// Adds the oEmbed discovery `Link` header (oEmbed 1.0, section 4) that S3 cannot store per
// object: both alternates of the embed URL of the variant served, under PUBLIC_BASE_URL whatever
// host the reader asked (an alias or another letter case), so it is the very header the local
// reader sends and the URL of the page's own <link> tags, and one the oEmbed function resolves.
// The stack writes the base in at deploy (a CloudFront Function has no environment). The
// viewer-request function has already rewritten the URI to embed/<id>/<variant>.html. A
// tombstone (S3 metadata postkeep-oembed: none) gets no Link header: oEmbed answers 401 for it.
var BASE = '{{PUBLIC_BASE_URL}}';
var VARIANT_PATH = /^\/embed\/([a-z0-9]{8,40})\/([a-z0-9-]+)\.html$/;

// Inverse of variantName (shared/embed/variant.ts): 'dark-nocap-s3' -> theme=dark&hidecaption=1&slide=3.
function variantQuery(name) {
  if (name === 'index') return '';
  var params = [];
  var parts = name.split('-');
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i];
    if (part === 'light' || part === 'dark') params.push('theme=' + part);
    else if (part === 'nocap') params.push('hidecaption=1');
    else if (/^s[0-9]+$/.test(part)) params.push('slide=' + part.slice(1));
  }
  return params.length > 0 ? '?' + params.join('&') : '';
}

function handler(event) {
  var response = event.response;
  var request = event.request;
  var match = VARIANT_PATH.exec(request.uri);
  var meta = response.headers && response.headers['x-amz-meta-postkeep-oembed'];
  if (meta) delete response.headers['x-amz-meta-postkeep-oembed'];
  if (!match || response.statusCode !== 200 || (meta && meta.value === 'none')) return response;
  var embed = encodeURIComponent(BASE + '/embed/' + match[1] + variantQuery(match[2]));
  response.headers.link = {
    value:
      '<' +
      BASE +
      '/oembed?url=' +
      embed +
      '&format=json>; rel="alternate"; type="application/json+oembed", ' +
      '<' +
      BASE +
      '/oembed?url=' +
      embed +
      '&format=xml>; rel="alternate"; type="text/xml+oembed"',
  };
  return response;
}
