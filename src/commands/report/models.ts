import { compareModel } from '../../core/compare.js'
import type { ModelHead } from '../../core/compare.js'
import type { ModelConfig } from '../../core/config.js'
import type { Manifest } from '../../core/manifest.js'
import { MAX_METRICS_FILE_BYTES, parseMetrics } from '../../core/metrics.js'
import type { BaselineSource, ReportModel } from '../../core/report/types.js'
import { isUserError } from '../../errors.js'
import type { Logger } from '../../ports/logger.js'
import type { LoadedModel, Repository } from '../../repository/repository.js'
import type { ScopedGit } from '../../repository/scoped-git.js'
import type { BaselineLedger } from './baseline.js'
import type { CollectedModel } from './collect.js'

/** A model's baseline: its metrics and where they came from. */
interface ModelBaseline {
  metrics: Record<string, number> | undefined
  source: BaselineSource
  version?: string
}

export interface ModelsInput {
  repository: Repository
  collected: readonly CollectedModel[]
  expectedModels: readonly string[] | undefined
  baseline: BaselineLedger | undefined
  baseSha: string | undefined
  /** The run whose results these are: failed and missing models link to it. */
  runUrl: string
}

/**
 * One ReportModel per model the report shows: every model with an artifact in the run (read, or
 * `failed` with the reason as its `problem`), every expected model without one (`missing`), and
 * every model of the baseline that is no longer in the repository (`removed`). Each is compared
 * under its own metric rules (model.yml's first, then model-ci.yml's).
 */
export async function buildReportModels(
  ports: { git: ScopedGit | undefined; logger: Logger },
  input: ModelsInput
): Promise<{ models: ReportModel[]; notes: string[] }> {
  const { repository, baseline } = input
  const notes: string[] = []
  const collectedByName = new Map(input.collected.map((item) => [item.model, item]))
  const atHead = new Set(repository.models.map((model) => model.name))
  const names = new Set<string>(collectedByName.keys())
  for (const name of input.expectedModels ?? []) names.add(name)
  const ledgerModels = baseline ? Object.keys(baseline.ledger.models) : []
  const removed = ledgerModels.filter((name) => !atHead.has(name) && !collectedByName.has(name))
  for (const name of removed) names.add(name)

  const shownAtHead = [...names].flatMap((name) => repository.model(name) ?? [])
  const loaded = await repository.load(shownAtHead)
  // Models the ledger does not have take their baseline from the metrics file committed at the base.
  const committedSought = ports.git && input.baseSha !== undefined ? [...names].filter((name) => !inLedger(baseline, name)) : []
  const configs = modelConfigs(repository, loaded, new Set(committedSought), ports.logger)
  const committed = await committedBaselines(ports, configs, input.baseSha, committedSought)

  if (baseline?.match === 'newest') {
    const where = `the newest ledger of the default branch, from run ${baseline.run.id} at ${baseline.run.headSha.slice(0, 7)}`
    notes.push(
      input.baseSha === undefined
        ? `The baseline is ${where}`
        : `No run in the history of the base commit left a ledger, so the baseline is ${where}; its commit may be newer than the base`
    )
  }
  const models: ReportModel[] = []
  for (const name of [...names].sort()) {
    const base = baselineOf(baseline, name) ?? committed.get(name) ?? { metrics: undefined, source: { kind: 'none' } }
    const rules = configs.get(name)?.metrics ?? repository.config.metrics
    const item = collectedByName.get(name)
    if (item && 'manifest' in item) {
      models.push({
        comparison: compareModel(name, base.metrics, item.manifest, rules),
        baseline: base.source,
        baseVersion: base.version,
        head: headOf(item.manifest, item.artifact),
        logUrl: item.manifest.status === 'failed' ? input.runUrl : undefined
      })
      continue
    }
    const head: ModelHead = item ? { status: 'failed', metrics: {} } : atHead.has(name) || !inLedger(baseline, name) ? 'missing' : 'removed'
    models.push({
      comparison: compareModel(name, base.metrics, head, rules),
      baseline: base.source,
      baseVersion: base.version,
      logUrl: head === 'removed' ? undefined : input.runUrl,
      // An artifact that could not be read: its model's section says why.
      ...(item ? { problem: item.error } : {})
    })
  }
  return { models, notes }
}

