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

/**
 * Posts `body` (which starts with commentHeader(workflowId, runId)) as the one report comment of
 * pull request `number`, keeping these rules, which make concurrent runs agree on one comment:
 * - only comments that start with the marker *and* have our author are ours (anyone can copy a
 *   marker, and a report quotes metric names that may hold one);
 * - a comment of ours from a newer run (a higher run id) is never overwritten by an older run;
 * - with none of ours, create one, then list again: when a concurrent run created one too, the
 *   oldest (lowest id) is kept with the newest run's body, and the others are deleted;
 * - with one or more of ours, the oldest is updated in place and any others deleted.
 * Each run decides from what it lists, and both runs of a race reach the same end: one comment,
 * the oldest, carrying the newest run's body.
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
  const newer = newestAbove(comments, post.runId)
  if (newer) {
    logger.info(`The report comment ${newer.url} shows run ${runIdOf(newer.body)}, newer than this run ${post.runId}; it is left as it is`)
    return { comment: newer, outcome: 'newer-kept' }
  }
  let outcome: StickyOutcome = 'updated'
  if (comments.length === 0) {
    const created = await threads.createComment(post.number, post.body)
    comments = await ours()
    // Listing may lag behind a write; what was just made is ours all the same.
    if (!comments.some((comment) => comment.id === created.id)) comments = [...comments, created].sort((a, b) => a.id - b.id)
    if (comments.length === 1) return { comment: created, outcome: 'created' }
    outcome = 'created'
  }
  return { comment: await settle(threads, comments, post), outcome }
}

/** The comment of a run newer than `runId` among `comments`, the newest such, if any. */
function newestAbove(comments: readonly PullRequestComment[], runId: number): PullRequestComment | undefined {
  let newest: PullRequestComment | undefined
  for (const comment of comments) {
    if (runIdOf(comment.body) > runId && (!newest || runIdOf(comment.body) > runIdOf(newest.body))) newest = comment
  }
  return newest
}

/** Keeps the oldest of `comments` (sorted by id), with the newest run's body, and deletes the rest. */
async function settle(threads: PullRequestThreads, comments: readonly PullRequestComment[], post: { runId: number; body: string }): Promise<PullRequestComment> {
  const [keep, ...extra] = comments
  // A concurrent newer run's body wins over ours; between equals (one run's attempts), ours.
  const newer = newestAbove(comments, post.runId)
  const body = newer ? newer.body : post.body
  const kept = keep.body === body ? keep : await threads.updateComment(keep.id, body)
  for (const comment of extra) await threads.deleteComment(comment.id)
  return kept
}
