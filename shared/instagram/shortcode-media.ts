import type { UpstreamMedia, UpstreamPost } from './upstream-post.js';

/**
 * `shortcode_media` is the GraphQL shape Instagram has embedded in its pages since 2017: in the
 * embed page's `contextJSON.gql_data` (2026) and in old post pages' `window._sharedData`
 * (test/fixtures/instagram/pages/01.html, 2020). Unknown input yields nulls, never throws.
 */
export function readShortcodeMedia(value: unknown): UpstreamPost | null {
  const media = asRecord(value);
  if (!media) return null;
  const owner = asRecord(media.owner);
  const captionEdge = asRecord(asArray(asRecord(media.edge_media_to_caption)?.edges)[0]);
  const caption = asString(asRecord(captionEdge?.node)?.text);
  const takenAtSeconds = asNumber(media.taken_at_timestamp);
  const children = asArray(asRecord(media.edge_sidecar_to_children)?.edges)
    .map((edge) => readItem(asRecord(edge)?.node))
    .filter((item): item is UpstreamMedia => item !== null);
  const single = readItem(media);
  return {
    handle: asString(owner?.username),
    name: asString(owner?.full_name),
    caption,
    takenAt: takenAtSeconds ? new Date(takenAtSeconds * 1000).toISOString() : null,
    media: children.length > 0 ? children : single ? [single] : [],
  };
}

function readItem(value: unknown): UpstreamMedia | null {
  const node = asRecord(value);
  if (!node) return null;
  const resources = asArray(node.display_resources)
    .map(asRecord)
    .filter((r): r is Record<string, unknown> => r !== null && typeof r.src === 'string')
    .sort((a, b) => (asNumber(b.config_width) ?? 0) - (asNumber(a.config_width) ?? 0));
  const best = resources[0];
  const imageUrl = asString(best?.src) ?? asString(node.display_url) ?? asString(node.thumbnail_src);
  if (!imageUrl) return null;
  const dimensions = asRecord(node.dimensions);
  const isVideo = node.is_video === true || typeof node.video_url === 'string';
  return {
    type: isVideo ? 'video' : 'image',
    imageUrl,
    width: asNumber(dimensions?.width) ?? asNumber(best?.config_width),
    height: asNumber(dimensions?.height) ?? asNumber(best?.config_height),
    alt: asString(node.accessibility_caption),
  };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
