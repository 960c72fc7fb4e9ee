import type { Ledger } from '../core/ledger.js'
import { LEDGER_ARTIFACT, LEDGER_FILE, MAX_LEDGER_BYTES, parseLedger } from '../core/ledger.js'
import { inParallel } from '../core/in-parallel.js'
import { UserError, isUserError } from '../errors.js'
import type { ArtifactStore } from '../ports/artifact-store.js'
import type { BranchHistory } from '../ports/branch-history.js'
import type { Logger } from '../ports/logger.js'
import type { WorkflowRun, WorkflowRuns } from '../ports/workflow-runs.js'
import { notBranchPush } from './branch-push.js'
import { readArtifactRecord } from './record-file.js'

/** A ledger and the run that wrote it. */
export interface FoundLedger {
  ledger: Ledger
  run: WorkflowRun
}

export interface LedgerPorts {
  runs: WorkflowRuns
  artifacts: ArtifactStore
  logger: Logger
  /** Whether a run's commit is in the default branch's history: only such a push holds the branch's ledger. */
  history: BranchHistory
}

/** How many completed runs of the branch are looked through for a ledger, newest first. */
const MAX_LEDGER_RUNS = 100

/**
 * Which completed runs can hold a ledger to build on. `success` of course; `failure` too: a push
 * run fails when a model's training or a gate fails, and its ledger is still right, because
 * `nextLedger` records only the trainings that succeeded and carries the rest forward. Skipping
 * it would compare later pull requests with an older commit's metrics. A cancelled or timed-out
 * run may have stopped anywhere, so it is not trusted even if a ledger artifact is there.
 */
function holdsLedger(run: WorkflowRun): boolean {
  return run.conclusion === 'success' || run.conclusion === 'failure'
}

/**
 * The push runs of `branch` (of workflow `workflowId` when given) that may hold a ledger (see
 * holdsLedger), newest first, with runs that concluded `success` put before the others of the
 * same commit.
 */
export async function ledgerCandidateRuns(runs: WorkflowRuns, options: { branch: string; workflowId?: number }): Promise<WorkflowRun[]> {
  const listed = await runs.listCompleted({ workflowId: options.workflowId, branch: options.branch, event: 'push', limit: MAX_LEDGER_RUNS })
  const candidates = listed.filter(holdsLedger)
  // Newest first as listed; within one commit (a re-run, a second push of the same commit) the
  // successful run first. The first index of each commit keeps commits in their listed order.
  const firstIndexOfSha = new Map<string, number>()
  candidates.forEach((run, index) => {
    if (!firstIndexOfSha.has(run.headSha)) firstIndexOfSha.set(run.headSha, index)
  })
  return candidates
    .map((run, index) => ({ run, index }))
    .sort(
      (a, b) =>
        (firstIndexOfSha.get(a.run.headSha) as number) - (firstIndexOfSha.get(b.run.headSha) as number) ||
        Number(b.run.conclusion === 'success') - Number(a.run.conclusion === 'success') ||
        a.index - b.index
    )
    .map(({ run }) => run)
}

/**
 * The newest ledger of the default branch `branch`: the first of ledgerCandidateRuns that has a
 * `model-ci-ledger` artifact. A ledger that cannot be read (archive, size or schema), or of a run
 * that is not a push of the branch's own history, is warned about and skipped for the next one.
 * Undefined when none of the runs looked at has one.
 */
export async function newestLedger(ports: LedgerPorts, options: { branch: string; workflowId?: number }): Promise<FoundLedger | undefined> {
  for (const run of await ledgerCandidateRuns(ports.runs, options)) {
    const found = await readableLedgerOfRun(ports, run, options)
    if (found) return found
  }
  return undefined
}

/** ledgerOfRun, with an unreadable or untrusted ledger warned about and treated as none. */
export async function readableLedgerOfRun(ports: LedgerPorts, run: WorkflowRun, options: { branch: string }): Promise<FoundLedger | undefined> {
  try {
    return await ledgerOfRun(ports, run, options)
  } catch (error) {
    if (!isUserError(error)) throw error
    ports.logger.warning(`The ledger of run ${run.id} was skipped: ${error.message}`)
    return undefined
  }
}

/**
 * The ledger run `run` uploaded, or undefined when it has no `model-ci-ledger` artifact. A run that
 * is not a push of `branch`'s own history (see notBranchPush; asked only of a run that has a
 * ledger) is refused with a UserError. Only ledger.json is read out of the artifact
 * (ArtifactStore.readFile: size-capped, the archive checked), and read as untrusted: a ledger that
 * is too large, does not parse, or names another run is refused too.
 */
async function ledgerOfRun(ports: Omit<LedgerPorts, 'runs' | 'logger'>, run: WorkflowRun, options: { branch: string }): Promise<FoundLedger | undefined> {
  const [listed] = await ports.artifacts.list(run.id, { name: LEDGER_ARTIFACT })
  if (!listed) return undefined
  const source = `artifact "${LEDGER_ARTIFACT}" of run ${run.id}`
  const notOwn = await notBranchPush(ports.history, run, options.branch)
  if (notOwn !== undefined) throw new UserError(`${source} is not a ledger of ${options.branch}: ${notOwn}`)
  const text = await readArtifactRecord(ports.artifacts, listed, LEDGER_FILE, { runId: run.id, maxBytes: MAX_LEDGER_BYTES, source })
  const ledger = parseLedger(text, source)
  if (ledger.run_id !== run.id) {
    throw new UserError(`${source}: the ledger says it was written by run ${ledger.run_id}, so it was not used`)
  }
  return { ledger, run }
}

/** Ledgers read at once when gathering the recent ones: each costs a listing and one small file. */
const LEDGER_READ_CONCURRENCY = 4

/**
 * The ledgers of the newest `count` commits of the default branch `branch` whose runs hold one
 * (one run per commit, see ledgerCandidateRuns), newest first, for trend charts. Only ledger.json
 * is read of each, `LEDGER_READ_CONCURRENCY` at a time; an unreadable or untrusted ledger is
 * warned about and left out, as is run `excludeRunId` (this run: an earlier attempt's ledger).
 */
export async function recentLedgers(ports: LedgerPorts, options: { branch: string; workflowId?: number; count: number; excludeRunId?: number }): Promise<Ledger[]> {
  const seenShas = new Set<string>()
  const runs = (await ledgerCandidateRuns(ports.runs, options)).filter((run) => {
    if (run.id === options.excludeRunId || seenShas.has(run.headSha)) return false
    seenShas.add(run.headSha)
    return true
  })
  const found = await inParallel(runs.slice(0, options.count), LEDGER_READ_CONCURRENCY, (run) => readableLedgerOfRun(ports, run, options))
  return found.flatMap((ledger) => (ledger ? [ledger.ledger] : []))
}
