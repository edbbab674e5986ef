// CloudFront Function (cloudfront-js-2.0, viewer-response) for /embed/*.
// Adds the oEmbed discovery `Link` header (oEmbed 1.0, section 4) that S3 cannot store per
// object: both alternates of the embed's canonical URL, on the host the reader asked. The
// viewer-request function has already rewritten the URI to embed/<id>/<variant>.html.
var VARIANT_PATH = /^\/embed\/([a-z0-9]{8,40})\/[a-z0-9-]+\.html$/;

function handler(event) {
  var response = event.response;
  var request = event.request;
  var match = VARIANT_PATH.exec(request.uri);
  var host = request.headers && request.headers.host && request.headers.host.value;
  if (!match || !host || response.statusCode !== 200) return response;
  var base = 'https://' + host;
  var embed = encodeURIComponent(base + '/embed/' + match[1]);
  response.headers.link = {
    value:
      '<' +
      base +
      '/oembed?url=' +
      embed +
      '&format=json>; rel="alternate"; type="application/json+oembed", ' +
      '<' +
      base +
      '/oembed?url=' +
      embed +
      '&format=xml>; rel="alternate"; type="text/xml+oembed"',
  };
  return response;
}
