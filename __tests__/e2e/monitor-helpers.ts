/**
 * What the `monitor` end-to-end suites share: the quick-start models trained on main and promoted
 * to staging and production with the bundled action (see promote-helpers.ts), the example's
 * drifted data set swapped in or out by a commit on main, and one call that runs
 * `command: monitor` as the job of a `schedule` run.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { scheduleEvent } from '../../__fixtures__/events.js'
import { MONITOR_ARTIFACT, MONITOR_FILE, type MonitorRecord } from '../../src/core/monitoring.js'
import type { IssueCommentRecord, IssueRecord } from '../emulator/index.js'
import { git } from '../harness/git-repo.js'
import type { JobResult } from '../harness/job-runner.js'
import { ACTION_ROOT, runJob } from '../harness/job-runner.js'
import type { PromoteSuite, TrainedRun } from './promote-helpers.js'
import { expectPromoted, pushAndTrain, runPromote, startPromoteSuite } from './promote-helpers.js'
import { cleanCheckout, commitFiles, downloadArtifactFiles } from './train-helpers.js'

export const CHURN_MONITORING = 'models/churn/data/monitoring/recent.csv'
const EXAMPLE = join(ACTION_ROOT, 'examples', 'quickstart')
export const HEALTHY_CHURN = readFileSync(join(EXAMPLE, CHURN_MONITORING), 'utf8')
/** The example's drifted data set: churning customers moved toward the others, so accuracy falls. */
export const DRIFTED_CHURN = readFileSync(join(EXAMPLE, 'drift', 'churn', 'recent.csv'), 'utf8')

/** The quick-start example with both models trained on main and live in staging and production. */
export async function startMonitorSuite(name: string): Promise<{ suite: PromoteSuite; trained: TrainedRun }> {
  const suite = await startPromoteSuite(name)
  const trained = await pushAndTrain(suite)
  for (const environment of ['staging', 'production']) {
    for (const model of ['churn', 'fraud']) expectPromoted(await runPromote(suite, { model, environment }))
  }
  return { suite, trained }
}

/** Commits `content` as churn's monitoring data on main (the drifted or the healthy set). */
export async function setChurnData(suite: PromoteSuite, content: string): Promise<void> {
  await cleanCheckout(suite.workspace)
  await commitFiles(suite.workspace, { [CHURN_MONITORING]: content })
}

export interface MonitorJob extends JobResult {
  runId: number
}

/** Runs `command: monitor` as the `monitor` job of a new schedule run on main, on its own runner (its own RUNNER_TEMP). */
export async function runMonitor(suite: PromoteSuite, inputs: Record<string, string> = {}): Promise<MonitorJob> {
  const { gh } = suite
  const sha = await git(suite.workspace, ['rev-parse', 'HEAD'])
  const run = gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'schedule', status: 'in_progress', path: '.github/workflows/model-ci-monitor.yml' })
  const { env, token } = gh.runnerEnv({ runId: run.id, jobId: 'monitor' })
  const result = await runJob({
    workspace: suite.workspace,
    event: { name: 'schedule', payload: scheduleEvent({ cron: '0 6 * * *' }) },
    inputs: { command: 'monitor', ...inputs },
    env,
    token,
    runId: run.id,
    jobId: 'monitor',
    sha
  })
  gh.updateWorkflowRun(run.id, { status: 'completed', conclusion: result.exitCode === 0 ? 'success' : 'failure' })
  return { ...result, runId: run.id }
}

/** The monitor.json the job kept as artifact model-ci-monitor, downloaded with the real client. */
export async function monitorRecord(suite: PromoteSuite, runId: number): Promise<MonitorRecord> {
  const artifact = suite.gh.state.visibleArtifacts().find((listed) => listed.workflow_run_id === runId && listed.name === MONITOR_ARTIFACT)
  if (!artifact || artifact.digest === null) throw new Error(`run ${runId} kept no ${MONITOR_ARTIFACT} artifact`)
  const files = await downloadArtifactFiles(suite, runId, artifact.id, artifact.digest)
  const text = files.get(MONITOR_FILE)
  if (text === undefined) throw new Error(`${MONITOR_ARTIFACT} of run ${runId} has no ${MONITOR_FILE}`)
  return JSON.parse(text.toString('utf8')) as MonitorRecord
}

/** The monitoring issues of `model` in `environment` (found by their marker), oldest first. */
export function monitorIssues(suite: PromoteSuite, model: string, environment = 'production'): IssueRecord[] {
  const marker = `<!-- model-ci:monitor model=${model} environment=${environment} -->`
  return suite.gh.state.issues.filter((issue) => issue.body?.startsWith(marker))
}

export function commentsOf(suite: PromoteSuite, issue: IssueRecord): IssueCommentRecord[] {
  return suite.gh.state.comments.filter((comment) => comment.issue_number === issue.number)
}
