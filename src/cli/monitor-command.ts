import { join } from 'node:path'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import { FsCacheStore } from '../adapters/local/fs-cache-store.js'
import { FsDeployments } from '../adapters/local/fs-deployments.js'
import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { isGitLabJob } from '../adapters/gitlab/gitlab-context.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { NodeProcessRunner } from '../adapters/node/node-process-runner.js'
import { monitor } from '../commands/monitor/monitor.js'
import { renderMonitorTerminal } from '../core/monitor-report.js'
import { serializeMonitorRecord } from '../core/monitoring.js'
import { recordPath } from '../adapters/local/json-records.js'
import { localMonitorDir } from './local-monitor-results.js'
import { UserError } from '../errors.js'
import type { CommandLine } from './args.js'
import { userName } from './local-git.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { localRunContext } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/**
 * `model-ci monitor [--environment E]`: a local run of its own that measures every model live in E
 * (the last of model-ci.yml's environments by default) as recorded in `.model-ci/deployments/`,
 * keeps monitor.json as the run's artifact `model-ci-monitor` and as `.model-ci/monitor/<run>.json`
 * (which `model-ci status` reads), writes the summary
 * to `.model-ci/monitor.md` and prints the table. There are no issues locally; the exit status is
 * 1 when a gated metric regressed or a model could not be measured.
 */
export async function monitorCommand(line: Extract<CommandLine, { command: 'monitor' }>, terminal: Terminal): Promise<number> {
  if (isGitLabJob(process.env)) {
    throw new UserError('model-ci monitor does not run in a GitLab CI job yet: its promotion records and monitoring issues are GitHub\'s and local; run it on GitHub (the model-ci-monitor.yml workflow) or locally')
  }
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  await prepareStateDir(workspace)
  const runs = new FsWorkflowRuns(workspace.root)
  const local = await localRunContext(workspace, runs, { defaultBranch: line.common.defaultBranch })
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: [] })
  const logger = workspace.ports.logger
  const files = new NodeFileSystem()
  let failed = true
  try {
    const result = await monitor(
      {
        ...workspace.ports,
        runner: new NodeProcessRunner(),
        artifacts: new FsArtifactStore(workspace.root, run.id, logger),
        cache: new FsCacheStore(workspace.root, logger),
        runs,
        history: new GitBranchHistory(workspace.git),
        deployments: new FsDeployments(workspace.root, await userName(workspace.root), logger),
        hashTree,
        files,
        now: () => new Date()
      },
      {
        configFile: workspace.configFile,
        environment: line.environment,
        defaultBranch: local.context.defaultBranch,
        run: { id: run.id, url: run.url, sha: local.context.sha, runnerOs: process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : 'Linux' },
        tempDir: join(workspace.stateDir, 'tmp'),
        interpreter: line.python,
        pipArgs: [],
        env: Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined))
      }
    )
    await files.writeText(join(workspace.stateDir, 'monitor.md'), result.summary)
    // Where `model-ci status` reads local monitoring results, beside the run's artifact.
    await files.makeDir(localMonitorDir(workspace.root))
    await files.writeText(recordPath(localMonitorDir(workspace.root), run.id), serializeMonitorRecord(result.record))
    terminal.out(renderMonitorTerminal(result.record, result.judgements).replace(/\n$/, ''))
    if (result.notMonitored.length > 0) terminal.out(`Not monitored (no monitor or evaluate command in model.yml): ${result.notMonitored.join(', ')}`)
    failed = result.status === 'fail'
    if (result.error) throw result.error
    return 0
  } finally {
    await runs.finish(run.id, failed ? 'failure' : 'success')
  }
}
