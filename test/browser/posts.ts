import type { PostRecord } from '../../shared/post/post.js';
import { postIdForContent } from '../../shared/post/post-id.js';
import type { PostJson } from '../../shared/post/post-json.js';
import { createEmbedPublisher } from '../../shared/services/embed-publisher.js';
import type { Harness } from '../support/harness.js';
import type { FakePost } from '../support/instagram-pages.js';

/**
 * Posts a reader meets, archived through the API from the fake Instagram (shared by browser tests and the reader bench).
 * Only the photo has a 1080 px original; the others are 640 px wide (same proportions as on
 * Instagram) because sharp's encoding is most of the set-up time.
 */
export const PHOTO: FakePost = {
  shortcode: 'B8kFzL2hXYZ',
  handle: 'connorwjessup',
  name: 'Connor Jessup',
  caption: 'First line of the caption #tag @friend\nSecond line https://example.com/x',
  items: [{ type: 'image', width: 1080, height: 1350, alt: 'Photo of a beach at dusk', path: '/v/t51/photo.jpg' }],
};

export const CAROUSEL: FakePost = {
  shortcode: 'Cl0Y-E5qoo9',
  handle: 'museum.of.ice',
  name: 'Museum of Ice',
  caption: 'Three rooms, three moods',
  items: [
    { type: 'image', width: 640, height: 640, alt: 'A pink room', path: '/v/c1.jpg' },
    { type: 'image', width: 640, height: 800, alt: 'A blue room', path: '/v/c2.jpg' },
    { type: 'video', width: 640, height: 1138, alt: 'A reel poster', path: '/v/c3.jpg', cdnHost: 'video-fra5-1.xx.fbcdn.net' },
  ],
};

export const REEL: FakePost = {
  shortcode: 'CqFyVvGIH-3',
  handle: 'dance.daily',
  name: 'Dance Daily',
  caption: 'One take, no cuts 🎬',
  items: [
    { type: 'video', width: 640, height: 1138, alt: 'Dancers on a rooftop', path: '/v/reel.jpg', cdnHost: 'video-fra5-1.xx.fbcdn.net' },
  ],
};

const SENTENCE = 'We walked the whole coast today, from the old lighthouse to the harbour where the boats come in. ';
/** About 900 characters over several lines: folded to five lines with a "more" control. */
export const LONG_CAPTION = [SENTENCE.repeat(3), SENTENCE.repeat(2), SENTENCE.repeat(3), 'Thank you all ❤️ #coast #travel']
  .map((line) => line.trimEnd())
  .join('\n');

export const LONG: FakePost = {
  shortcode: 'CbLongCap01',
  handle: 'coast.walker',
  name: 'Coast Walker',
  caption: LONG_CAPTION,
  items: [{ type: 'image', width: 640, height: 640, alt: 'A lighthouse', path: '/v/long.jpg' }],
};

export const RTL: FakePost = {
  shortcode: 'CcRtlArab01',
  handle: 'beirut.museum',
  name: 'متحف بيروت',
  caption: 'مرحبا بكم في المتحف الوطني. هذه الصورة من حفل الافتتاح الكبير.\nשלום לכולם, תודה שבאתם',
  items: [{ type: 'image', width: 640, height: 800, alt: 'قاعة العرض', path: '/v/rtl.jpg' }],
};

export const REMOVED: FakePost = {
  shortcode: 'CdGoneAway1',
  handle: 'gone.soon',
  name: 'Gone Soon',
  caption: 'This one will be deleted upstream',
  items: [{ type: 'image', width: 640, height: 640, alt: 'A sunset', path: '/v/removed.jpg' }],
};

export const HIDDEN: FakePost = {
  shortcode: 'CxFThvyOD98',
  handle: 'takedown.me',
  name: 'Take Down',
  caption: 'please remove this',
  items: [{ type: 'image', width: 640, height: 640, path: '/v/hidden.jpg' }],
};

export interface Archived {
  readonly photo: PostJson;
  readonly carousel: PostJson;
  readonly reel: PostJson;
  readonly long: PostJson;
  readonly rtl: PostJson;
  readonly removed: PostJson;
  readonly hidden: PostJson;
  /** No Instagram URL and no media: what rescuing leftover text gives (written to the store directly). */
  readonly textOnly: PostRecord;
}

export async function archive(h: Harness, post: FakePost, url = `https://www.instagram.com/p/${post.shortcode}/`): Promise<PostJson> {
  h.fake.addPost(post);
  const res = await h.api('POST', '/api/posts', { url });
  if (res.status !== 201) throw new Error(`capture of ${post.shortcode} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as PostJson;
}

async function ok(res: Response, what: string): Promise<PostJson> {
  if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as PostJson;
}

/** The three cards whose layouts differ (a photo, a long caption, a carousel), archived at once. */
export async function archiveCards(h: Harness): Promise<Record<'photo' | 'long' | 'carousel', PostJson>> {
  const [photo, long, carousel] = await Promise.all([archive(h, PHOTO), archive(h, LONG), archive(h, CAROUSEL)]);
  return { photo, long, carousel };
}

/** Archives every kind of post through the API; two captures at a time (sharp is the cost). */
export async function archiveAll(h: Harness, baseUrl: string): Promise<Archived> {
  const [photo, carousel] = await Promise.all([archive(h, PHOTO), archive(h, CAROUSEL)]);
  const [reel, long] = await Promise.all([archive(h, REEL, `https://www.instagram.com/reel/${REEL.shortcode}/`), archive(h, LONG)]);
  const [rtl, removedLive] = await Promise.all([archive(h, RTL), archive(h, REMOVED)]);
  const hiddenLive = await archive(h, HIDDEN);

  h.fake.setPages(REMOVED.shortcode, { kind: 'gone' });
  const removed = await ok(await h.api('POST', `/api/posts/${removedLive.id}/refresh`), 'refresh');
  const hidden = await ok(
    await h.api('POST', `/api/posts/${hiddenLive.id}/hide`, { reason: 'Request from the author, browser test' }),
    'hide',
  );

  const textOnly = await addTextOnly(h, baseUrl, photo.id);
  return { photo, carousel, reel, long, rtl, removed, hidden, textOnly };
}

/**
 * A text-only card: no Instagram URL, no media, what the rescue of an article's leftover text
 * makes. No route creates one yet (rescue is not wired to the API), so the record is derived
 * from a captured one and written with the service's own table and embed publisher.
 */
export async function addTextOnly(h: Harness, baseUrl: string, templateId: string): Promise<PostRecord> {
  const base = await h.deps.posts.get(templateId);
  if (!base) throw new Error(`no record ${templateId}`);
  const textOnly: PostRecord = {
    ...base,
    id: postIdForContent('browser-test:text-only'),
    shortcode: null,
    kind: null,
    author: { handle: 'quoted.person', name: 'Quoted Person' },
    caption: 'Only the words survived: the article kept the text of this post, not its picture.',
    media: [],
    evidence: [],
    provenance: { caption: 'article', handle: 'article', name: 'article', takenAt: 'article' },
    version: 1,
  };
  await h.deps.posts.create(textOnly);
  await createEmbedPublisher(h.deps.objects, baseUrl)(textOnly);
  return textOnly;
}
