import type { Git } from '../../ports/git.js'
import type { Logger } from '../../ports/logger.js'

/** A commit the history must hold, and a ref to fetch when the server refuses to fetch it by id. */
export interface Tip {
  sha: string
  fallbackRefspec?: string
}

/** A push's `before` when the push created the branch: no commit. */
export const ZERO_SHA = /^0+$/

/** A pull request's base and head as tips: a merge queue group has no number, so no head ref to fall back on. */
export function pullRequestTips(pull: { number?: number; baseSha: string; baseRef: string; headSha: string; headRefspec?: string }): [base: Tip, head: Tip] {
  return [
    { sha: pull.baseSha, fallbackRefspec: `+refs/heads/${pull.baseRef}:refs/remotes/origin/${pull.baseRef}` },
    {
      sha: pull.headSha,
      fallbackRefspec: pull.headRefspec ?? (pull.number === undefined ? undefined : `+refs/pull/${pull.number}/head:refs/remotes/origin/pull/${pull.number}/head`)
    }
  ]
}

/** How far each round deepens a shallow clone; doubled every round, then the rest at once. */
const FIRST_DEEPEN = 32
const DEEPEN_ROUNDS = 8

/**
 * Makes sure a commit is in the local repository, fetching it when a shallow or partial checkout
 * lacks it. Returns false when it cannot be had: it is unknown to the remote, or there is no remote.
 */
export async function ensureCommit(git: Git, tip: Tip, logger: Logger): Promise<boolean> {
  if (await git.resolveCommit(tip.sha)) return true
  const shallow = await git.isShallow()
  logger.debug(`fetching ${tip.sha}`)
  // In a full clone a --depth fetch would make the repository shallow; fetch plainly there.
  await fetchTips(git, [tip], shallow ? { depth: 1 } : {})
  return (await git.resolveCommit(tip.sha)) !== undefined
}

export type MergeBaseResult =
  | { found: true; mergeBase: string }
  /** `unrelated`: the whole history is here and holds no common ancestor, a final answer. */
  | { found: false; unrelated: boolean; reason: string }

/**
 * Finds the merge-base of two commits, fetching them if needed and deepening a shallow clone
 * step by step (32, 64, ... commits, then the whole history) until the common ancestor appears.
 */
export async function findMergeBase(git: Git, a: Tip, b: Tip, logger: Logger): Promise<MergeBaseResult> {
  // The common case, a full clone or one deep enough already, costs one git call.
  const direct = await git.mergeBase(a.sha, b.sha)
  if (direct !== undefined) return { found: true, mergeBase: direct }
  for (const tip of [a, b]) {
    if (!(await ensureCommit(git, tip, logger))) {
      return { found: false, unrelated: false, reason: `commit ${tip.sha} is not in the local repository and could not be fetched from origin` }
    }
  }
  let mergeBase = await git.mergeBase(a.sha, b.sha)
  let deepen = FIRST_DEEPEN
  for (let round = 0; mergeBase === undefined && (await git.isShallow()); round++) {
    const wholeHistory = round >= DEEPEN_ROUNDS
    logger.info(
      wholeHistory
        ? 'Fetching the whole history to find the merge-base'
        : `Deepening the shallow clone by ${deepen} commits to find the merge-base`
    )
    const fetched = await fetchTips(git, [a, b], wholeHistory ? { unshallow: true } : { deepen })
    if (!fetched) {
      return { found: false, unrelated: false, reason: 'the shallow clone could not be deepened: fetching from origin failed' }
    }
    mergeBase = await git.mergeBase(a.sha, b.sha)
    deepen *= 2
  }
  if (mergeBase === undefined) {
    return { found: false, unrelated: true, reason: `commits ${a.sha} and ${b.sha} have no common ancestor in the repository's history` }
  }
  return { found: true, mergeBase }
}

/** Fetches commits by id (GitHub allows it), falling back to their refs where the remote refuses. */
async function fetchTips(git: Git, tips: Tip[], options: Parameters<Git['fetch']>[1]): Promise<boolean> {
  if (await git.fetch(tips.map((tip) => tip.sha), options)) return true
  const refspecs = tips.map((tip) => tip.fallbackRefspec).filter((ref): ref is string => ref !== undefined)
  return refspecs.length > 0 && (await git.fetch(refspecs, options))
}
