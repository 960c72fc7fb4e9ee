import { resolve } from 'node:path'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import { FsDeployments } from '../adapters/local/fs-deployments.js'
import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { status } from '../commands/status/status.js'
import type { CommandLine } from './args.js'
import { userName } from './local-git.js'
import { localMonitorResults } from './local-monitor-results.js'
import { openLocalWorkspace } from './local-workspace.js'
import { localRunContext } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/**
 * `model-ci status [--markdown FILE]`: every model x environment of this checkout's local records
 * (promotions in .model-ci/deployments/, ledgers of the default branch's runs, monitoring results
 * in .model-ci/monitor/) as a table; with --markdown, the page with its charts in FILE too.
 */
export async function statusCommand(line: Extract<CommandLine, { command: 'status' }>, terminal: Terminal): Promise<number> {
  const logger = terminalLogger(terminal, { verbose: false })
  const workspace = await openLocalWorkspace(line.common.repo, logger)
  const runs = new FsWorkflowRuns(workspace.root)
  const { context } = await localRunContext(workspace, runs, { defaultBranch: line.common.defaultBranch })
  const statusFile = line.markdown === undefined ? undefined : resolve(line.markdown)
  const result = await status(
    {
      ...workspace.ports,
      deployments: new FsDeployments(workspace.root, await userName(workspace.root), logger),
      runs,
      // Reads any local run's artifacts by the run id it is asked about.
      artifacts: new FsArtifactStore(workspace.root, 0, logger),
      history: new GitBranchHistory(workspace.git),
      files: new NodeFileSystem(),
      now: () => new Date(),
      monitorResults: (limit) => localMonitorResults(workspace.root, logger, limit)
    },
    { configFile: workspace.configFile, defaultBranch: context.defaultBranch, statusFile }
  )
  terminal.out(result.text.replace(/\n+$/, ''))
  if (statusFile !== undefined) terminal.out(`\nThe page, with its charts: ${statusFile}`)
  return 0
}
