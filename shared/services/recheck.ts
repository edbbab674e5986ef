import pLimit from 'p-limit';
import { PostkeepError } from '../errors.js';
import type { Log } from '../log.js';
import { RECHECK_ACTOR } from '../people/person.js';
import { checkPost, type PipelineDeps } from './capture-pipeline.js';

export interface RecheckSummary {
  /** Posts the index gave as due (at most the batch size). */
  readonly due: number;
  readonly checked: number;
  readonly unchanged: number;
  readonly changed: number;
  readonly removed: number;
  readonly failed: number;
}

/**
 * Asks Instagram again about the posts checked longest ago, at most `limit`, only those not
 * checked for `maxAgeMs`: one Query of the re-check index, ordered by last check, so every
 * run takes the next posts in line and a post comes round again only after all others have.
 * A post whose check fails has its check time moved too (it waits its turn, the queue does not
 * stall on it); the failure is counted and logged, and the next round tries it again.
 */
export async function recheckDue(
  deps: PipelineDeps & { readonly log?: Log },
  options: { maxAgeMs: number; limit: number },
): Promise<RecheckSummary> {
  const now = deps.now();
  const due = await deps.posts.listDue(new Date(now.getTime() - options.maxAgeMs), options.limit);
  const summary = { due: due.length, checked: 0, unchanged: 0, changed: 0, removed: 0, failed: 0 };
  const limit = pLimit(2);
  await Promise.all(
    due.map((post) =>
      limit(async () => {
        try {
          const { outcome } = await checkPost(deps, post, RECHECK_ACTOR, 'recheck');
          summary.checked += 1;
          summary[outcome] += 1;
        } catch (error) {
          summary.failed += 1;
          deps.log?.warn('re-check of one post failed', {
            postId: post.id,
            code: error instanceof PostkeepError ? error.code : 'internal',
            error: error instanceof Error ? error.message : String(error),
          });
          await deps.posts.touchChecked(post, deps.now()).catch((touchError: unknown) =>
            deps.log?.warn('could not move the check time of a failed re-check', {
              postId: post.id,
              error: touchError instanceof Error ? touchError.message : String(touchError),
            }),
          );
        }
      }),
    ),
  );
  return summary;
}
