// `status` (DESIGN.md section 9): one page that answers "what is live where, and is it healthy".
// Reads the promotion records of every environment of model-ci.yml (one listing each), the
// ledgers of the default branch's recent pushes, and the recent monitoring results; renders
// the page (core/status/status-page.ts). It changes nothing.
import { metricPolicyFor } from '../../core/config/metric-policy.js'
import type { MetricRule } from '../../core/config/types.js'
import { trainingsOf } from '../../core/ledger.js'
import { livePromotion } from '../../core/promotion-policy.js'
import type { LiveVersion, MonitoringPoint, StatusFacts, StatusPage } from '../../core/status/status-page.js'
import { renderStatusMarkdown, renderStatusText, statusPage } from '../../core/status/status-page.js'
import { MAX_TREND_POINTS } from '../../core/trend-chart.js'
import { isUserError, messageOf } from '../../errors.js'
import type { ArtifactStore } from '../../ports/artifact-store.js'
import type { BranchHistory } from '../../ports/branch-history.js'
import type { Deployments, PromotionRecord } from '../../ports/deployments.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { WorkflowRuns } from '../../ports/workflow-runs.js'
import { RECORDS_LOOKED_AT } from '../promote/history.js'
import { recentLedgers } from '../../records/ledger-history.js'
import type { MonitorResult } from '../../records/monitor-results.js'
import type { RepositoryPorts } from '../../repository/repository.js'
import { Repository } from '../../repository/repository.js'

export interface StatusPorts extends RepositoryPorts {
  deployments: Deployments
  runs: WorkflowRuns
  artifacts: ArtifactStore
  history: BranchHistory
  files: FileSystem
  now: () => Date
  /** The newest monitoring results, newest first, at most `limit`: from the monitor runs' artifacts on GitHub, `.model-ci/monitor/` locally. */
  monitorResults: (limit: number) => Promise<MonitorResult[]>
}

export interface StatusRequest {
  configFile: string
  defaultBranch: string
  /** Where the whole page's Markdown is written (the action's `status-file`); none in the terminal. */
  statusFile?: string
}

export interface StatusResult {
  page: StatusPage
  /** The whole page, charts and all. */
  markdown: string
  /** For a job summary: the page, without charts when it would be too long for one. */
  summary: string
  /** Aligned columns for the terminal. */
  text: string
}

/** Monitoring results read: the newest of every environment, and enough for a trend of each. */
const MONITOR_RESULTS_READ = 30
/**
 * GitHub takes up to 1 MiB (of UTF-8) of job summary per step; the renderer counts UTF-16 code
 * units, each at most 3 bytes.
 */
const SUMMARY_LIMIT = 340_000

/** Renders the status page; see the module's comment. */
export async function status(ports: StatusPorts, request: StatusRequest): Promise<StatusResult> {
  const repository = await Repository.read(ports, request.configFile)
  const { config } = repository
  const environments = config.environments
  const records = new Map(
    await Promise.all(
      environments.map(async (environment) => [environment, await ports.deployments.list(environment, { limit: RECORDS_LOOKED_AT, creators: config.promotion.recordCreators })] as const)
    )
  )
  const ledgers = await optional(ports, 'the trainings', () => recentLedgers(ports, { branch: request.defaultBranch, count: MAX_TREND_POINTS }), [])
  const monitored = await optional(ports, 'the monitoring results', () => ports.monitorResults(MONITOR_RESULTS_READ), [])

  // Every model of the repository, and any model no longer in it that is still live somewhere.
  const names = repository.models.map((model) => model.name)
  for (const environmentRecords of records.values()) {
    for (const record of environmentRecords) if (!names.includes(record.payload.model) && livePromotion(environmentRecords, record.payload.model)) names.push(record.payload.model)
  }
  const rulesOf = await metricRules(ports, repository, names)
  const facts = names.map((model): StatusFacts => {
    const rules = rulesOf.get(model) ?? config.metrics
    return {
      model,
      isGated: (metric) => metricPolicyFor(metric, rules).gate === true,
      live: new Map(environments.flatMap((environment) => {
        const live = livePromotion(records.get(environment) ?? [], model)
        return live ? [[environment, liveVersion(live)] as const] : []
      })),
      monitoring: new Map(environments.map((environment) => [environment, monitoringOf(monitored, model, environment)] as const)),
      trainings: trainingsOf(ledgers, model).map((entry) => ({ sha: entry.sha, metrics: entry.metrics }))
    }
  })
  const page = statusPage({ generatedAt: ports.now().toISOString(), defaultBranch: request.defaultBranch, environments, facts })
  const markdown = renderStatusMarkdown(page)
  if (request.statusFile !== undefined) await ports.files.writeText(request.statusFile, markdown)
  return {
    page,
    markdown,
    summary: markdown.length <= SUMMARY_LIMIT ? markdown : renderStatusMarkdown(page, { charts: false }).slice(0, SUMMARY_LIMIT),
    text: renderStatusText(page)
  }
}

function liveVersion(record: PromotionRecord): LiveVersion {
  const { payload } = record
  return {
    version: payload.version,
    digest: payload.digest,
    since: record.createdAt,
    by: payload.promoted_by ?? record.creator,
    automatic: payload.automatic === true,
    metrics: payload.metrics,
    logUrl: record.logUrl
  }
}

/** The model's monitoring results in `environment`, oldest first. `results` are newest first. */
function monitoringOf(results: readonly MonitorResult[], model: string, environment: string): MonitoringPoint[] {
  return results
    .filter((result) => result.environment === environment && result.models[model] !== undefined)
    .map((result) => {
      const entry = result.models[model]
      return {
        runId: result.run_id,
        createdAt: result.created_at,
        version: entry.version,
        verdict: entry.verdict,
        metrics: entry.metrics,
        regressed: entry.regressed,
        gateFailed: entry.gate_failed,
        failure: entry.failure
      }
    })
    .reverse()
}

/** Each model's metric rules (its model.yml's, else model-ci.yml's); a model.yml that does not parse is warned about and goes by model-ci.yml's. */
async function metricRules(ports: StatusPorts, repository: Repository, names: readonly string[]): Promise<Map<string, MetricRule[]>> {
  const rules = new Map<string, MetricRule[]>()
  const loaded = await repository.load(names.flatMap((name) => repository.model(name) ?? []))
  for (const { model, config } of loaded) {
    try {
      rules.set(model.name, config().metrics)
    } catch (error) {
      if (!isUserError(error)) throw error
      ports.logger.warning(`${error.message}; its headline metrics are chosen by the rules of ${repository.configFile}`, { file: error.file })
    }
  }
  return rules
}

/** What the page can go without: a failure to read it is a warning and an empty part, never a missing page. */
async function optional<T>(ports: StatusPorts, what: string, read: () => Promise<T>, none: T): Promise<T> {
  try {
    return await read()
  } catch (error) {
    ports.logger.warning(`The status page goes without ${what}: they could not be read (${messageOf(error)})`)
    return none
  }
}
