import { AUTO_VERSION } from '../../core/auto-promotion.js'
import type { MetricRule, MlflowConfig, RepoConfig } from '../../core/config/types.js'
import { MODEL_NAME_PATTERN } from '../../core/config/types.js'
import type { ManifestFile } from '../../core/manifest.js'
import type { PromotionFacts } from '../../core/promotion-policy.js'
import { environmentBefore, environmentRefusal, firstBrokenRule, listedEnvironment, livePromotion } from '../../core/promotion-policy.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { ArtifactStore } from '../../ports/artifact-store.js'
import type { BranchHistory } from '../../ports/branch-history.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { Deployments, PromotionRecord } from '../../ports/deployments.js'
import type { Logger } from '../../ports/logger.js'
import type { WorkflowRuns } from '../../ports/workflow-runs.js'
import type { TrackingConnector } from '../../ports/tracking-server.js'
import type { RepositoryPorts } from '../../repository/repository.js'
import { Repository } from '../../repository/repository.js'
import type { HistoryEntry } from './history.js'
import { RECORDS_LOOKED_AT, promotionHistory } from './history.js'
import { recordPromotion } from './record.js'
import type { AliasMove, RegistryOutcome } from './registry.js'
import { moveAlias, prepareAliasMove, registryFailure, restoreAlias, withRegistryVersions } from './registry.js'
import { resolveVersion } from './resolve-version.js'
import { renderPromotionSummary } from './summary.js'
import { downloadVerified } from './verify.js'

export interface PromotePorts extends RepositoryPorts {
  artifacts: ArtifactStore
  runs: WorkflowRuns
  deployments: Deployments
  history: BranchHistory
  hashTree: (root: string) => Promise<ManifestFile[]>
  files: FileSystem
  now: () => Date
  /** Opens the MLflow server of model-ci.yml's mlflow block; absent where no client is wired in. */
  tracking?: TrackingConnector
}

export interface PromoteRequest {
  configFile: string
  model: string
  /** A run id, a commit sha, a version label, `latest` or `previous`. */
  version: string
  environment: string
  defaultBranch: string
  /** The run doing the promotion: its page is linked from the record. */
  run: { id: number; url: string }
  /** Who asks for the promotion (GitHub: the run's triggering actor), recorded in the payload. */
  actor?: string
  /** The folder to put the verified model in; it is emptied first. */
  destination: string
  /** An automatic promotion (version `auto`, see auto.ts): the record's payload says `"automatic": true`. */
  automatic?: boolean
  /** The version the artifact's manifest must have (an automatic promotion knows it from the report's verdict). */
  expectedVersion?: string
}

export interface PromoteResult {
  /** The verified output files, for the deploy step. */
  modelDir: string
  version: string
  digest: string
  /** The version live in the environment before this promotion, null when none was. */
  previousVersion: string | null
  deploymentId: number
  /** The MLflow model version the environment's alias now points at; absent when MLflow is off or was skipped. */
  mlflow?: RegistryOutcome
  /** The job summary (Markdown). */
  summary: string
}

/** Entries of the model's history shown in the summary. */
const HISTORY_SHOWN = 10

/**
 * Promotes a trained model to an environment: resolves the version to an artifact, downloads and
 * verifies it, checks the promotion policy of model-ci.yml, and records the promotion as a
 * deployment with a success status. Nothing is recorded unless every check passes.
 *
 * Two promotions at once need no lock: each records its own deployment, and the live version is
 * the newest completed one, so the records stay consistent whichever finishes first.
 */
