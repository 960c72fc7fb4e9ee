import * as core from '@actions/core'
import { join } from 'node:path'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubBranchHistory } from '../adapters/github/branch-history.js'
import { readRunContext, requiredEnv } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getReportInputs } from '../adapters/github/inputs.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { GitHubPullRequestThreads } from '../adapters/github/pull-request-threads.js'
import { currentRun } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { report } from '../commands/report/report.js'
import { Outputs } from '../constants.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

const REPORT_FILE = 'model-ci-report.md'

/** `command: report` on a GitHub runner: compares the run's trainings, comments, writes the ledger. */
export async function runReportAction(common: CommonInputs): Promise<void> {
  const inputs = getReportInputs(common)
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const run = currentRun(process.env)
  const tempDir = requiredEnv('RUNNER_TEMP')
  const reportFile = join(tempDir, REPORT_FILE)
  const client = createGitHubClient(inputs.token)
  const runs = new GitHubWorkflowRuns(client, context.repository)
  const result = await withAnnotationPaths(checkout, () =>
    report(
      {
        ...checkout.ports,
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger: checkout.ports.logger }),
        runs,
        jobs: runs,
        history: new GitHubBranchHistory(client, context.repository),
        threads: new GitHubPullRequestThreads(client, context.repository),
        files: new NodeFileSystem(),
        now: () => new Date()
      },
      {
        configFile: inputs.configFile,
        expectedModels: inputs.expectedModels,
        context,
        run,
        sourceRunId: inputs.runId,
        tempDir,
        failOnRegression: inputs.failOnRegression,
        gateFailureHint: 'see the report in the job summary, or set fail-on-regression: false to report without failing',
        reportFile
      }
    )
  )
  core.setOutput(Outputs.Status, result.status)
  core.setOutput(Outputs.Regressions, String(result.regressions))
  core.setOutput(Outputs.CommentUrl, result.commentUrl ?? '')
  core.setOutput(Outputs.Report, reportFile)
  await core.summary.addRaw(result.summary).write()
  if (result.error) throw result.error
}
