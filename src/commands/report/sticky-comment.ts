import type { Logger } from '../../ports/logger.js'
import type { PullRequestComment, PullRequestThreads } from '../../ports/comment-thread.js'

/** The hidden first line that finds a workflow's report comment on a pull request. */
export function commentMarker(workflowId: number): string {
  return `<!-- model-ci:report workflow=${workflowId} -->`
}

/** The hidden second line: the run whose results the comment shows. */
export function runMarker(runId: number): string {
  return `<!-- model-ci:run ${runId} -->`
}

/** Both hidden lines, as the comment starts. */
export function commentHeader(workflowId: number, runId: number): string {
  return `${commentMarker(workflowId)}\n${runMarker(runId)}`
}

/**
 * The run id in a comment's header (its second line); 0 for a body without one (nothing is
 * older). Only the header counts: the rest shows untrusted text (metric names) that may spell a
 * run line of its own.
 */
export function runIdOf(body: string): number {
  const match = /^<!-- model-ci:report workflow=\d{1,16} -->\r?\n<!-- model-ci:run (\d{1,16}) -->/.exec(body)
  return match ? Number(match[1]) : 0
}

export type StickyOutcome =
  /** No comment of ours was there; this one was made. */
  | 'created'
  /** Ours was there (or a concurrent run made one too) and now shows the newest run. */
  | 'updated'
  /** A newer run's report is there; it was left as it is. */
  | 'newer-kept'

export interface StickyResult {
  comment: PullRequestComment
  outcome: StickyOutcome
}

/** How many times a run writes its body before it stops contending with older runs' writes. */
const MAX_WRITES = 3

/**
 * Posts `body` (which starts with commentHeader(workflowId, runId)) as the one report comment of
 * pull request `number`, keeping these rules, which make concurrent runs agree on one comment:
 * - only comments that start with the marker *and* have our author are ours (anyone can copy a
 *   marker, and a report quotes metric names that may hold one);
 * - a comment of ours from a newer run (a higher run id) is never overwritten by an older run;
 * - with none of ours, create one; with one or more, the oldest (lowest id) is kept with the
 *   newest run's body and the others are deleted (a concurrent run may have created one too);
 * - after each write, list again: a newer run's body there is left as it is; an older run's (its
 *   write landed after ours) or a duplicate is written over again, at most MAX_WRITES times.
 * GitHub has no compare-and-swap on comments, so one race remains: an older run's write that lands
 * after the newer run's last listing stays until the next report. The re-check makes that window
 * one list call wide instead of the whole time between a run's listing and its write.
 */
export async function postStickyComment(
  threads: PullRequestThreads,
  logger: Logger,
  post: { number: number; marker: string; runId: number; body: string }
): Promise<StickyResult> {
  const login = await threads.ownLogin()
  const ours = async () =>
    (await threads.listCommentsWith(post.number, post.marker))
      // Ours: our author, and the marker as the first line, where we put it, not quoted further down.
      .filter((comment) => comment.author === login && comment.body.startsWith(post.marker))
      .sort((a, b) => a.id - b.id)

  let comments = await ours()
  let outcome: StickyOutcome = 'updated'
  let written: PullRequestComment | undefined
  if (comments.length === 0) {
    written = await threads.createComment(post.number, post.body)
    outcome = 'created'
    // Listing may lag behind a write; what was just made is ours all the same.
    comments = await ours()
    if (!comments.some((comment) => comment.id === written?.id)) comments = [...comments, written].sort((a, b) => a.id - b.id)
  }
  for (let writes = written ? 1 : 0; ; writes++) {
    const newer = newestAbove(comments, post.runId)
    if (newer) {
      logger.info(`The report comment ${newer.url} shows run ${runIdOf(newer.body)}, newer than this run ${post.runId}; it is left as it is`)
      // Duplicates (both runs created one) still go: the oldest is kept, with the newer run's body.
      const kept = comments.length === 1 ? newer : await settle(threads, comments, newer.body)
      return { comment: kept, outcome: 'newer-kept' }
    }
    const [keep] = comments
    if (!keep && written) return { comment: written, outcome }
    // After a write of ours, the same run id with another body is another attempt of this run: left, not fought.
    const settled = comments.length === 1 && (keep.body === post.body || (writes > 0 && runIdOf(keep.body) === post.runId))
    if (settled) return { comment: keep, outcome }
    if (writes === MAX_WRITES) {
      logger.info(`Other runs still write to the report comment ${keep.url} after ${MAX_WRITES} writes of run ${post.runId}; it is left as it is`)
      return { comment: keep, outcome }
    }
    written = await settle(threads, comments, post.body)
    comments = await ours()
  }
}

/** The comment of a run newer than `runId` among `comments`, the newest such, if any. */
function newestAbove(comments: readonly PullRequestComment[], runId: number): PullRequestComment | undefined {
  let newest: PullRequestComment | undefined
  for (const comment of comments) {
    if (runIdOf(comment.body) > runId && (!newest || runIdOf(comment.body) > runIdOf(newest.body))) newest = comment
  }
  return newest
}

/** Keeps the oldest of `comments` (sorted by id) with `body`, and deletes the rest. */
async function settle(threads: PullRequestThreads, comments: readonly PullRequestComment[], body: string): Promise<PullRequestComment> {
  const [keep, ...extra] = comments
  const kept = keep.body === body ? keep : await threads.updateComment(keep.id, body)
  for (const comment of extra) await threads.deleteComment(comment.id)
  return kept
}
