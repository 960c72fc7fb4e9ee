import * as core from '@actions/core'
import { join } from 'node:path'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubBranchHistory } from '../adapters/github/branch-history.js'
import { GitHubDeployments } from '../adapters/github/deployments.js'
import { readRunContext, requiredEnv } from '../adapters/github/event-context.js'
import type { AutoPromoteInputs, CommonInputs, PromoteInputs } from '../adapters/github/inputs.js'
import { getPromoteInputs } from '../adapters/github/inputs.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { GitHubPullRequestThreads } from '../adapters/github/pull-request-threads.js'
import { currentRun } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import type { AutoPromotion } from '../commands/promote/auto.js'
import { promoteAutomatically } from '../commands/promote/auto.js'
import type { PromotePorts } from '../commands/promote/promote.js'
import { promote } from '../commands/promote/promote.js'
import { AUTO_VERSION, autoRunRefusal } from '../core/auto-promotion.js'
import { showUntrusted } from '../core/untrusted-text.js'
import { Outputs } from '../constants.js'
import { UserError } from '../errors.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

/** `command: promote` on a GitHub runner, usually in a workflow_dispatch run; with `version: auto`, in a push run after report. */
export async function runPromoteAction(common: CommonInputs): Promise<void> {
  const inputs = getPromoteInputs(common)
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  // version auto has its own one-line refusal for any run but a push to the default branch.
  const autoRefusal = inputs.version === AUTO_VERSION ? autoRunRefusal(context) : undefined
  if (autoRefusal) throw new UserError(`model-ci promote: ${autoRefusal}`)
  refuseOtherRefs(requiredEnv('GITHUB_REF'), context.defaultBranch)
  const run = currentRun(process.env)
  const client = createGitHubClient(inputs.token)
  const threads = new GitHubPullRequestThreads(client, context.repository)
  const logger = checkout.ports.logger
  const runs = new GitHubWorkflowRuns(client, context.repository)
  const ports: PromotePorts = {
    ...checkout.ports,
    artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
    runs,
    history: new GitHubBranchHistory(client, context.repository),
    // The login the token writes as, as report tells its own comments by it.
    deployments: new GitHubDeployments(client, context.repository, () => threads.ownLogin()),
    hashTree,
    files: new NodeFileSystem(),
    now: () => new Date(),
    tracking: trackingConnector(process.env)
  }
  const actor = process.env.GITHUB_TRIGGERING_ACTOR || process.env.GITHUB_ACTOR || undefined
  if (inputs.version === AUTO_VERSION) {
    const auto = inputs as AutoPromoteInputs
    const root = join(requiredEnv('RUNNER_TEMP'), 'model-ci', 'promote', 'auto')
    const result = await withAnnotationPaths(checkout, () =>
      promoteAutomatically(
        ports,
        {
          configFile: auto.configFile,
          context,
          run,
          expectedModels: auto.expectedModels,
          environment: auto.environment,
          actor,
          destination: (environment, model) => join(root, environment, model)
        }
      )
    )
    const [only] = result.environments
    core.setOutput(Outputs.ModelDir, result.environments.length === 1 ? join(root, only) : result.environments.length === 0 ? '' : root)
    core.setOutput(Outputs.Promoted, JSON.stringify(result.promoted.map(promotedOutput)))
    core.setOutput(Outputs.NotPromoted, JSON.stringify(result.notPromoted.map(({ model, environment, reason }) => ({ model, environment, reason }))))
    await core.summary.addRaw(result.summary).write()
    if (result.error) throw result.error
    return
  }
  const manual = inputs as PromoteInputs
  const result = await withAnnotationPaths(checkout, () =>
    promote(ports, {
      configFile: manual.configFile,
      model: manual.model,
      version: manual.version,
      environment: manual.environment,
      defaultBranch: context.defaultBranch,
      run: { id: run.id, url: run.url },
      actor,
      destination: join(requiredEnv('RUNNER_TEMP'), 'model-ci', 'promote', manual.model)
    })
  )
  core.setOutput(Outputs.ModelDir, result.modelDir)
  core.setOutput(Outputs.Version, result.version)
  core.setOutput(Outputs.Digest, result.digest)
  core.setOutput(Outputs.PreviousVersion, result.previousVersion ?? '')
  core.setOutput(Outputs.DeploymentId, String(result.deploymentId))
  core.setOutput(Outputs.MlflowModelUri, result.mlflow ? `models:/${result.mlflow.registeredModel}/${result.mlflow.version}` : '')
  await core.summary.addRaw(result.summary).write()
}

/** One entry of the `promoted` output, in the action's kebab-case. */
function promotedOutput(promotion: AutoPromotion): Record<string, unknown> {
  return {
    model: promotion.model,
    environment: promotion.environment,
    version: promotion.version,
    digest: promotion.digest,
    'deployment-id': promotion.deploymentId,
    'previous-version': promotion.previousVersion,
    'model-dir': promotion.modelDir
  }
}

/**
 * The promotion policy is model-ci.yml as the checkout has it, and a workflow dispatched on another
 * branch checks out that branch: its model-ci.yml could allow pull-request sources or drop
 * staging. So promote runs on the default branch only (a tag named like it is not it).
 */
function refuseOtherRefs(ref: string, defaultBranch: string): void {
  if (ref === `refs/heads/${defaultBranch}`) return
  throw new UserError(
    `model-ci promote runs only on the default branch, and GITHUB_REF is ${showUntrusted(ref, 200)}: the promotion policy in model-ci.yml is the default branch's to set; run the workflow from ${defaultBranch} ("Use workflow from: ${defaultBranch}" when you dispatch it)`
  )
}
