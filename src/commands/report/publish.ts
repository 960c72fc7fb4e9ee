import { PermissionDeniedError } from '../../ports/comment-thread.js'
import type { PullRequestThreads } from '../../ports/comment-thread.js'
import type { Logger } from '../../ports/logger.js'
import { commentMarker, postStickyComment } from './sticky-comment.js'

/** What a read-only token (a fork's pull request) needs to get its comment: the two-workflow setup. */
export const FORK_SETUP_HINT =
  'To comment on pull requests from forks, keep detect and train in the pull_request workflow and run report from a second workflow ' +
  'on workflow_run (types: [completed]) with permissions pull-requests: write and actions: read, passing ' +
  '`run-id: ${{ github.event.workflow_run.id }}`; the section "Fork pull requests" of model-ci\'s docs/workflow.md links both workflows'

/**
 * Posts the report as the pull request's sticky comment and returns its URL. A token that may not
 * write (a fork's read-only token) is one warning that says how to set the fork-safe workflow up,
 * not a failure: the job summary still carries the report.
 */
export async function postReportComment(
  threads: PullRequestThreads,
  logger: Logger,
  post: { number: number; workflowId: number; runId: number; body: string; forkMode: boolean }
): Promise<string | undefined> {
  try {
    const { comment, outcome } = await postStickyComment(threads, logger, {
      number: post.number,
      marker: commentMarker(post.workflowId),
      runId: post.runId,
      body: post.body
    })
    if (outcome !== 'newer-kept') logger.info(`Report comment ${outcome}: ${comment.url}`)
    return comment.url
  } catch (error) {
    if (!(error instanceof PermissionDeniedError)) throw error
    const hint = post.forkMode
      ? 'Give the report job `permissions: { pull-requests: write, actions: read }`'
      : `A pull request from a fork gets a read-only token. ${FORK_SETUP_HINT}`
    logger.warning(`The report could not be posted on pull request #${post.number}: ${error.message}. The job summary has the report. ${hint}.`, {
      title: 'model-ci report: no pull request comment'
    })
    return undefined
  }
}