export async function promote(ports: PromotePorts, request: PromoteRequest): Promise<PromoteResult> {
  const { model } = request
  if (!MODEL_NAME_PATTERN.test(model)) {
    throw new UserError(`${showUntrusted(model, 100)} is not a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit`)
  }
  if (request.version.trim() === AUTO_VERSION) {
    throw new UserError(
      `model-ci promote ${model}: version "${AUTO_VERSION}" is for the run of a push to ${request.defaultBranch} (the workflow's promote-auto job, or model-ci run on ${request.defaultBranch} locally), which promotes every model it trained that passed its gates; to promote one model give a run id, commit, version label, latest or previous`
    )
  }
  const repository = await Repository.read(ports, request.configFile)
  const { environments, promotion, metrics } = repository.config
  const unlisted = environmentRefusal(request.environment, environments)
  if (unlisted) throw new UserError(`model-ci promote ${model}: ${unlisted.message}`, { file: request.configFile })
  const environment = listedEnvironment(request.environment, environments) as string
  const before = environmentBefore(environment, environments)

  const read = before === undefined ? [environment] : [before, environment]
  const creators = promotion.recordCreators
  const records = new Map(await Promise.all(read.map(async (name) => [name, await ports.deployments.list(name, { limit: RECORDS_LOOKED_AT, creators })] as const)))
  const current = livePromotion(records.get(environment) ?? [], model)
  const target: Target = { model, environment, before, environments, promotion, metricRules: await metricRulesOf(repository, model, metrics), records, current, mlflow: repository.config.mlflow }
  try {
    return await verifyAndRecord(ports, request, target)
  } catch (error) {
    // The deploy step gets a model only with a recorded promotion.
    await ports.files.remove(request.destination)
    throw error
  }
}

/** Where the model goes, and what the policy needs to know about it. */
interface Target {
  model: string
  environment: string
  before: string | undefined
  environments: string[]
  promotion: RepoConfig['promotion']
  metricRules: MetricRule[]
  records: ReadonlyMap<string, readonly PromotionRecord[]>
  /** The model's live promotion in `environment` before this promotion (previous-version). */
  current: PromotionRecord | undefined
  mlflow: MlflowConfig | undefined
}

async function verifyAndRecord(ports: PromotePorts, request: PromoteRequest, target: Target): Promise<PromoteResult> {
  const { model, environment, before, environments, promotion, records, current } = target
  const resolved = await resolveVersion(ports, {
    model,
    version: request.version,
    environment,
    defaultBranch: request.defaultBranch,
    records
  })
  const source = request.expectedVersion === undefined ? resolved : { ...resolved, expectedVersion: request.expectedVersion }
  ports.logger.info(`${model} ${request.version}: ${source.foundAs}, artifact ${source.artifact.name} (id ${source.artifact.id}, ${source.artifact.digest})`)
  const { defaultBranch } = request
  // Asked only of a push named like the default branch: any other source is refused or allowed by its event.
  const namedDefaultBranch = source.run.event === 'push' && source.run.headBranch === defaultBranch
  const facts: PromotionFacts = {
    model,
    environment,
    environments,
    allowPullRequestSources: promotion.allowPullRequestSources,
    defaultBranch,
    source: source.run,
    sourceInBranchHistory: namedDefaultBranch && (await ports.history.contains(defaultBranch, source.run.headSha)),
    promotingRunId: request.run.id,
    digest: source.artifact.digest,
    metrics: {},
    metricRules: target.metricRules,
    liveInPreviousEnvironment: before === undefined ? undefined : livePromotion(records.get(before) ?? [], model)?.payload.digest,
    rollback: source.rollback
  }
  // Every rule but the metric bounds is known before the download: a refused model is not fetched.
  refuseIfBroken(facts, source.expectedVersion ?? `of run ${source.run.id}`)
  const { manifest, modelDir } = await downloadVerified(
    ports,
    { runId: source.run.id, artifact: source.artifact, model, expectedVersion: source.expectedVersion },
    request.destination
  )
  ports.logger.info(`Verified ${manifest.files.length} file(s) of ${model} ${manifest.version} against the digest and the manifest`)
  refuseIfBroken({ ...facts, metrics: manifest.metrics }, manifest.version)

  const move = await prepareAliasMove(ports, {
    mlflow: target.mlflow,
    connect: ports.tracking,
    environment,
    manifest,
    digest: source.artifact.digest,
    modelDir
  })
  let registry: RegistryOutcome | undefined
  const deploymentId = await recordPromotion(ports.deployments, ports.logger, {
    environment,
    payload: {
      model,
      version: manifest.version,
      digest: source.artifact.digest,
      // The run whose artifact was promoted, so that `previous` finds it again by run and digest.
      run_id: source.run.id,
      sha: manifest.sha,
      metrics: manifest.metrics,
      ...(request.actor ? { promoted_by: request.actor } : {}),
      ...(request.automatic && { automatic: true })
    },
    description: `${model} ${manifest.version}${source.rollback ? ' (rollback)' : request.automatic ? ' (automatic)' : ''}`,
    logUrl: request.run.url,
    alongside: move && {
      what: `moving the MLflow alias ${move.alias} of ${move.registeredModel} to version ${move.version.version}`,
      apply: async (id) => {
        registry = await movedAlias(ports.logger, move, id, { version: manifest.version, digest: source.artifact.digest })
      },
      undo: () => restoreAlias(move)
    }
  })
  ports.logger.info(`Promoted ${model} ${manifest.version} to ${environment}: deployment ${deploymentId}`)

  const recorded = await readHistory(ports, { model, environment, creators: promotion.recordCreators })
  // Only when the registry answered before: a server that is down has been warned about once.
  const history = recorded && move ? await withRegistryVersions(ports.logger, recorded, { mlflow: target.mlflow, connect: ports.tracking, model }) : recorded
  const previousVersion = current?.payload.version ?? null
  return {
    modelDir,
    version: manifest.version,
    digest: source.artifact.digest,
    previousVersion,
    deploymentId,
    ...(registry && { mlflow: registry }),
    summary: renderPromotionSummary({
      environment,
      manifest,
      digest: source.artifact.digest,
      source: source.run,
      foundAs: source.foundAs,
      previousVersion,
      deploymentId,
      promotedAt: ports.now(),
      rollback: source.rollback,
      automatic: request.automatic === true,
      history,
      mlflow: registry
    })
  }
}

