/** What one upstream page told us about a post, before it is merged into a record. */
export interface UpstreamMedia {
  readonly type: 'image' | 'video';
  /** The largest image Instagram offers for the item (the poster for a video). */
  readonly imageUrl: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string | null;
}

export interface UpstreamPost {
  readonly handle: string | null;
  readonly name: string | null;
  readonly caption: string | null;
  /** ISO time when the page states one (old post pages do; embed pages do not). */
  readonly takenAt: string | null;
  readonly media: readonly UpstreamMedia[];
}

/** Expected outcomes of reading a page, as values (STYLE: found / gone / login wall). */
export type PageReading =
  | { readonly type: 'found'; readonly post: UpstreamPost }
  | { readonly type: 'gone' }
  | { readonly type: 'login-wall' }
  | { readonly type: 'unrecognised'; readonly detail: string };
