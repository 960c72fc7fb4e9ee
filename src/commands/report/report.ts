import { trainingsOf, type Ledger } from '../../core/ledger.js'
import type { ReportDocument, ReportModel } from '../../core/report/types.js'
import { MAX_TREND_POINTS } from '../../core/trend-chart.js'
import { renderMarkdown } from '../../core/report/render-markdown.js'
import { isFailing, totals } from '../../core/report/summary.js'
import { UserError, messageOf } from '../../errors.js'
import type { ArtifactStore } from '../../ports/artifact-store.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { Logger } from '../../ports/logger.js'
import type { PullRequestThreads } from '../../ports/comment-thread.js'
import type { RunContext } from '../../ports/event.js'
import type { BranchHistory } from '../../ports/branch-history.js'
import type { WorkflowJobs, WorkflowRuns } from '../../ports/workflow-runs.js'
import type { LedgerPorts } from '../../records/ledger-history.js'
import { recentLedgers } from '../../records/ledger-history.js'
import type { RepositoryPorts } from '../../repository/repository.js'
import { Repository } from '../../repository/repository.js'
import type { BaselineLedger } from './baseline.js'
import { findBaselineLedger } from './baseline.js'
import type { CollectedModel } from './collect.js'
import { collectManifests } from './collect.js'
import { gateError } from './gates.js'
import { linkJobLogs } from './job-links.js'
import { writeLedger } from './ledger-writer.js'
import { buildReportModels } from './models.js'
import { postReportComment } from './publish.js'
import { commentHeader } from './sticky-comment.js'
import type { BaseCommit, ReportSource } from './source.js'
import { resolveBaseCommit, resolveSource } from './source.js'

export interface ReportPorts extends RepositoryPorts {
  artifacts: ArtifactStore
  runs: WorkflowRuns
  /** The runs' jobs, for failed models' links to their own job; without it they link to the run (the CLI). */
  jobs?: WorkflowJobs
  /** Whether a run's commit is in the default branch's history: only such a push holds its ledger. */
  history: BranchHistory
  /** Pull requests and their comments; without it there is no comment (the CLI). */
  threads?: PullRequestThreads
  files: FileSystem
  now: () => Date
}

export interface ReportRequest {
  configFile: string
  /** detect's `models` list; undefined when the input is empty (then: whatever manifests exist) */
  expectedModels?: string[]
  context: RunContext
  /** This run; its workflow is looked up, and a run that cannot be found fails the report. */
  run: { id: number; attempt: number; url: string; workflowName: string; artifactsUrl?: string }
  /** fork mode: the run whose manifests to read (the `run-id` input); its PR is found by head sha */
  sourceRunId?: number
  tempDir: string
  failOnRegression: boolean
  /** What a gate failure's error tells the reader to do, in the words of the platform (an input there, an option here). */
  gateFailureHint: string
  /**
   * Whether a push to the default branch writes the next ledger (the default). false reports
   * without writing anything: the CLI's report of an earlier run, whose ledger is already recorded.
   */
  writeLedger?: boolean
  /**
   * A CI job's own report (the action): the whole report, nothing cut, is written to this file
   * and the result carries the job summary. The CLI asks for neither, so renders neither.
   */
  reportFile?: string
}

export interface ReportResult {
  status: 'pass' | 'fail'
  regressions: number
  /** The comment's Markdown (at most COMMENT_LIMIT characters). */
  markdown: string
  document: ReportDocument
  commentUrl?: string
  /** Written on pushes to the default branch (unless the request's writeLedger is false). */
  ledger?: { artifactId: number; digest: string }
  /** One-line error to fail the step with after the outputs (a gate failed and fail-on-regression is on). */
  error?: UserError
  /** With the request's reportFile: the job summary's Markdown (at most SUMMARY_LIMIT characters). */
  summary?: string
}

/**
 * GitHub takes up to 1 MiB (of UTF-8) of job summary per step, and the renderer counts UTF-16
 * code units, each at most 3 bytes: this many always fit, with room for what other steps append.
 */
const SUMMARY_LIMIT = 340_000

/**
 * `report`: collects the run's manifests, finds each model's baseline, compares, renders, posts
 * the one sticky comment on the pull request, and on a push to the default branch writes the
 * next ledger. See DESIGN.md section 5 and issue 4.
 */
export function report(ports: ReportPorts, request: ReportRequest & { reportFile: string }): Promise<ReportResult & { summary: string }>
export function report(ports: ReportPorts, request: ReportRequest): Promise<ReportResult>
export async function report(ports: ReportPorts, request: ReportRequest): Promise<ReportResult> {
  const { repository, source, collected, base, baseline, built } = await judgeRun(ports, request)
  const notes = [...(base.note ? [base.note] : []), ...built.notes]
  const document: ReportDocument = {
    workflow: request.run.workflowName,
    run: { id: source.run.id, url: source.run.url, sha: source.run.sha, artifactsUrl: artifactsUrlOf(request, source.run) },
    baseSha: base.sha,
    models: await withTrainings(ports, await linkJobLogs(ports.jobs, source.run.id, built.models), {
      branch: request.context.defaultBranch,
      workflowId: source.workflowId,
      excludeRunId: source.run.id
    }),
    headLabel: source.pullRequest ? 'PR' : undefined,
    notes
  }
  const markdown = renderMarkdown(document, { marker: commentHeader(source.workflowId, source.run.id) })

  const ledger = source.writesLedger
    ? await writeLedger(ports, {
        previous: baseline?.ledger,
        run: { branch: request.context.defaultBranch, sha: source.run.sha, runId: request.run.id },
        collected,
        modelsAtHead: new Set(repository.models.map((model) => model.name)),
        tempDir: request.tempDir
      })
    : undefined

  const commentUrl =
    source.pullRequest && ports.threads
      ? await postReportComment(ports.threads, ports.logger, {
          number: source.pullRequest.number,
          workflowId: source.workflowId,
          runId: source.run.id,
          body: markdown,
          forkMode: source.artifactsRunId !== undefined
        })
      : undefined

  const counted = totals(built.models)
  return {
    status: isFailing(counted) ? 'fail' : 'pass',
    regressions: counted.regressions,
    markdown,
    document,
    commentUrl,
    ledger,
    error: request.failOnRegression ? gateError(built.models, request.gateFailureHint) : undefined,
    summary: request.reportFile === undefined ? undefined : await writeReportFile(ports.files, request.reportFile, document)
  }
}

