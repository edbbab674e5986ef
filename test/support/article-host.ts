import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A stand-in for the site an article lives on: pages set by path, served as HTML, 404 otherwise. */
export interface ArticleHost {
  /** `http://localhost:<port>`: another site than the embeds' 127.0.0.1, as a real article is. */
  readonly origin: string;
  /** Path → the whole HTML page served there. */
  readonly articles: Map<string, string>;
  close(): Promise<void>;
}

export async function startArticleHost(): Promise<ArticleHost> {
  const articles = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = articles.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    articles,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a test reads off an article holding one postkeep frame: the frame's box and, inside it, the card. */
export interface FitFrame {
  readonly box: { x: number; y: number; width: number; height: number };
  readonly inside: {
    readonly card: DOMRect;
    readonly footer: DOMRect;
    readonly height: number;
    readonly scroll: number;
    /** The share of the picture left in view once `object-fit: cover` has cropped it. */
    readonly shown: number;
  };
}

/** Opens the article at `url` in a viewport `width` wide, waits for its frame to fill (`fit`), and measures it. */
export async function openFitFrame(page: Page, url: string, width: number): Promise<FitFrame> {
  await page.setViewportSize({ width, height: 1400 });
  await page.goto(url, { waitUntil: 'load' });
  const iframe = page.locator('iframe');
  await iframe.scrollIntoViewIfNeeded();
  const frame = await (await iframe.elementHandle())!.contentFrame();
  await frame!.waitForLoadState('load');
  await expect.poll(() => frame!.evaluate(() => document.documentElement.classList.contains('fit'))).toBe(true);
  const box = (await iframe.boundingBox())!;
  const inside = await frame!.evaluate(() => ({
    card: document.querySelector('figure')!.getBoundingClientRect().toJSON() as DOMRect,
    footer: document.querySelector('figcaption')!.getBoundingClientRect().toJSON() as DOMRect,
    height: innerHeight,
    scroll: document.documentElement.scrollHeight,
    shown: (() => {
      const img = document.querySelector('figure img') as HTMLImageElement | null;
      if (!img) return 1;
      const r = img.getBoundingClientRect();
      const ratio = r.width / r.height / (img.naturalWidth / img.naturalHeight);
      return Math.min(ratio, 1 / ratio);
    })(),
  }));
  return { box, inside };
}
