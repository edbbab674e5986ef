import { afterAll, describe, expect, it } from 'vitest';
import { compileReaderWorker } from '../../functions/api/rescue-reader.js';
import { EMBEDS_PER_PART, ReaderThread, type ReaderThreadOptions } from '../../shared/adapters/rescue-reader-thread.js';
import { findEmbedsDetailed } from '../../shared/rescue/index.js';
import { ADVERSARIAL } from '../support/adversarial-articles.js';
import { readFixture } from '../support/fixtures.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const ROOT = new URL('../../', import.meta.url);
const compiled = compileReaderWorker(ROOT);
const EMBED = readFixture('instagram', 'embeds', '34.html');
const LEFTOVER = '<p>View this post on Instagram</p><p>A post shared by Lena Ott (@lena.ott) on Jul 3, 2019 at 8:02pm PDT</p>';
const readers: ReaderThread[] = [];
const readerWith = (options?: ReaderThreadOptions) => {
  const reader = new ReaderThread(() => compiled, options);
  readers.push(reader);
  return reader;
};
afterAll(async () => {
  await Promise.all(readers.map((r) => r.close()));
});

describe("the rescue reader's thread", () => {
  it('answers each of several reads in flight with its own article', async () => {
    const reader = readerWith();
    const articles = [EMBED, LEFTOVER, `<p>No post here.</p>`, `${LEFTOVER}\n${EMBED}`];
    const answers = await Promise.all(articles.map((a) => reader.read(a, 'html', NOW)));
    expect(answers).toEqual(articles.map((a) => findEmbedsDetailed(a, 'html', NOW)));
    expect(answers.map((a) => a.embeds.length)).toEqual([1, 1, 0, 2]);
  });

  it('hands back more embeds than one part holds, every one in order', async () => {
    const codes = Array.from({ length: EMBEDS_PER_PART * 2 + 7 }, (_, i) => `B${String(i).padStart(10, '0')}`);
    const article = codes
      .map((code) => `<p><a href="https://www.instagram.com/p/${code}/">https://www.instagram.com/p/${code}/</a></p>`)
      .join('\n');
    const answer = await readerWith().read(article, 'html', NOW);
    expect(answer.embeds.map((e) => e.shortcode)).toEqual(codes);
    expect(answer).toEqual(findEmbedsDetailed(article, 'html', NOW));
  });

  it("keeps a dry run's bound and says where it stopped", async () => {
    const article = Array.from({ length: 5 }, (_, i) => LEFTOVER.replace('lena.ott', `lena.ott${i}`)).join('\n');
    const answer = await readerWith().read(article, 'html', NOW, { maxEmbeds: 2 });
    expect(answer).toEqual(findEmbedsDetailed(article, 'html', NOW, { maxEmbeds: 2 }));
    expect(answer.truncated).toBe(true);
    expect(answer.stoppedAt).toBe(answer.embeds[1]!.end);
  });

  it('fails the reads of a thread that ran out of its heap with a clear error, and the next read starts a new thread', async () => {
    // A heap far too small for a 5 MB article, big enough for a short one.
    const reader = readerWith({ heapLimitMb: 12 });
    const big = ADVERSARIAL.find((a) => a.name === 'unclosed embed blockquotes')!.build(5_000_000);
    await expect(reader.read(big, 'html', NOW)).rejects.toThrow(/^the rescue reader stopped: .*memory limit/);
    const after = await reader.read(EMBED, 'html', NOW);
    expect(after.embeds.map((e) => e.shortcode)).toEqual(['CZIALixI8FH']);
  });

  it('fails a read that takes longer than its bound with a clear error, and the reads behind it go to a new thread', async () => {
    const reader = readerWith({ readTimeoutMs: 300 });
    const long = ADVERSARIAL.find((a) => a.name === 'suffix bylines')!.build(5_000_000);
    const timedOut = expect(reader.read(long, 'text', NOW)).rejects.toThrow(
      'the rescue reader took longer than 300 ms; its thread was stopped',
    );
    expect((await reader.read(EMBED, 'html', NOW)).embeds).toHaveLength(1);
    await timedOut;
  });

  it('answers a clear error when its module cannot be started, and tries again at the next read', async () => {
    let calls = 0;
    const reader = new ReaderThread(async () => {
      calls += 1;
      if (calls === 1) throw new Error('esbuild is missing');
      return compiled;
    });
    readers.push(reader);
    await expect(reader.read(EMBED, 'html', NOW)).rejects.toThrow('the rescue reader could not start: esbuild is missing');
    expect((await reader.read(EMBED, 'html', NOW)).embeds).toHaveLength(1);
  });

  it('answers a clear error when its module fails while loading', async () => {
    const reader = new ReaderThread(async () => new URL(`data:text/javascript,${encodeURIComponent('throw new Error("no reader here")')}`));
    readers.push(reader);
    await expect(reader.read(EMBED, 'html', NOW)).rejects.toThrow(/^the rescue reader could not start: .*no reader here/);
  });

  it('fails the read it holds and every read waiting when it is closed', async () => {
    const reader = readerWith();
    const big = ADVERSARIAL.find((a) => a.name === 'header repeated')!.build(2_000_000);
    const held = expect(reader.read(big, 'text', NOW)).rejects.toThrow('the rescue reader stopped: closed');
    const waiting = expect(reader.read(EMBED, 'html', NOW)).rejects.toThrow('the rescue reader stopped: closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await reader.close();
    await held;
    await waiting;
  });

  it('fails a read the reader throws on with its error, and the thread goes on reading', async () => {
    const reader = readerWith();
    await expect(reader.read(null as unknown as string, 'html', NOW)).rejects.toThrow(/^the rescue reader failed: TypeError/);
    expect((await reader.read(EMBED, 'html', NOW)).embeds).toHaveLength(1);
  });

  it('gives the reads waiting behind a read that ran out of heap to a new thread: that read fails alone', async () => {
    const reader = readerWith({ heapLimitMb: 12 });
    const big = ADVERSARIAL.find((a) => a.name === 'unclosed embed blockquotes')!.build(5_000_000);
    const reads = [reader.read(big, 'html', NOW), reader.read(EMBED, 'html', NOW), reader.read(LEFTOVER, 'html', NOW)];
    const [first, ...rest] = await Promise.allSettled(reads);
    expect(first).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/memory limit/) } });
    expect(rest.map((r) => (r.status === 'fulfilled' ? r.value.embeds.length : r.reason))).toEqual([1, 1]);
  });

  it('times a read from when the thread takes it, not while it waits its turn', async () => {
    const article = ADVERSARIAL.find((a) => a.name === 'suffix bylines')!.build(1_000_000);
    // One read on a new thread, as long as any read of it takes; six in a row take three times the bound.
    const started = performance.now();
    await readerWith().read(article, 'text', NOW);
    const once = performance.now() - started;
    const reader = readerWith({ readTimeoutMs: Math.ceil(2 * once) });
    const answers = await Promise.all(Array.from({ length: 6 }, () => reader.read(article, 'text', NOW)));
    expect(answers.map((a) => a.embeds.length)).toEqual(Array(6).fill(answers[0]!.embeds.length));
  });
});