/**
 * Moves the alias; a failure is the promotion's when MLflow is required (record.ts then marks the
 * deployment an error), else a warning and the promotion goes on without it.
 */
async function movedAlias(logger: Logger, move: AliasMove, deploymentId: number, promotion: { version: string; digest: string }): Promise<RegistryOutcome | undefined> {
  try {
    await moveAlias(move, deploymentId, promotion)
  } catch (error) {
    if (move.required) throw error
    logger.warning(`MLflow skipped: the alias ${move.alias} of ${move.registeredModel} could not be moved (${registryFailure(error)}); the promotion is recorded without it`)
    return undefined
  }
  logger.info(`MLflow: ${move.registeredModel}@${move.alias} is version ${move.version.version}${move.previous === undefined ? '' : ` (was ${move.previous})`}`)
  return { registeredModel: move.registeredModel, version: move.version.version, alias: move.alias, previous: move.previous ?? null }
}

function refuseIfBroken(facts: PromotionFacts, version: string): void {
  const refusal = firstBrokenRule(facts)
  if (refusal) throw new UserError(`model-ci promote: ${facts.model} ${version} was not promoted to ${facts.environment}: ${refusal.message}`)
}

/** The model's own metric rules (model.yml) before the repository's; the repository's alone when the model is gone from the checkout. */
async function metricRulesOf(repository: Repository, name: string, repositoryRules: MetricRule[]): Promise<MetricRule[]> {
  const model = repository.model(name)
  if (!model) return repositoryRules
  const [loaded] = await repository.load([model])
  return loaded.config().metrics
}

/** The history after the promotion; a failure to read it does not undo the promotion. */
async function readHistory(ports: PromotePorts, target: { model: string; environment: string; creators: readonly string[] }): Promise<HistoryEntry[] | undefined> {
  const { model, environment } = target
  try {
    return await promotionHistory(ports.deployments, model, [environment], { limit: HISTORY_SHOWN, creators: target.creators })
  } catch (error) {
    ports.logger.warning(`The promotion is recorded, but the history of ${model} in ${environment} could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    return undefined
  }
}
