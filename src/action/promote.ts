import * as core from '@actions/core'
import { join } from 'node:path'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubDeployments } from '../adapters/github/deployments.js'
import { readRunContext, requiredEnv } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getPromoteInputs } from '../adapters/github/inputs.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { currentRun } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { promote } from '../commands/promote/promote.js'
import { Outputs } from '../constants.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

/** `command: promote` on a GitHub runner, usually in a workflow_dispatch run. */
export async function runPromoteAction(common: CommonInputs): Promise<void> {
  const inputs = getPromoteInputs(common)
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const run = currentRun(process.env)
  const client = createGitHubClient(inputs.token)
  const logger = checkout.ports.logger
  const result = await withAnnotationPaths(checkout, () =>
    promote(
      {
        ...checkout.ports,
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
        runs: new GitHubWorkflowRuns(client, context.repository),
        deployments: new GitHubDeployments(client, context.repository),
        hashTree,
        files: new NodeFileSystem(),
        now: () => new Date()
      },
      {
        configFile: inputs.configFile,
        model: inputs.model,
        version: inputs.version,
        environment: inputs.environment,
        defaultBranch: context.defaultBranch,
        run: { id: run.id, url: run.url },
        actor: process.env.GITHUB_TRIGGERING_ACTOR || process.env.GITHUB_ACTOR || undefined,
        destination: join(requiredEnv('RUNNER_TEMP'), 'model-ci', 'promote', inputs.model)
      }
    )
  )
  core.setOutput(Outputs.ModelDir, result.modelDir)
  core.setOutput(Outputs.Version, result.version)
  core.setOutput(Outputs.Digest, result.digest)
  core.setOutput(Outputs.PreviousVersion, result.previousVersion ?? '')
  core.setOutput(Outputs.DeploymentId, String(result.deploymentId))
  await core.summary.addRaw(result.summary).write()
}
