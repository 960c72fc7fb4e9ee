import { FsDeployments } from '../adapters/local/fs-deployments.js'
import { promotionHistory, renderHistory } from '../commands/promote/history.js'
import { withRegistryVersions } from '../commands/promote/registry.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { Repository } from '../repository/repository.js'
import type { CommandLine } from './args.js'
import { userName } from './local-git.js'
import { openLocalWorkspace } from './local-workspace.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/** `model-ci history MODEL [--environment E]`: the model's promotions, newest first, in every environment of model-ci.yml or in E. */
export async function historyCommand(line: Extract<CommandLine, { command: 'history' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  const { config } = await Repository.read(workspace.ports, workspace.configFile)
  const environments = line.environment !== undefined ? [line.environment] : config.environments
  const deployments = new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger)
  // The local records are all this checkout's own: no creators to name.
  const recorded = await promotionHistory(deployments, line.model, environments, { creators: [] })
  const entries = await withRegistryVersions(workspace.ports.logger, recorded, {
    mlflow: config.mlflow,
    connect: trackingConnector(process.env),
    trackingUri: process.env.MLFLOW_TRACKING_URI || undefined,
    model: line.model
  })
  terminal.out(`Promotions of ${line.model} in ${environments.join(', ')}:`)
  terminal.out(renderHistory(entries, 'text').replace(/\n+$/, ''))
  return 0
}
