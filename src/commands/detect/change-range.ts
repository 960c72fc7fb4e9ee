import type { RunContext } from '../../ports/event.js'
import type { Git } from '../../ports/git.js'
import type { Logger } from '../../ports/logger.js'
import { UserError } from '../../errors.js'
import { ZERO_SHA, ensureCommit, findMergeBase, pullRequestTips } from './history.js'

/** Where the changes to train come from. */
export type ChangeRange =
  /**
   * The models that `git diff base head` touches; `base` is the merge-base. `listed`: the diff's
   * paths (repository-relative) when git listed them while the range was worked out, undefined
   * inside when that listing failed.
   */
  | { kind: 'diff'; base: string; head: string; note?: string; listed?: Promise<string[] | undefined> }
  /** Every model, for the reason given (a first push of the default branch, ...). */
  | { kind: 'everything'; head: string; note: string }
  /** The models the `models` input names (every event but push and pull request). */
  | { kind: 'selection'; head: string }
  /** Git cannot answer (no history, no remote); the pull request files API may. */
  | { kind: 'no-history'; head: string; reason: string }

/**
 * Decides what to diff for the run's trigger:
 * - pull request (and merge queue): the merge-base of base and head, to the head (not GitHub's
 *   merge commit), so that commits the base branch gained since the branch was made do not count;
 * - push: `before` to `after` when `before` is an ancestor of `after`; when `before` is all zeros
 *   (a new branch), missing from the event, unknown or force-replaced, the merge-base of `after`
 *   with the default branch to `after`; on the default branch itself, every model;
 * - anything else (workflow_dispatch, schedule, release, workflow_run, repository_dispatch, ...):
 *   the `models` input.
 */
export async function resolveChangeRange(git: Git, context: RunContext, logger: Logger): Promise<ChangeRange> {
  const trigger = context.trigger
  switch (trigger.kind) {
    case 'pull_request': {
      // The common case, history that holds the merge-base: it and the diff in one go.
      const quick = await git.changesSinceMergeBase(trigger.baseSha, trigger.headSha)
      if (quick) return { kind: 'diff', base: quick.mergeBase, head: trigger.headSha, listed: Promise.resolve(quick.paths) }
      const result = await findMergeBase(git, ...pullRequestTips(trigger), logger)
      if (result.found) return { kind: 'diff', base: result.mergeBase, head: trigger.headSha }
      if (result.unrelated) {
        throw new UserError(
          `the pull request's base ${trigger.baseSha} and head ${trigger.headSha} have no common history, so there is no merge-base to diff from; rebase the branch onto ${trigger.baseRef}`
        )
      }
      return { kind: 'no-history', head: trigger.headSha, reason: result.reason }
    }
    case 'push':
      return resolvePushRange(git, context, trigger, logger)
    case 'manual':
      return { kind: 'selection', head: context.sha }
  }
}

async function resolvePushRange(
  git: Git,
  context: RunContext,
  trigger: Extract<RunContext['trigger'], { kind: 'push' }>,
  logger: Logger
): Promise<ChangeRange> {
  const after = trigger.after
  const onDefaultBranch = trigger.ref === `refs/heads/${context.defaultBranch}`
  const before = trigger.before
  // Most pushes diff from `before`: git lists that diff while the checks below decide whether it
  // is the one; when before is not in the checkout yet, it fails and is listed again once fetched.
  const listed =
    before !== undefined && !ZERO_SHA.test(before)
      ? git.changedPaths(before, after).catch(() => undefined)
      : undefined
  let why: string
  if (before === undefined) {
    why = 'the push event does not say which commit came before it'
  } else if (ZERO_SHA.test(before)) {
    why = 'the push created the branch'
  } else if (await isParentOf(git, before, after)) {
    // The common push: one commit (or a merge) on top of `before`. The diff needs only the two
    // trees, so a shallow clone fetches `before` alone instead of deepening to find a merge-base.
    if (await ensureCommit(git, { sha: before }, logger)) return { kind: 'diff', base: before, head: after, listed }
    why = `the commit before the push (${before}) is unknown`
  } else if (!(await ensureCommit(git, { sha: before }, logger))) {
    why = `the commit before the push (${before}) is unknown`
  } else {
    const result = await findMergeBase(git, { sha: before }, { sha: after }, logger)
    if (result.found && result.mergeBase === before) return { kind: 'diff', base: before, head: after, listed }
    why = result.found ? 'the push was forced (it replaced earlier commits)' : result.reason
  }
  if (onDefaultBranch) {
    return { kind: 'everything', head: after, note: `${why} on the default branch, so every model trains` }
  }
  const defaultTip = await defaultBranchTip(git, context.defaultBranch)
  if (defaultTip === undefined) {
    return { kind: 'everything', head: after, note: `${why} and the default branch "${context.defaultBranch}" could not be fetched, so every model trains` }
  }
  const result = await findMergeBase(git, { sha: defaultTip }, { sha: after }, logger)
  if (!result.found) {
    return { kind: 'everything', head: after, note: `${why} and ${result.reason}, so every model trains` }
  }
  return {
    kind: 'diff',
    base: result.mergeBase,
    head: after,
    note: `${why}, so the changes are counted from the merge-base with ${context.defaultBranch}`
  }
}

/** Whether commit `after` (which the checkout holds) records `before` as a parent. */
async function isParentOf(git: Git, before: string, after: string): Promise<boolean> {
  const parents = await git.parentsOf(after)
  return parents !== undefined && parents.includes(before)
}

/** The default branch's newest commit, from origin when there is one, else the local branch. */
async function defaultBranchTip(git: Git, branch: string): Promise<string | undefined> {
  const remoteRef = `refs/remotes/origin/${branch}`
  const shallow = await git.isShallow()
  if (await git.fetch([`+refs/heads/${branch}:${remoteRef}`], shallow ? { depth: 1 } : {})) {
    return git.resolveCommit(remoteRef)
  }
  return (await git.resolveCommit(remoteRef)) ?? (await git.resolveCommit(`refs/heads/${branch}`))
}
