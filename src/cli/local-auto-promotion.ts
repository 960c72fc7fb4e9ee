import { join } from 'node:path'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import { FsDeployments } from '../adapters/local/fs-deployments.js'
import type { FsWorkflowRuns, LocalRun } from '../adapters/local/fs-workflow-runs.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import type { AutoPromoteResult } from '../commands/promote/auto.js'
import { promoteAutomatically } from '../commands/promote/auto.js'
import { autoRunRefusal } from '../core/auto-promotion.js'
import { userName } from './local-git.js'
import type { LocalWorkspace } from './local-workspace.js'
import type { Terminal } from './terminal.js'
import { paint } from './terminal.js'

/** The workflow name a local run has (see local-report.ts). */
const LOCAL_WORKFLOW_NAME = 'local'

/**
 * `model-ci run` on the default branch, as the push workflow's promote-auto job: when model-ci.yml
 * marks an environment auto: true, every model the run trained or reused that passed its gates is
 * promoted there (records in `.model-ci/deployments/`, files in `.model-ci/promoted/<env>/<model>/`),
 * by the local git user. Undefined when the run is no push to the default branch or nothing is automatic.
 */
export async function promoteLocallyAutomatically(
  workspace: LocalWorkspace,
  runs: FsWorkflowRuns,
  terminal: Terminal,
  run: LocalRun
): Promise<AutoPromoteResult | undefined> {
  if (autoRunRefusal(run.context) !== undefined) return undefined
  const actor = await userName(workspace.root)
  const result = await promoteAutomatically(
    {
      ...workspace.ports,
      artifacts: new FsArtifactStore(workspace.root, run.id, workspace.ports.logger),
      runs,
      history: new GitBranchHistory(workspace.git),
      deployments: new FsDeployments(workspace.root, actor, workspace.ports.logger),
      hashTree,
      files: new NodeFileSystem(),
      now: () => new Date(),
      tracking: trackingConnector(process.env)
    },
    {
      configFile: workspace.configFile,
      context: run.context,
      run: { id: run.id, attempt: 1, url: run.url, workflowName: LOCAL_WORKFLOW_NAME },
      expectedModels: run.models,
      actor,
      destination: (environment, model) => join(workspace.stateDir, 'promoted', environment, model)
    }
  )
  // Nothing marked auto: true: a run like any other.
  if (result.environments.length === 0) return undefined
  terminal.separate()
  terminal.out(paint(terminal, 'bold', `Automatic promotion to ${result.environments.join(', ')}:`))
  for (const promotion of result.promoted) {
    const was = promotion.previousVersion === null ? 'nothing was live' : `was ${promotion.previousVersion}`
    terminal.out(`  ${promotion.model} ${promotion.version} promoted to ${promotion.environment} (${was})`)
  }
  for (const entry of result.notPromoted) terminal.out(`  ${entry.model} not promoted to ${entry.environment}: ${entry.reason}`)
  if (result.promoted.length === 0 && result.notPromoted.length === 0) terminal.out('  no model of this run to promote')
  return result
}
