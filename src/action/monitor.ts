import * as core from '@actions/core'
import { join } from 'node:path'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubBranchHistory } from '../adapters/github/branch-history.js'
import { GitHubCacheStore } from '../adapters/github/cache-store.js'
import { GitHubDeployments } from '../adapters/github/deployments.js'
import { readRunContext, requiredEnv } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getMonitorInputs } from '../adapters/github/inputs.js'
import { GitHubIssues } from '../adapters/github/issues.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { GitHubPullRequestThreads } from '../adapters/github/pull-request-threads.js'
import { commandEnv, currentRun } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { NodeProcessRunner } from '../adapters/node/node-process-runner.js'
import { blankStartupEnvironment } from '../adapters/node/startup-environment.js'
import { monitor } from '../commands/monitor/monitor.js'
import { Outputs } from '../constants.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

const MONITOR_REPORT_FILE = 'model-ci-monitor.md'

/** `command: monitor` on a GitHub runner, usually in a schedule run: every model live in an environment, measured and judged. */
export async function runMonitorAction(common: CommonInputs): Promise<void> {
  const inputs = getMonitorInputs(common)
  // As train does: the monitor commands must not find the tokens in /proc/<this process>/environ.
  const blanked = blankStartupEnvironment()
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const run = currentRun(process.env)
  const logger = checkout.ports.logger
  if (!blanked) logger.debug('The environment this process started with could not be blanked; the monitor commands can read it in /proc')
  const tempDir = requiredEnv('RUNNER_TEMP')
  const client = createGitHubClient(inputs.token)
  const threads = new GitHubPullRequestThreads(client, context.repository)
  const ownLogin = () => threads.ownLogin()
  const runs = new GitHubWorkflowRuns(client, context.repository)
  const result = await withAnnotationPaths(checkout, () =>
    monitor(
      {
        ...checkout.ports,
        runner: new NodeProcessRunner(),
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
        cache: new GitHubCacheStore(logger),
        runs,
        history: new GitHubBranchHistory(client, context.repository),
        deployments: new GitHubDeployments(client, context.repository, ownLogin),
        issues: new GitHubIssues(client, context.repository, ownLogin),
        hashTree,
        files: new NodeFileSystem(),
        now: () => new Date()
      },
      {
        configFile: inputs.configFile,
        environment: inputs.environment,
        defaultBranch: context.defaultBranch,
        run: { id: run.id, url: run.url, sha: requiredEnv('GITHUB_SHA'), runnerOs: process.env.RUNNER_OS || 'Linux' },
        tempDir,
        interpreter: inputs.python,
        pipArgs: inputs.pipArgs,
        env: commandEnv(process.env)
      }
    )
  )
  const reportFile = join(tempDir, MONITOR_REPORT_FILE)
  await new NodeFileSystem().writeText(reportFile, result.summary)
  core.setOutput(Outputs.Status, result.status)
  core.setOutput(Outputs.Degraded, JSON.stringify(result.degraded))
  core.setOutput(Outputs.Report, reportFile)
  await core.summary.addRaw(result.summary).write()
  if (result.error) throw result.error
}