/** What `judgeRun` found: the run's manifests, the baseline, and every model's comparison. */
export interface RunJudgement {
  repository: Repository
  source: ReportSource
  collected: CollectedModel[]
  base: BaseCommit
  baseline: BaselineLedger | undefined
  built: { models: ReportModel[]; notes: string[] }
}

/**
 * The report's judgement of a run without publishing anything: reads its manifests, finds the
 * baseline (never the run's own ledger), and compares every model under its metric rules. `report`
 * renders it; `promote` with version `auto` promotes the models it passes, so both go by the
 * same verdicts.
 */
export async function judgeRun(
  ports: Omit<ReportPorts, 'files' | 'now'>,
  request: Pick<ReportRequest, 'configFile' | 'expectedModels' | 'context' | 'run' | 'sourceRunId'>
): Promise<RunJudgement> {
  const run = { ...request.run, workflowId: await workflowOfThisRun(ports, request) }
  const repository = await Repository.read(ports, request.configFile)
  const source = await resolveSource(ports, { ...request, run })
  const collected = await ports.logger.group('Read the manifests', () =>
    collectManifests(ports, { runId: source.artifactsRunId })
  )
  const base = await resolveBaseCommit(ports, source, request.context)
  const baseline = await ports.logger.group('Find the baseline', () =>
    findBaselineLedger(ports, {
      baseSha: base.sha,
      branch: request.context.defaultBranch,
      workflowId: source.workflowId,
      excludeRunId: source.run.id
    })
  )
  const built = await buildReportModels(ports, {
    repository,
    collected,
    expectedModels: request.expectedModels,
    baseline,
    baseSha: base.sha,
    runUrl: source.run.url
  })
  return { repository, source, collected, base, baseline, built }
}

/** The workflow of this run, whose push runs hold the ledgers and whose comment this is. */
async function workflowOfThisRun(ports: { runs: WorkflowRuns }, request: Pick<ReportRequest, 'run' | 'context'>): Promise<number> {
  const thisRun = await ports.runs.get(request.run.id)
  // Only a runner's run can be missing (the CLI records its run before reporting it): GitHub hides runs from a token without actions: read.
  if (!thisRun) {
    const { owner, repo } = request.context.repository
    throw new UserError(`run ${request.run.id} (GITHUB_RUN_ID) was not found in ${owner}/${repo}; the token needs \`actions: read\``)
  }
  return thisRun.workflowId
}

/** Writes the whole report to `file`; returns the job summary, which has room for much of what the comment had to cut. */
async function writeReportFile(files: FileSystem, file: string, document: ReportDocument): Promise<string> {
  const whole = renderMarkdown(document, { maxLength: Number.MAX_SAFE_INTEGER })
  await files.writeText(file, whole)
  // Rendered again, cut, only when the whole report is too long for a summary.
  return whole.length <= SUMMARY_LIMIT ? whole : renderMarkdown(document, { maxLength: SUMMARY_LIMIT })
}

/**
 * The models, each with its recent trainings on the default branch for its trend charts. The
 * charts are an extra: ledgers that cannot be read leave them out with a warning, never the report.
 */
async function withTrainings(ports: LedgerPorts, models: ReportModel[], search: { branch: string; workflowId: number; excludeRunId: number }): Promise<ReportModel[]> {
  let ledgers: Ledger[]
  try {
    // The baseline search has warned about the ledgers it could not use; the charts add no second warning, only debug lines.
    const { logger } = ports
    const quietLogger: Logger = {
      info: (message) => logger.info(message),
      debug: (message) => logger.debug(message),
      warning: (message) => logger.debug(message),
      group: (title, work) => logger.group(title, work)
    }
    const quiet = { ...ports, logger: quietLogger }
    ledgers = await ports.logger.group('Read the recent ledgers', () => recentLedgers(quiet, { ...search, count: MAX_TREND_POINTS - 1 }))
  } catch (error) {
    ports.logger.warning(`The trend charts were left out: the recent ledgers could not be read (${messageOf(error)})`)
    return models
  }
  return models.map((model) => ({
    ...model,
    trainings: trainingsOf(ledgers, model.comparison.model).map((entry) => ({ sha: entry.sha, metrics: entry.metrics }))
  }))
}

function artifactsUrlOf(request: ReportRequest, run: { id: number; url: string }): string {
  if (run.id === request.run.id && request.run.artifactsUrl) return request.run.artifactsUrl
  return `${run.url}#artifacts`
}
