import { isGitLabJob } from '../adapters/gitlab/gitlab-context.js'
import { FsDeployments } from '../adapters/local/fs-deployments.js'
import type { Deployments } from '../ports/deployments.js'
import { promotionHistory, renderHistory } from '../commands/promote/history.js'
import { withRegistryVersions } from '../commands/promote/registry.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { listedEnvironment } from '../core/promotion-policy.js'
import { showUntrusted } from '../core/untrusted-text.js'
import { UserError } from '../errors.js'
import { Repository } from '../repository/repository.js'
import type { CommandLine } from './args.js'
import { userName } from './local-git.js'
import type { LocalWorkspace } from './local-workspace.js'
import { openLocalWorkspace } from './local-workspace.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/** `model-ci history MODEL [--environment E]`: the model's promotions, newest first, in every environment of model-ci.yml or in E. */
export async function historyCommand(line: Extract<CommandLine, { command: 'history' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  const repository = await Repository.read(workspace.ports, workspace.configFile)
  const { config } = repository
  const listed = line.environment === undefined ? undefined : listedEnvironment(line.environment, config.environments)
  if (line.environment !== undefined && listed === undefined) {
    throw new UserError(`model-ci history: environment ${showUntrusted(line.environment, 100)} is not one of the environments in model-ci.yml (${config.environments.join(', ')})`, { input: '--environment' })
  }
  const environments = listed !== undefined ? [listed] : config.environments
  // In a GitLab CI job, the project's promotion packages (those of default-branch pipelines, or of
  // model-ci.yml's promotion.record-creators); locally, `.model-ci/deployments/`, all this checkout's own.
  const { deployments, creators } = isGitLabJob(process.env)
    ? { deployments: await gitlabDeployments(workspace, line), creators: config.promotion.recordCreators }
    : { deployments: new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger), creators: [] }
  const recorded = await promotionHistory(deployments, line.model, environments, { creators })
  // A model removed from the repository keeps its history; a name that was never a model is a typo.
  if (recorded.length === 0 && !repository.model(line.model)) {
    const known = repository.models.map((model) => model.name).join(', ')
    throw new UserError(`model-ci history: there is no model named ${showUntrusted(line.model, 100)} and no promotion of one; the models are: ${known || '(none found)'}`, { input: 'MODEL' })
  }
  const entries = await withRegistryVersions(workspace.ports.logger, recorded, {
    mlflow: config.mlflow,
    connect: trackingConnector(process.env),
    model: line.model
  })
  terminal.out(`Promotions of ${line.model} in ${environments.join(', ')}:`)
  terminal.out(renderHistory(entries, 'text').replace(/\n+$/, ''))
  return 0
}

async function gitlabDeployments(workspace: LocalWorkspace, line: Extract<CommandLine, { command: 'history' }>): Promise<Deployments> {
  const { openGitLabJob } = await import('./gitlab-ports.js')
  return openGitLabJob(workspace, process.env, workspace.ports.logger, { defaultBranch: line.common.defaultBranch }).adapters.deployments
}
