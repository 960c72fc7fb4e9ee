// One monitoring issue per degraded model and environment (DESIGN.md section 9), kept as the report
// keeps its comment (report/sticky-comment.ts): found by the hidden marker on its first line *and*
// its author, since anyone can copy a marker into an issue of their own.
import type { IssueOutcome, MonitorRunLink } from '../../core/monitor-report.js'
import { monitorIssueTitle, monitorMarker, renderIssueBody, renderRecoveredComment, renderStillDegradedComment } from '../../core/monitor-report.js'
import type { MonitorJudgement } from '../../core/monitoring.js'
import type { IssueTracker, TrackedIssue } from '../../ports/issue-tracker.js'
import type { Logger } from '../../ports/logger.js'

export interface IssueSync {
  model: string
  environment: string
  judgement: MonitorJudgement
  run: MonitorRunLink
  createdAt: string
}

/**
 * Opens, updates or closes the model's monitoring issue for its verdict:
 * - degraded: with none of ours open, one is opened; with one, its body shows this run and a
 *   comment says it is still degraded;
 * - healthy: each of ours open gets a comment saying it recovered, and is closed as completed;
 * - failed: nothing is known, the issue is left as it is.
 * Two runs at once may both find none and both open one. GitHub cannot delete an issue through
 * the REST API, so after opening one a run lists again and, when an older one (lower number) is
 * open, closes its own as a duplicate of the oldest: of two runs, only the one that opened the newer
 * issue closes it, so it is said once, and one issue stays open. Duplicates a run left open (it
 * stopped first) are closed by the next run that finds them. Undefined when the model has no issue
 * and needs none.
 */
export async function syncMonitorIssue(tracker: IssueTracker, logger: Logger, sync: IssueSync): Promise<IssueOutcome | undefined> {
  const marker = monitorMarker(sync.model, sync.environment)
  const login = await tracker.ownLogin()
  const ours = async () => (await tracker.listOpen({ creator: login, marker })).filter((issue) => issue.author === login && issue.body.startsWith(marker))
  const open = await ours()
  const verdict = sync.judgement.result.verdict
  if (verdict === 'failed') return open[0] && outcome('left', open[0])
  if (verdict === 'healthy') {
    for (const issue of open) {
      await tracker.comment(issue.number, renderRecoveredComment(sync))
      await tracker.update(issue.number, { close: 'completed' })
      logger.info(`${sync.model} recovered in ${sync.environment}: closed issue #${issue.number}`)
    }
    return open[0] && outcome('closed', open[0])
  }
  const body = renderIssueBody(sync)
  if (open.length === 0) {
    const created = await tracker.create(monitorIssueTitle(sync.model, sync.environment), body)
    logger.info(`${sync.model} is degraded in ${sync.environment}: opened issue #${created.number}`)
    // Listing may lag behind a write: what was just opened counts whether or not it is listed.
    const oldest = (await ours()).find((issue) => issue.number < created.number)
    if (oldest === undefined) return outcome('opened', created)
    await closeDuplicates(tracker, logger, oldest, [created])
    return outcome('updated', oldest)
  }
  const [kept, ...leftOver] = open
  await closeDuplicates(tracker, logger, kept, leftOver)
  const updated = kept.body === body ? kept : await tracker.update(kept.number, { body })
  await tracker.comment(kept.number, renderStillDegradedComment(sync))
  logger.info(`${sync.model} is still degraded in ${sync.environment}: updated issue #${kept.number}`)
  return outcome('updated', updated)
}

/** Closes `duplicates` as duplicates of `keep`, the oldest issue of the model and environment. */
async function closeDuplicates(tracker: IssueTracker, logger: Logger, keep: TrackedIssue, duplicates: readonly TrackedIssue[]): Promise<void> {
  for (const duplicate of duplicates) {
    await tracker.comment(duplicate.number, `Duplicate of #${keep.number}: two monitoring runs opened an issue at once; #${keep.number} is kept.\n`)
    await tracker.update(duplicate.number, { close: 'not_planned' })
    logger.info(`Closed issue #${duplicate.number} as a duplicate of #${keep.number}`)
  }
}

function outcome(action: IssueOutcome['action'], issue: TrackedIssue): IssueOutcome {
  return { action, number: issue.number, url: issue.url }
}
