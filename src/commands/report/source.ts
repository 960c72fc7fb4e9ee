import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { PullRequestInfo, PullRequestThreads } from '../../ports/comment-thread.js'
import type { RunContext } from '../../ports/event.js'
import type { Logger } from '../../ports/logger.js'
import type { WorkflowRun, WorkflowRuns } from '../../ports/workflow-runs.js'
import { ZERO_SHA, ensureCommit, findMergeBase, pullRequestTips } from '../detect/history.js'
import type { ScopedGit } from '../../repository/scoped-git.js'

/** A pull request as the report needs it. */
export interface ReportPullRequest {
  number: number
  baseSha: string
  baseRef: string
  headSha: string
}

/** What the report is about: whose results, for which commit, posted where. */
export interface ReportSource {
  /** The run whose manifests are read: this run, or in fork mode the `run-id` input's. */
  run: { id: number; url: string; sha: string }
  /** Passed to the artifact store: undefined for this run. */
  artifactsRunId: number | undefined
  /** The workflow whose push runs hold the ledgers and whose comment this is. */
  workflowId: number
  /** The pull request to comment on, when there is one. */
  pullRequest?: ReportPullRequest
  /** A push to the default branch, unless the request says not to: this run writes the next ledger. */
  writesLedger: boolean
}

export interface SourcePorts {
  runs: WorkflowRuns
  threads?: PullRequestThreads
  logger: Logger
}

/**
 * Works out the source of the report from the trigger, or in fork mode (`sourceRunId`, the
 * `workflow_run` pattern) from the other run: its head commit, its workflow, and the open pull
 * request it ran for (see pullRequestOfRun).
 */
export async function resolveSource(
  ports: SourcePorts,
  request: { context: RunContext; run: { id: number; url: string; workflowId: number }; sourceRunId?: number; writeLedger?: boolean }
): Promise<ReportSource> {
  const { context, run, sourceRunId } = request
  if (sourceRunId !== undefined && sourceRunId !== run.id) {
    const source = await ports.runs.get(sourceRunId)
    if (!source) {
      throw new UserError(`input "run-id": run ${sourceRunId} is not a workflow run of ${context.repository.owner}/${context.repository.repo}; pass \${{ github.event.workflow_run.id }}`)
    }
    const pullRequest = await pullRequestOfRun(ports, source)
    return {
      run: { id: source.id, url: source.url, sha: source.headSha },
      artifactsRunId: source.id,
      workflowId: source.workflowId,
      pullRequest,
      writesLedger: false
    }
  }
  const trigger = context.trigger
  const thisRun = { id: run.id, url: run.url }
  switch (trigger.kind) {
    case 'pull_request':
      return {
        run: { ...thisRun, sha: trigger.headSha },
        artifactsRunId: undefined,
        workflowId: run.workflowId,
        pullRequest: trigger.number === undefined ? undefined : { number: trigger.number, baseSha: trigger.baseSha, baseRef: trigger.baseRef, headSha: trigger.headSha },
        writesLedger: false
      }
    case 'push':
      return {
        run: { ...thisRun, sha: trigger.after },
        artifactsRunId: undefined,
        workflowId: run.workflowId,
        writesLedger: request.writeLedger !== false && trigger.ref === `refs/heads/${context.defaultBranch}`
      }
    case 'manual':
      return { run: { ...thisRun, sha: context.sha }, artifactsRunId: undefined, workflowId: run.workflowId, writesLedger: false }
  }
}

/**
 * The open pull request `run` ran for: its head commit, head repository and head branch all the
 * run's. Anyone can open a pull request with a commit another one has, so the commit alone could
 * post one fork's results on (and replace the comment of) someone else's pull request. When more
 * than one matches (one branch proposed to two base branches), which one is meant cannot be told:
 * a warning, and the report goes to the job summary only.
 */
async function pullRequestOfRun(ports: SourcePorts, run: WorkflowRun): Promise<ReportPullRequest | undefined> {
  if (!ports.threads) return undefined
  const sameCommit = await ports.threads.findByHeadSha(run.headSha)
  const head = `${run.headRepository ?? 'an unknown repository'}:${run.headBranch ?? 'no branch'}`
  const found = sameCommit.filter((pull) => pull.headRef === run.headBranch && sameRepository(pull.headRepository, run.headRepository)).sort((a, b) => a.number - b.number)
  const numbers = (pulls: readonly PullRequestInfo[]) => pulls.map((pull) => `#${pull.number}`).join(', ')
  if (found.length === 0) {
    if (sameCommit.length === 0) {
      ports.logger.info(`No open pull request has head ${run.headSha}; the report goes to the job summary only`)
    } else {
      ports.logger.warning(
        `Pull request ${numbers(sameCommit)} has head ${run.headSha}, but not from ${showUntrusted(head, 300)}, where run ${run.id} got it; the report goes to the job summary only`
      )
    }
    return undefined
  }
  if (found.length > 1) {
    ports.logger.warning(
      `Pull requests ${numbers(found)} all come from ${showUntrusted(head, 300)} at ${run.headSha}, so which one run ${run.id} reports on cannot be told; no comment was posted, the report is in the job summary`
    )
    return undefined
  }
  const { number, baseSha, baseRef, headSha } = found[0]
  return { number, baseSha, baseRef, headSha }
}

/** Repository names as GitHub compares them: without regard to case. */
function sameRepository(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase()
}

/** The commit whose ledger is the baseline, and a note when it is not what a reader would assume. */
export interface BaseCommit {
  sha: string | undefined
  note?: string
}

/**
 * Where the baseline is looked up: the merge-base of a pull request (fetched and deepened as
 * detect does), a push's `before`, or for anything else the checked-out commit.
 */
export async function resolveBaseCommit(
  ports: { git: ScopedGit | undefined; logger: Logger },
  source: ReportSource,
  context: RunContext
): Promise<BaseCommit> {
  const git = ports.git?.git
  const pull = source.pullRequest ?? (context.trigger.kind === 'pull_request' ? context.trigger : undefined)
  if (pull) {
    if (!git) return { sha: pull.baseSha, note: `The baseline was looked up at the base branch's head ${pull.baseSha}, as the checkout has no git history` }
    const result = await findMergeBase(git, ...pullRequestTips(pull), ports.logger)
    if (result.found) return { sha: result.mergeBase }
    return { sha: pull.baseSha, note: `The baseline was looked up at the base branch's head ${pull.baseSha}, not the merge-base: ${result.reason}` }
  }
  const trigger = context.trigger
  if (trigger.kind === 'push') {
    if (trigger.before === undefined) return { sha: undefined, note: 'The push event does not say which commit came before it, so the baseline was not looked up at it' }
    if (ZERO_SHA.test(trigger.before)) return { sha: undefined, note: 'The push created the branch: there is no commit before it to look the baseline up at' }
    if (git && !(await ensureCommit(git, { sha: trigger.before }, ports.logger))) {
      return { sha: undefined, note: `The commit before the push (${trigger.before}) is not in the repository's history, so the baseline was not looked up at it` }
    }
    return { sha: trigger.before }
  }
  return { sha: source.run.sha }
}
