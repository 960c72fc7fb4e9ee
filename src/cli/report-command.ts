import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import type { CommandLine } from './args.js'
import { resolve } from 'node:path'
import { isGitLabJob } from '../adapters/gitlab/gitlab-context.js'
import { UserError } from '../errors.js'
import { UsageError } from './args.js'
import { reportLocally, reportTo } from './local-report.js'
import type { LocalWorkspace } from './local-workspace.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { noSuchRun } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/** How many completed runs `report` looks through for the newest that trained something. */
const RUNS_LOOKED_AT = 100

/**
 * The report job of a GitLab pipeline (GITLAB_CI=true): this pipeline's trainings, from the
 * project's packages, against the ledger of the default branch's pipeline at the merge-base; one
 * merge-request note (the report also in the job log and model-ci-report.md); the ledger package on
 * the default branch; GitLab's metrics report in metrics.txt. Needs MODEL_CI_GITLAB_TOKEN.
 */
async function reportGitLabPipeline(workspace: LocalWorkspace, line: Extract<CommandLine, { command: 'report' }>, terminal: Terminal): Promise<number> {
  if (line.runId !== undefined) throw new UsageError('option --run is for local runs: in a GitLab CI job report reports the job\'s own pipeline')
  const gitlab = await import('./gitlab-ports.js')
  const logger = workspace.ports.logger
  const job = gitlab.openGitLabJob(workspace, process.env, logger, { defaultBranch: line.common.defaultBranch })
  // Said before anything is read: without the token nothing of the report can be found.
  if (job.adapters.notes === undefined) {
    throw new UserError(
      `model-ci report needs ${gitlab.API_TOKEN_VARIABLE} in a GitLab job: GitLab lets CI_JOB_TOKEN neither read the pipelines API (this pipeline's trainings, the default branch's ledgers) nor write merge-request notes. ` +
        `Set ${gitlab.API_TOKEN_VARIABLE} to a project access token with the api scope, as a masked CI/CD variable`,
      { input: gitlab.API_TOKEN_VARIABLE }
    )
  }
  const result = await reportTo(
    workspace,
    terminal,
    {
      ports: { artifacts: job.adapters.artifacts, runs: job.adapters.runs, history: job.history, threads: job.adapters.notes },
      run: { id: job.run.id, attempt: job.run.attempt, url: job.run.url, workflowName: gitlab.GITLAB_WORKFLOW_NAME },
      context: job.context,
      expectedModels: gitlab.expectedModels(process.env),
      reportFile: resolve(gitlab.GITLAB_REPORT_FILE),
      ciJob: true,
      gateFailureHint: `the report above says by how much (and ${gitlab.GITLAB_REPORT_FILE}); change the training or the metric's tolerance in model.yml or model-ci.yml`
    },
    { writeLedger: true }
  )
  await gitlab.writeMetricsReport(resolve(gitlab.GITLAB_METRICS_FILE), result.document)
  if (result.commentUrl) terminal.out(`The merge request's note: ${result.commentUrl}`)
  if (result.error) terminal.err(`model-ci: ${result.error.message}`)
  return result.status === 'pass' ? 0 : 1
}

/** `model-ci report [--run ID]`: reports a local run again, by default the newest completed one that trained models; it writes no ledger. */
export async function reportCommand(line: Extract<CommandLine, { command: 'report' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  await prepareStateDir(workspace)
  if (isGitLabJob(process.env)) return reportGitLabPipeline(workspace, line, terminal)
  const runs = new FsWorkflowRuns(workspace.root)
  const run =
    line.runId === undefined
      ? (await runs.listCompleted({ limit: RUNS_LOOKED_AT })).find((candidate) => candidate.models.length > 0)
      : await runs.get(line.runId)
  if (!run) throw noSuchRun(line.runId)
  // The run recorded its ledger when it was reported first; a later report only reads. Written
  // again, it would replace that ledger, under a new artifact id, with one rebuilt from the baseline found now.
  const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: false })
  if (result.error) terminal.err(`model-ci: ${result.error.message}`)
  return result.status === 'pass' ? 0 : 1
}
