import { outsideBranchHistory } from '../core/promotion-policy.js'
import { showUntrusted } from '../core/untrusted-text.js'
import type { BranchHistory } from '../ports/branch-history.js'
import type { WorkflowRun } from '../ports/workflow-runs.js'

/**
 * Why `run` is not a push of `branch`'s own history, or undefined when it is. GitHub lists the push
 * of a tag named `main` with head_branch "main", as it lists a push of the branch, so the event
 * and the name are not enough: the run's commit must be the branch's tip or one of its ancestors.
 * The history is asked only about a run that passes the rest.
 */
export async function notBranchPush(history: BranchHistory, run: WorkflowRun, branch: string): Promise<string | undefined> {
  if (run.event !== 'push' || run.headBranch !== branch) {
    const of = run.headBranch === null ? 'no branch' : `branch ${showUntrusted(run.headBranch, 100)}`
    return `run ${run.id} is a ${run.event} run of ${of}, not a push to ${branch}`
  }
  return (await history.contains(branch, run.headSha)) ? undefined : outsideBranchHistory(run, branch)
}
