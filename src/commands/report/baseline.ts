import type { Ledger } from '../../core/ledger.js'
import type { WorkflowRun } from '../../ports/workflow-runs.js'
import type { LedgerPorts } from '../../records/ledger-history.js'
import { ledgerCandidateRuns, readableLedgerOfRun } from '../../records/ledger-history.js'
import type { ScopedGit } from '../../repository/scoped-git.js'

/** How many commits before the base the history walk looks at for a run that left a ledger. */
const MAX_COMMITS_WALKED = 200
/** Ledgers downloaded at most while looking for the baseline (runs without one cost a listing only). */
const MAX_LEDGER_DOWNLOADS = 10

/** The ledger a run's models are compared with, and how it relates to the base commit. */
export interface BaselineLedger {
  ledger: Ledger
  run: WorkflowRun
  /** 'merge-base': the base commit's own run; 'ancestor': `commitsBefore` commits earlier; 'newest': none in the base's history. */
  match: 'merge-base' | 'ancestor' | 'newest'
  commitsBefore?: number
}

export interface BaselineSearch {
  /** The merge-base (pull request) or the push's `before`; undefined when unknown. */
  baseSha: string | undefined
  /** The default branch, whose push runs write ledgers. */
  branch: string
  workflowId: number
  tempDir: string
  /** This run: its own ledger (an earlier attempt's) is never its baseline. */
  excludeRunId: number
}

/**
 * Finds the baseline ledger: of the push runs of the default branch that hold a ledger (see
 * holdsLedger), the one at the base commit, else at its nearest first-parent ancestor (within
 * MAX_COMMITS_WALKED), else the newest. A shallow clone is deepened where the walk reaches its
 * boundary.
 */
export async function findBaselineLedger(ports: LedgerPorts & { git: ScopedGit | undefined }, search: BaselineSearch): Promise<BaselineLedger | undefined> {
  const candidates = (await ledgerCandidateRuns(ports.runs, { branch: search.branch, workflowId: search.workflowId })).filter(
    (run) => run.id !== search.excludeRunId
  )
  if (candidates.length === 0) return undefined
  const distance = await ancestorDistances(ports, search.baseSha)
  const inHistory = candidates
    .filter((run) => distance.has(run.headSha))
    // Stable: runs of one commit keep ledgerCandidateRuns' order (successful first).
    .sort((a, b) => (distance.get(a.headSha) as number) - (distance.get(b.headSha) as number))
  const tried = new Set<number>()
  let downloads = 0
  const tryRun = async (run: WorkflowRun): Promise<Ledger | undefined> => {
    tried.add(run.id)
    downloads++
    return (await readableLedgerOfRun(ports, run, search))?.ledger
  }
  for (const run of inHistory) {
    if (downloads >= MAX_LEDGER_DOWNLOADS) break
    const ledger = await tryRun(run)
    if (!ledger) continue
    const commitsBefore = distance.get(run.headSha) as number
    return commitsBefore === 0 ? { ledger, run, match: 'merge-base' } : { ledger, run, match: 'ancestor', commitsBefore }
  }
  for (const run of candidates) {
    if (downloads >= MAX_LEDGER_DOWNLOADS) break
    if (tried.has(run.id)) continue
    const ledger = await tryRun(run)
    if (ledger) return { ledger, run, match: 'newest' }
  }
  return undefined
}

/** The base and its first-parent ancestors → how many commits before the base each is. */
async function ancestorDistances(ports: LedgerPorts & { git: ScopedGit | undefined }, baseSha: string | undefined): Promise<Map<string, number>> {
  const distances = new Map<string, number>()
  if (baseSha === undefined || ports.git === undefined) return distances
  let ancestors = await ports.git.firstParentAncestors(baseSha, MAX_COMMITS_WALKED)
  if (ancestors.length < MAX_COMMITS_WALKED && (await ports.git.git.isShallow())) {
    // A shallow clone (fetch-depth: 1) ends the walk at its boundary: fetch the history the walk
    // needs. --deepen only adds history. Failing to fetch leaves a shorter walk, and the newest
    // ledger as the fallback.
    ports.logger.debug(`deepening the history of ${baseSha} by ${MAX_COMMITS_WALKED} commits`)
    if (await ports.git.git.fetch([baseSha], { deepen: MAX_COMMITS_WALKED })) {
      ancestors = await ports.git.firstParentAncestors(baseSha, MAX_COMMITS_WALKED)
    }
  }
  ancestors.forEach((sha, index) => {
    if (!distances.has(sha)) distances.set(sha, index)
  })
  return distances
}
