import * as core from '@actions/core'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { readRunContext, requiredEnv } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getReportInputs } from '../adapters/github/inputs.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { GitHubPullRequestThreads } from '../adapters/github/pull-request-threads.js'
import { currentRun } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { report } from '../commands/report/report.js'
import { Outputs } from '../constants.js'
import { renderMarkdown } from '../core/report/render-markdown.js'
import { UserError } from '../errors.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

/**
 * GitHub takes up to 1 MiB (of UTF-8) of job summary per step, and the renderer counts UTF-16
 * code units, each at most 3 bytes: this many always fit, with room for what other steps append.
 */
const SUMMARY_LIMIT = 340_000
const REPORT_FILE = 'model-ci-report.md'

/** `command: report` on a GitHub runner: compares the run's trainings, comments, writes the ledger. */
export async function runReportAction(common: CommonInputs): Promise<void> {
  const inputs = getReportInputs(common)
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const run = currentRun(process.env)
  const tempDir = requiredEnv('RUNNER_TEMP')
  const client = createGitHubClient(inputs.token)
  const runs = new GitHubWorkflowRuns(client, context.repository)
  const thisRun = await runs.get(run.id)
  if (!thisRun) {
    throw new UserError(`run ${run.id} (GITHUB_RUN_ID) was not found in ${context.repository.owner}/${context.repository.repo}; the token needs \`actions: read\``)
  }
  const result = await withAnnotationPaths(checkout, () =>
    report(
      {
        ...checkout.ports,
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger: checkout.ports.logger }),
        runs,
        jobs: runs,
        threads: new GitHubPullRequestThreads(client, context.repository),
        now: () => new Date()
      },
      {
        configFile: inputs.configFile,
        expectedModels: inputs.expectedModels,
        context,
        run: { ...run, workflowId: thisRun.workflowId },
        sourceRunId: inputs.runId,
        tempDir,
        failOnRegression: inputs.failOnRegression
      }
    )
  )
  // The file holds everything; the summary has room for much of what the comment had to cut.
  const reportFile = join(tempDir, REPORT_FILE)
  const whole = renderMarkdown(result.document, { maxLength: Number.MAX_SAFE_INTEGER })
  writeFileSync(reportFile, whole)
  core.setOutput(Outputs.Status, result.status)
  core.setOutput(Outputs.Regressions, String(result.regressions))
  core.setOutput(Outputs.CommentUrl, result.commentUrl ?? '')
  core.setOutput(Outputs.Report, reportFile)
  // Rendered again, cut, only when the whole report is too long for a summary.
  const summary = whole.length <= SUMMARY_LIMIT ? whole : renderMarkdown(result.document, { maxLength: SUMMARY_LIMIT })
  await core.summary.addRaw(summary).write()
  if (result.error) throw result.error
}
