import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import type { FsWorkflowRuns, LocalRun } from '../adapters/local/fs-workflow-runs.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { report } from '../commands/report/report.js'
import type { ReportResult } from '../commands/report/report.js'
import { renderTerminal } from '../core/report/render-terminal.js'
import type { LocalWorkspace } from './local-workspace.js'
import type { Terminal } from './terminal.js'

/** The workflow name the report's title shows for local runs. */
const LOCAL_WORKFLOW_NAME = 'local'
const REPORT_FILE = 'report.md'

/**
 * Reports local run `run` as the report job of its workflow would: its manifests against the
 * baseline ledger, the ledger recorded when the run stands for a push to the default branch and
 * `writeLedger` is set (the run's own report, not a later one). The report goes to the terminal
 * and, as Markdown, to `.model-ci/report.md`.
 */
export async function reportLocally(
  workspace: LocalWorkspace,
  runs: FsWorkflowRuns,
  terminal: Terminal,
  run: LocalRun,
  options: { writeLedger: boolean }
): Promise<ReportResult> {
  const tempParent = join(workspace.stateDir, 'tmp')
  await mkdir(tempParent, { recursive: true })
  const tempDir = await mkdtemp(join(tempParent, 'report-'))
  const artifacts = new FsArtifactStore(workspace.root, run.id, workspace.ports.logger)
  let result: ReportResult
  try {
    result = await report(
      { ...workspace.ports, artifacts, runs, history: new GitBranchHistory(workspace.git), files: new NodeFileSystem(), now: () => new Date() },
      {
        configFile: workspace.configFile,
        expectedModels: run.models,
        context: run.context,
        run: {
          id: run.id,
          attempt: 1,
          url: run.url,
          workflowName: LOCAL_WORKFLOW_NAME,
          artifactsUrl: pathToFileURL(artifacts.runFolder()).href
        },
        tempDir,
        failOnRegression: true,
        gateFailureHint: 'the report above says by how much (and .model-ci/report.md); change the training or the metric\'s tolerance in model.yml or model-ci.yml',
        writeLedger: options.writeLedger
      }
    )
  } finally {
    await rm(tempDir, { recursive: true, force: true })
  }
  const reportFile = join(workspace.stateDir, REPORT_FILE)
  await writeFile(reportFile, result.markdown)
  terminal.out('')
  terminal.out(renderTerminal(result.document, { color: terminal.color, width: terminal.width }).replace(/\n+$/, ''))
  terminal.out('')
  terminal.out(`The report in Markdown: ${relative(process.cwd(), reportFile) || reportFile}`)
  return result
}
