import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