function inLedger(baseline: BaselineLedger | undefined, name: string): boolean {
  return baseline !== undefined && Object.hasOwn(baseline.ledger.models, name)
}

function baselineOf(baseline: BaselineLedger | undefined, name: string): ModelBaseline | undefined {
  if (!baseline || !inLedger(baseline, name)) return undefined
  const entry = baseline.ledger.models[name]
  const { run, match, commitsBefore } = baseline
  return {
    metrics: entry.metrics,
    version: entry.version,
    source: { kind: 'ledger', runId: run.id, runUrl: run.url, sha: run.headSha, match, ...(commitsBefore === undefined ? {} : { commitsBefore }) }
  }
}

function headOf(manifest: Manifest, artifact: { id: number; name: string }): ReportModel['head'] {
  return {
    version: manifest.version,
    sha: manifest.sha,
    runId: manifest.run_id,
    artifactName: artifact.name,
    artifactId: artifact.id,
    failure: manifest.failure,
    runCache: manifest.cache.run,
    ...(manifest.mlflow && { mlflow: 'skipped' in manifest.mlflow ? { skipped: manifest.mlflow.skipped } : { url: manifest.mlflow.url } })
  }
}

/**
 * Each model's config at head, or undefined when its model.yml does not parse (train failed on it
 * too): warned about once, naming the file and what the report does without it: compare under
 * model-ci.yml's rules and, where the committed metrics file was sought, go without that baseline,
 * since model.yml says where the file is.
 */
function modelConfigs(repository: Repository, loaded: readonly LoadedModel[], committedSought: ReadonlySet<string>, logger: Logger): Map<string, ModelConfig | undefined> {
  const configs = new Map<string, ModelConfig | undefined>()
  for (const { model, config } of loaded) {
    try {
      configs.set(model.name, config())
    } catch (error) {
      if (!isUserError(error)) throw error
      configs.set(model.name, undefined)
      const noCommitted = committedSought.has(model.name) ? ', and without a baseline from its committed metrics file' : ''
      logger.warning(`${error.message}; ${model.name} is compared under the rules of ${repository.configFile}${noCommitted}`, { file: error.file })
    }
  }
  return configs
}

/**
 * Baselines from the metrics files committed at the base for models `names`, read in one git call,
 * parsed as untrusted. A file that is too large or does not parse is no baseline, warned; a model
 * whose config is unknown (see modelConfigs) or whose file is not committed has none.
 */
async function committedBaselines(
  ports: { git: ScopedGit | undefined; logger: Logger },
  configs: ReadonlyMap<string, ModelConfig | undefined>,
  baseSha: string | undefined,
  names: readonly string[]
): Promise<Map<string, ModelBaseline>> {
  const found = new Map<string, ModelBaseline>()
  if (!ports.git || baseSha === undefined) return found
  const files = names.flatMap((name) => {
    const config = configs.get(name)
    return config ? [{ name, path: `${config.path}/${config.metricsFile}` }] : []
  })
  if (files.length === 0) return found
  const base = baseSha.slice(0, 7)
  const objects = await ports.git.readObjects(files.map((file) => `${baseSha}:${file.path}`))
  files.forEach((file, index) => {
    const object = objects[index]
    if (!object || object.type !== 'blob') return
    if (object.content.length > MAX_METRICS_FILE_BYTES) {
      ports.logger.warning(`${file.path} (as committed at ${base}) is ${object.content.length} bytes, more than the ${MAX_METRICS_FILE_BYTES} model-ci reads; ${file.name} has no baseline`)
      return
    }
    try {
      const { metrics } = parseMetrics(object.content.toString('utf8'), file.path)
      found.set(file.name, { metrics, source: { kind: 'committed-file', sha: baseSha, path: file.path } })
    } catch (error) {
      if (!isUserError(error)) throw error
      ports.logger.warning(`${error.message} (as committed at ${base}); ${file.name} has no baseline`)
    }
  })
  return found
}
