import { join, relative } from 'node:path'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import { FsDeployments } from '../adapters/local/fs-deployments.js'
import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { isGitLabJob } from '../adapters/gitlab/gitlab-context.js'
import { promote } from '../commands/promote/promote.js'
import type { PromotePorts } from '../commands/promote/promote.js'
import { UserError } from '../errors.js'
import type { CommandLine } from './args.js'
import { userName } from './local-git.js'
import type { LocalWorkspace } from './local-workspace.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { localRunContext } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/**
 * `model-ci promote MODEL --environment E [--version V]`: a local run of its own (a
 * workflow_dispatch that trains nothing) that verifies the model into
 * `.model-ci/promoted/<environment>/<model>/` and records the promotion in `.model-ci/deployments/`;
 * in a GitLab CI job (GITLAB_CI=true), the job's pipeline promotes a training of the project's
 * packages and records it as a package (the same folder gets the verified model).
 */
export async function promoteCommand(line: Extract<CommandLine, { command: 'promote' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  await prepareStateDir(workspace)
  const session = isGitLabJob(process.env) ? await gitlabSession(workspace, line) : await localSession(workspace, line)
  const run = await session.begin()
  let promoted = false
  try {
    const result = await promote(
      {
        ...workspace.ports,
        ...session.stores(run),
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
        defaultBranch: session.defaultBranch,
        run: { id: run.id, url: run.url },
        actor: session.actor,
        destination: join(workspace.stateDir, 'promoted', line.environment, line.model)
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
    await session.finish(run.id, promoted)
  }
  return 0
}

type PromoteStores = Pick<PromotePorts, 'artifacts' | 'runs' | 'history' | 'deployments'>

/** Where a promotion's sources and records are: `.model-ci/` and a local run of its own, or the GitLab job's pipeline and the project's packages. */
interface PromoteSession {
  begin(): Promise<{ id: number; url: string }>
  finish(runId: number, promoted: boolean): Promise<void>
  stores(run: { id: number }): PromoteStores
  defaultBranch: string
  actor?: string
}

/** A local run of its own (a workflow_dispatch that trains nothing); records in `.model-ci/deployments/`. */
async function localSession(workspace: LocalWorkspace, line: Extract<CommandLine, { command: 'promote' }>): Promise<PromoteSession> {
  const runs = new FsWorkflowRuns(workspace.root)
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch })
  const deployments = new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger)
  return {
    begin: () => runs.begin({ context: local.context, headBranch: local.headBranch, models: [] }),
    finish: async (runId, promoted) => {
      await runs.finish(runId, promoted ? 'success' : 'failure')
    },
    stores: (run) => ({ artifacts: new FsArtifactStore(workspace.root, run.id, workspace.ports.logger), runs, history: new GitBranchHistory(workspace.git), deployments }),
    defaultBranch: local.context.defaultBranch
  }
}

/**
 * A GitLab CI job (the promotion jobs of the shipped pipeline): sources are the project's
 * pipelines and packages, the record a package (see gitlab-ports.ts). As on GitHub, it runs only
 * in a pipeline of the default branch, whose model-ci.yml sets the promotion policy.
 */
async function gitlabSession(workspace: LocalWorkspace, line: Extract<CommandLine, { command: 'promote' }>): Promise<PromoteSession> {
  const { openGitLabJob } = await import('./gitlab-ports.js')
  const job = openGitLabJob(workspace, process.env, workspace.ports.logger, { defaultBranch: line.common.defaultBranch })
  const defaultBranch = job.context.defaultBranch
  if (job.context.trigger.kind === 'pull_request' || job.headBranch !== defaultBranch) {
    throw new UserError(
      `model-ci promote runs only in a pipeline of the default branch ${defaultBranch}, and this is ${job.description}: the promotion policy in model-ci.yml is the default branch's to set; run the promotion job of a ${defaultBranch} pipeline`
    )
  }
  return {
    begin: async () => ({ id: job.run.id, url: job.run.url }),
    finish: async () => {},
    stores: () => ({ artifacts: job.adapters.artifacts, runs: job.adapters.runs, history: job.history, deployments: job.adapters.deployments }),
    defaultBranch,
    actor: job.actor
  }
}
