import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { brokenEmbedPageHtml, embedPageHtml, type FakePost, loginWallHtml, missingPostPageHtml, postPageHtml } from './instagram-pages.js';
import { photograph } from './photograph.js';

/** How the fake answers for one shortcode's pages (default: the post as registered). */
export type PageBehaviour =
  | { readonly kind: 'post'; readonly post: FakePost }
  | { readonly kind: 'gone' }
  | { readonly kind: 'login-wall' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'redirect'; readonly location: string };

/** How the fake answers for one image path on the CDN. */
/** `photograph`: the grainy, detailed stand-in of a phone photo (test/support/photograph.ts), for benchmarks. */
export type ImageBehaviour = 'photo' | 'photograph' | 'oversized' | 'not-image' | 'huge-png' | 'html-as-jpeg';

export interface RequestLog {
  readonly host: string;
  readonly path: string;
}

/**
 * A real HTTP server on loopback playing Instagram and its CDN: postkeep reaches it through
 * INSTAGRAM_ORIGIN and names the real host in X-Upstream-Host, which the fake checks.
 */
export class FakeInstagram {
  readonly requests: RequestLog[] = [];
  private readonly pages = new Map<string, PageBehaviour>();
  private readonly images = new Map<string, { behaviour: ImageBehaviour; width: number; height: number }>();
  private server: Server | null = null;
  private readonly hanging = new Set<ServerResponse>();
  origin = '';

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addPost(post: FakePost, imageBehaviour: ImageBehaviour = 'photo'): void {
    this.pages.set(post.shortcode, { kind: 'post', post });
    for (const item of post.items) this.images.set(item.path, { behaviour: imageBehaviour, width: item.width, height: item.height });
  }

  setPages(shortcode: string, behaviour: PageBehaviour): void {
    this.pages.set(shortcode, behaviour);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = String(req.headers['x-upstream-host'] ?? '');
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push({ host, path: url.pathname });
    if (host.endsWith('.cdninstagram.com') || host.endsWith('.fbcdn.net')) return this.serveImage(url.pathname, res);
    if (host !== 'www.instagram.com') return this.send(res, 400, 'text/plain', 'missing or unexpected X-Upstream-Host');

    const match = /^\/p\/([A-Za-z0-9_-]+)\/(embed\/captioned\/)?$/.exec(url.pathname);
    const behaviour = match ? this.pages.get(match[1]!) : undefined;
    if (!match || !behaviour)
      return this.send(res, 200, 'text/html; charset=utf-8', match?.[2] ? brokenEmbedPageHtml() : missingPostPageHtml());
    const isEmbed = Boolean(match[2]);
    switch (behaviour.kind) {
      case 'post':
        return this.send(res, 200, 'text/html; charset=utf-8', isEmbed ? embedPageHtml(behaviour.post) : postPageHtml(behaviour.post));
      case 'gone':
        return this.send(res, 200, 'text/html; charset=utf-8', isEmbed ? brokenEmbedPageHtml() : missingPostPageHtml());
      case 'login-wall':
        return this.send(res, 200, 'text/html; charset=utf-8', loginWallHtml());
      case 'status':
        return this.send(res, behaviour.status, 'text/html', `<html><body>status ${behaviour.status}</body></html>`);
      case 'hang':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      case 'garbage':
        return this.send(res, 200, 'text/html', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
      case 'redirect':
        res.writeHead(302, { Location: behaviour.location });
        res.end();
        return;
    }
  }

  private async serveImage(path: string, res: ServerResponse): Promise<void> {
    const image = this.images.get(path);
    if (!image) return this.send(res, 404, 'text/plain', 'no such image');
    switch (image.behaviour) {
      case 'photo':
        return this.send(res, 200, 'image/jpeg', await photo(image.width, image.height, path));
      case 'photograph':
        return this.send(res, 200, 'image/jpeg', await photograph(image.width, image.height, path));
      case 'oversized':
        return this.send(res, 200, 'image/jpeg', Buffer.alloc(20 * 1024 * 1024, 0xff));
      case 'not-image':
        return this.send(res, 200, 'text/html', '<html>this is not an image</html>');
      case 'html-as-jpeg':
        return this.send(res, 200, 'image/jpeg', '<html>this is not an image</html>');
      case 'huge-png':
        return this.send(res, 200, 'image/png', hugePng(25_000, 25_000));
    }
  }

  private send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }
}

const photoCache = new Map<string, Buffer>();

/** A photo-like JPEG (gradient plus noise, so encoders do real work) of the given size. */
export async function photo(width: number, height: number, seed = 'x'): Promise<Buffer> {
  const key = `${width}x${height}:${seed}`;
  const cached = photoCache.get(key);
  if (cached) return cached;
  const hue = [...seed].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % 255;
  const bytes = await sharp({
    create: { width, height, channels: 3, background: { r: hue, g: 120, b: 255 - hue }, noise: { type: 'gaussian', mean: 128, sigma: 12 } },
  })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#f80" stop-opacity="0.7"/><stop offset="1" stop-color="#08f" stop-opacity="0.7"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
        ),
      },
    ])
    .blur(1.2)
    .jpeg({ quality: 85 })
    .toBuffer();
  photoCache.set(key, bytes);
  return bytes;
}

/** A tiny PNG file whose header claims a huge image: the decompression-bomb shape. */
export function hugePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
