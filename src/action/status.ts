import * as core from '@actions/core'
import { resolve } from 'node:path'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubBranchHistory } from '../adapters/github/branch-history.js'
import { GitHubDeployments } from '../adapters/github/deployments.js'
import { readRunContext } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getStatusInputs } from '../adapters/github/inputs.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { GitHubPullRequestThreads } from '../adapters/github/pull-request-threads.js'
import { currentRun } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { status } from '../commands/status/status.js'
import { Outputs } from '../constants.js'
import { recentMonitorResults } from '../records/monitor-results.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

/**
 * `command: status` on a GitHub runner (a schedule or workflow_dispatch job, usually after
 * monitor): the status page in the job summary and in `status-file`, for the workflow to publish.
 */
export async function runStatusAction(common: CommonInputs): Promise<void> {
  const inputs = getStatusInputs(common)
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const run = currentRun(process.env)
  const client = createGitHubClient(inputs.token)
  const logger = checkout.ports.logger
  const runs = new GitHubWorkflowRuns(client, context.repository)
  const artifacts = new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger })
  const threads = new GitHubPullRequestThreads(client, context.repository)
  // Relative to the job's workspace, where the workflow's next steps find it.
  const statusFile = resolve(inputs.statusFile)
  const result = await withAnnotationPaths(checkout, () =>
    status(
      {
        ...checkout.ports,
        // The login the token writes as, as promote tells its own records by it.
        deployments: new GitHubDeployments(client, context.repository, () => threads.ownLogin()),
        runs,
        artifacts,
        history: new GitHubBranchHistory(client, context.repository),
        files: new NodeFileSystem(),
        now: () => new Date(),
        // A monitor job earlier in this run (the monitor workflow's status job) measured just now; a
        // pull request's or a push's run keeps no monitoring result of the default branch.
        monitorResults: (limit) =>
          recentMonitorResults({ runs, artifacts, logger }, { branch: context.defaultBranch, limit, currentRunId: context.trigger.kind === 'manual' ? run.id : undefined })
      },
      { configFile: inputs.configFile, defaultBranch: context.defaultBranch, statusFile }
    )
  )
  core.setOutput(Outputs.StatusFile, statusFile)
  await core.summary.addRaw(result.summary).write()
}
