/**
 * `npm run rescue -- <file or folder> [--server URL] [--key KEY] [--dry-run] [--concurrency N]`
 *
 * Sends each article to POST /api/rescue and writes the rewritten article beside the original
 * (`name.rescued.ext`), never over it. A progress bar shows on a terminal; a summary ends the run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import pLimit from 'p-limit';
import { loadCliDefaults } from '../../shared/config.js';
import { type ArticleFile, listArticleFiles, rescuedPath } from './article-files.js';

interface Rescued {
  readonly outcome: 'archived' | 'already-archived' | 'gone' | 'article-only' | 'dry-run';
  readonly review?: { readonly confidence: 'high' | 'medium' | 'low' };
}

interface Summary {
  articles: number;
  found: number;
  archived: number;
  alreadyArchived: number;
  gone: number;
  toReview: number;
  truncated: number;
  failed: number;
}

const USAGE = 'usage: npm run rescue -- <file or folder> [--server URL] [--key KEY] [--dry-run] [--concurrency N]';

async function main(): Promise<number> {
  const defaults = loadCliDefaults();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      server: { type: 'string', default: defaults.server },
      key: { type: 'string', ...(defaults.key ? { default: defaults.key } : {}) },
      'dry-run': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const concurrency = Number.parseInt(values.concurrency, 10);
  if (!values.key) {
    console.error('An API key is needed: --key KEY, or POSTKEEP_API_KEY in the environment.');
    return 2;
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    console.error('--concurrency takes a whole number from 1 to 32.');
    return 2;
  }

  const files = await listArticleFiles(positionals[0]!);
  const summary: Summary = {
    articles: files.length,
    found: 0,
    archived: 0,
    alreadyArchived: 0,
    gone: 0,
    toReview: 0,
    truncated: 0,
    failed: 0,
  };
  const failures: string[] = [];
  const bar = new SingleBar(
    { format: 'rescue [{bar}] {value}/{total} articles | {found} posts found', hideCursor: true },
    Presets.shades_classic,
  );
  if (process.stderr.isTTY) bar.start(files.length, 0, { found: 0 });

  const limit = pLimit(concurrency);
  const started = performance.now();
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        try {
          const { posts, truncated } = await rescueFile(file, values.server, values.key!, values['dry-run']);
          summary.found += posts.length;
          if (truncated) summary.truncated += 1;
          for (const post of posts) {
            if (post.outcome === 'archived' || post.outcome === 'article-only') summary.archived += 1;
            else if (post.outcome === 'already-archived') summary.alreadyArchived += 1;
            else if (post.outcome === 'gone') summary.gone += 1;
            if (post.review && post.review.confidence !== 'high') summary.toReview += 1;
          }
        } catch (error) {
          summary.failed += 1;
          failures.push(`${file.path}: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (process.stderr.isTTY) bar.increment(1, { found: summary.found });
      }),
    ),
  );
  if (process.stderr.isTTY) bar.stop();

  const seconds = (performance.now() - started) / 1000;
  for (const failure of failures) console.error(`failed  ${failure}`);
  console.log(
    [
      `${values['dry-run'] ? 'dry run: ' : ''}${summary.articles} articles in ${seconds.toFixed(1)} s`,
      `  found             ${summary.found}`,
      `  archived          ${summary.archived}${values['dry-run'] ? ' (dry run: nothing stored)' : ''}`,
      `  already archived  ${summary.alreadyArchived}`,
      `  gone              ${summary.gone}`,
      `  to review         ${summary.toReview} (found without a URL, or with sources that disagree)`,
      ...(summary.truncated > 0 ? [`  cut short         ${summary.truncated} (a dry run lists at most 1000 posts per article)`] : []),
      `  failed            ${summary.failed}`,
      `  peak memory       ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    ].join('\n'),
  );
  return summary.failed > 0 ? 1 : 0;
}

async function rescueFile(
  file: ArticleFile,
  server: string,
  key: string,
  dryRun: boolean,
): Promise<{ posts: Rescued[]; truncated: boolean }> {
  const body = await readFile(file.path);
  const response = await fetch(`${server}/api/rescue${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': `${file.contentType}; charset=utf-8` },
    body: new Uint8Array(body),
  });
  const answer = (await response.json().catch(() => null)) as
    | { posts: Rescued[]; html: string; truncated?: boolean }
    | { error: { code: string; message: string } }
    | null;
  if (!response.ok || !answer || 'error' in answer) {
    throw new Error(answer && 'error' in answer ? `${answer.error.code}: ${answer.error.message}` : `status ${response.status}`);
  }
  if (!dryRun && answer.posts.length > 0) await writeFile(rescuedPath(file.path), answer.html);
  return { posts: answer.posts, truncated: answer.truncated === true };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
