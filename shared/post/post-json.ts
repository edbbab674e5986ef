import { toEmbedUrl } from '../embed/variant.js';
import { toCanonicalUrl } from '../instagram/url.js';
import { type ContractKind, type PostRecord, type PostStatus, type Provenance, type TakedownNotice, toContractKind } from './post.js';

/** The Post as docs/contract.md shows it to API clients. */
export interface PostJson {
  readonly id: string;
  readonly platform: 'instagram';
  readonly shortcode: string | null;
  readonly kind: ContractKind | null;
  readonly url: string | null;
  readonly author: { readonly handle: string | null; readonly name: string | null };
  readonly caption: string | null;
  readonly takenAt: string | null;
  readonly media: ReadonlyArray<{
    readonly type: 'image' | 'video';
    readonly width: number;
    readonly height: number;
    readonly alt: string | null;
    readonly url: string;
  }>;
  readonly status: PostStatus;
  readonly capturedAt: string;
  readonly updatedAt: string;
  /** When Instagram was last asked about the post. */
  readonly checkedAt: string | null;
  readonly removedAt: string | null;
  readonly hidden: { readonly reason: string; readonly at: string; readonly notice: TakedownNotice | null } | null;
  readonly purged: boolean;
  /** The content version: the newest entry of GET /api/posts/:id/versions. */
  readonly version: number;
  /** When a re-check first found the post edited on Instagram; the archived copy is what is shown. */
  readonly editedOnInstagramAt: string | null;
  readonly embedUrl: string;
  readonly oembedUrl: string;
  /** The smallest stored rendition of the first image (320 px WebP as captured), for lists. */
  readonly thumbnailUrl: string | null;
  readonly provenance: Readonly<Record<string, Provenance>>;
}

export function toPostJson(record: PostRecord, baseUrl: string): PostJson {
  const hidden = record.status === 'hidden';
  const embedUrl = toEmbedUrl(baseUrl, record.id);
  return {
    id: record.id,
    platform: record.platform,
    shortcode: record.shortcode,
    kind: toContractKind(record.kind),
    url: record.shortcode && record.kind ? toCanonicalUrl(record.kind, record.shortcode) : null,
    author: { handle: record.author.handle, name: record.author.name },
    caption: hidden ? null : record.caption,
    takenAt: record.takenAt,
    media: hidden
      ? []
      : record.media.map((item) => ({
          type: item.type,
          width: item.width,
          height: item.height,
          alt: item.alt,
          url: `${baseUrl}/${item.original.key}`,
        })),
    status: record.status,
    capturedAt: record.capturedAt,
    updatedAt: record.updatedAt,
    checkedAt: record.checkedAt ?? null,
    removedAt: record.removedAt,
    hidden: record.hidden ? { reason: record.hidden.reason, at: record.hidden.at, notice: record.hidden.notice ?? null } : null,
    purged: Boolean(record.purgedAt),
    version: record.version,
    editedOnInstagramAt: record.editedUpstreamAt ?? null,
    embedUrl,
    oembedUrl: `${baseUrl}/oembed?url=${encodeURIComponent(embedUrl)}`,
    thumbnailUrl: hidden ? null : toThumbnailUrl(record, baseUrl),
    provenance: record.provenance,
  };
}

function toThumbnailUrl(record: PostRecord, baseUrl: string): string | null {
  const first = record.media[0];
  if (!first) return null;
  const smallest = [...first.variants].sort((a, b) => a.width - b.width || Number(b.format === 'webp') - Number(a.format === 'webp'))[0];
  return `${baseUrl}/${smallest ? smallest.key : first.original.key}`;
}
