import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { GitBranchHistory } from '../adapters/git/git-branch-history.js'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import type { FsWorkflowRuns, LocalRun } from '../adapters/local/fs-workflow-runs.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { report } from '../commands/report/report.js'
import type { ReportPorts, ReportRequest, ReportResult } from '../commands/report/report.js'
import type { RunContext } from '../ports/event.js'
import { renderTerminal } from '../core/report/render-terminal.js'
import type { LocalWorkspace } from './local-workspace.js'
import type { Terminal } from './terminal.js'

/** The workflow name the report's title shows for local runs. */
const LOCAL_WORKFLOW_NAME = 'local'
const REPORT_FILE = 'report.md'

/** Where a report reads and writes: a local run's stores in `.model-ci/`, or a GitLab job's (see gitlab-ports.ts). */
export interface ReportTarget {
  ports: Pick<ReportPorts, 'artifacts' | 'runs' | 'history' | 'threads'>
  run: ReportRequest['run']
  context: RunContext
  expectedModels?: string[]
  /** Where the Markdown goes. */
  reportFile: string
  /** A CI job's report (see ReportRequest.reportFile): the whole report in `reportFile`, nothing cut. */
  ciJob: boolean
  gateFailureHint: string
}

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
  const artifacts = new FsArtifactStore(workspace.root, run.id, workspace.ports.logger)
  const target: ReportTarget = {
    ports: { artifacts, runs, history: new GitBranchHistory(workspace.git) },
    run: { id: run.id, attempt: 1, url: run.url, workflowName: LOCAL_WORKFLOW_NAME, artifactsUrl: pathToFileURL(artifacts.runFolder()).href },
    context: run.context,
    expectedModels: run.models,
    reportFile: join(workspace.stateDir, REPORT_FILE),
    ciJob: false,
    gateFailureHint: 'the report above says by how much (and .model-ci/report.md); change the training or the metric\'s tolerance in model.yml or model-ci.yml'
  }
  return reportTo(workspace, terminal, target, options)
}

/** Reports `target.run`: report() with the target's stores, then the report on the terminal and in `target.reportFile`. */
export async function reportTo(workspace: LocalWorkspace, terminal: Terminal, target: ReportTarget, options: { writeLedger: boolean }): Promise<ReportResult> {
  const tempParent = join(workspace.stateDir, 'tmp')
  await mkdir(tempParent, { recursive: true })
  const tempDir = await mkdtemp(join(tempParent, 'report-'))
  let result: ReportResult
  try {
    result = await report(
      { ...workspace.ports, ...target.ports, files: new NodeFileSystem(), now: () => new Date() },
      {
        configFile: workspace.configFile,
        expectedModels: target.expectedModels,
        context: target.context,
        run: target.run,
        tempDir,
        failOnRegression: true,
        gateFailureHint: target.gateFailureHint,
        writeLedger: options.writeLedger,
        reportFile: target.ciJob ? target.reportFile : undefined
      }
    )
  } finally {
    await rm(tempDir, { recursive: true, force: true })
  }
  const reportFile = target.reportFile
  if (!target.ciJob) await writeFile(reportFile, result.markdown)
  terminal.separate()
  terminal.out(renderTerminal(result.document, { color: terminal.color, width: terminal.width }).replace(/\n+$/, ''))
  terminal.out('')
  terminal.out(`The report in Markdown: ${relative(process.cwd(), reportFile) || reportFile}`)
  return result
}
