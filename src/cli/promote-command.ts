import { join, relative } from 'node:path'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import { FsDeployments } from '../adapters/local/fs-deployments.js'
import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { promote } from '../commands/promote/promote.js'
import type { CommandLine } from './args.js'
import { userName } from './local-git.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { localRunContext } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/**
 * `model-ci promote MODEL --environment E [--version V]`: a local run of its own (a
 * workflow_dispatch that trains nothing) that verifies the model into
 * `.model-ci/promoted/<environment>/<model>/` and records the promotion in `.model-ci/deployments/`.
 */
export async function promoteCommand(line: Extract<CommandLine, { command: 'promote' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  await prepareStateDir(workspace)
  const runs = new FsWorkflowRuns(workspace.root)
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch })
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: [] })
  let promoted = false
  try {
    const result = await promote(
      {
        ...workspace.ports,
        artifacts: new FsArtifactStore(workspace.root, run.id, workspace.ports.logger),
        runs,
        history: new GitBranchHistory(workspace.git),
        deployments: new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger),
        hashTree,
        files: new NodeFileSystem(),
        now: () => new Date(),
        tracking: trackingConnector(process.env)
      },
      {
        configFile: workspace.configFile,
        model: line.model,
        version: line.version,
        environment: line.environment,
        defaultBranch: local.context.defaultBranch,
        run: { id: run.id, url: run.url },
        destination: join(workspace.stateDir, 'promoted', line.environment, line.model),
        trackingUri: process.env.MLFLOW_TRACKING_URI || undefined
      }
    )
    promoted = true
    terminal.out(`  model-dir  ${relative(process.cwd(), result.modelDir) || result.modelDir}`)
    terminal.out(`  version    ${result.version}`)
    terminal.out(`  digest     ${result.digest}`)
    terminal.out(`  replaced   ${result.previousVersion ?? `nothing (the first promotion of ${line.model} to ${line.environment})`}`)
    if (result.mlflow) {
      const { registeredModel, alias, version, previous } = result.mlflow
      terminal.out(`  mlflow     models:/${registeredModel}@${alias} is version ${version}${previous === null ? '' : ` (was ${previous})`}`)
    }
  } finally {
    await runs.finish(run.id, promoted ? 'success' : 'failure')
  }
  return 0
}
