// The MLflow side of a promotion (DESIGN.md section 9): the promoted training becomes a version of
// its registered model, and the environment's alias moves to it. The deployment record stays the
// audit trail; promote.ts orders the two so that neither is left without the other (see record.ts).
import { join } from 'node:path/posix'
import type { MlflowConfig } from '../../core/config/types.js'
import type { Manifest } from '../../core/manifest.js'
import { UPLOADED_MODEL_PATH, environmentAlias, mlflowName, promotionTags, versionHolding } from '../../core/mlflow.js'
import { UserError } from '../../errors.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { Logger } from '../../ports/logger.js'
import type { RegisteredVersion, TrackingServer } from '../../ports/tracking-server.js'
import { NO_TRACKING_SERVER, TrackingServerError } from '../../ports/tracking-server.js'
import type { TrackingConnector } from '../../ports/tracking-server.js'
import type { HistoryEntry } from './history.js'

/** Where the environment's MLflow alias points after the promotion. */
export interface RegistryOutcome {
  registeredModel: string
  version: string
  alias: string
  /** The version the alias pointed at before, null when it was not set. */
  previous: string | null
}

/** A registered version ready for the alias, and where the alias pointed before. */
export interface AliasMove {
  server: TrackingServer
  registeredModel: string
  alias: string
  version: RegisteredVersion
  /** The version the alias pointed at before, undefined when it was not set. */
  previous: string | undefined
  required: boolean
}

export interface RegistryRequest {
  mlflow: MlflowConfig | undefined
  connect: TrackingConnector | undefined
  environment: string
  manifest: Manifest
  digest: string
  /** The verified files, uploaded to the run when the training logged no model. */
  modelDir: string
}

/**
 * Registers the promoted training as a version (or finds the version an earlier promotion
 * registered) before anything is recorded; moving the alias is left to `moveAlias`, once the
 * deployment exists. Undefined when MLflow is off, or skipped with a warning when not required;
 * with `required: true` any failure refuses the promotion before it is recorded.
 */
export async function prepareAliasMove(ports: { files: FileSystem; logger: Logger }, request: RegistryRequest): Promise<AliasMove | undefined> {
  const { mlflow, manifest } = request
  if (!mlflow) return undefined
  const what = `${manifest.model} ${manifest.version}`
  const unusable = (reason: string): undefined => {
    if (mlflow.required) {
      throw new UserError(`model-ci promote: ${what} was not promoted to ${request.environment}: ${reason}; model-ci.yml's mlflow block says required: true, so nothing was recorded`)
    }
    ports.logger.warning(`model-ci promote ${what}: MLflow skipped: ${reason}; the promotion is recorded without moving the ${environmentAlias(request.environment)} alias`)
    return undefined
  }
  if (!request.connect) return unusable('this platform has no MLflow client')
  if (!manifest.mlflow || 'skipped' in manifest.mlflow) {
    return unusable(`its training has no MLflow run${manifest.mlflow ? ` (MLflow was skipped: ${manifest.mlflow.skipped})` : ''}; promote a training that ran with MLflow on`)
  }
  const run = manifest.mlflow
  const registeredModel = mlflowName(mlflow.registeredModel, manifest.model)
  const alias = environmentAlias(request.environment)
  try {
    const server = request.connect(mlflow.trackingUri)
    await server.ensureRegisteredModel(registeredModel)
    const registered = versionHolding(await server.modelVersions(registeredModel), { version: manifest.version, digest: request.digest })
    const version = registered ?? (await registerVersion(ports, server, { registeredModel, run, manifest, digest: request.digest, modelDir: request.modelDir }))
    if (registered) ports.logger.info(`MLflow: ${registeredModel} version ${registered.version} holds ${what} already`)
    return { server, registeredModel, alias, version, previous: await server.alias(registeredModel, alias), required: mlflow.required }
  } catch (error) {
    return unusable(`the MLflow registry could not be used: ${registryFailure(error)}`)
  }
}

/** A new version from the model the run logged, else from the verified files, uploaded to the run. */
async function registerVersion(
  ports: { files: FileSystem; logger: Logger },
  server: TrackingServer,
  request: { registeredModel: string; run: { run_id: string; experiment_id: string }; manifest: Manifest; digest: string; modelDir: string }
): Promise<RegisteredVersion> {
  const { run, manifest } = request
  const tags = { 'model_ci.version': manifest.version, 'model_ci.digest': request.digest }
  const [logged] = await server.loggedModels(run.experiment_id, run.run_id)
  if (logged) {
    const version = await server.createModelVersion({ name: request.registeredModel, source: logged.uri, runId: run.run_id, modelId: logged.modelId, tags })
    ports.logger.info(`MLflow: registered ${request.registeredModel} version ${version.version} from the model the run logged (${logged.uri})`)
    return version
  }
  const tracked = await server.getRun(run.run_id)
  for (const file of manifest.files) {
    const path = join(request.modelDir, file.path)
    await server.uploadArtifact(tracked, `${UPLOADED_MODEL_PATH}/${file.path}`, ports.files.readStream(path), file.size)
  }
  const source = `runs:/${run.run_id}/${UPLOADED_MODEL_PATH}`
  const version = await server.createModelVersion({ name: request.registeredModel, source, runId: run.run_id, tags })
  ports.logger.info(`MLflow: the run logged no model; registered ${request.registeredModel} version ${version.version} from the ${manifest.files.length} verified file(s) uploaded to ${source}`)
  return version
}

/** Tags the version with the deployment and points the alias at it (record.ts calls it before the success status). */
export async function moveAlias(move: AliasMove, deploymentId: number, promotion: { version: string; digest: string }): Promise<void> {
  const tags = promotionTags({ ...promotion, deploymentId })
  await move.server.setModelVersionTag(move.registeredModel, move.version.version, 'model_ci.deployment_id', tags['model_ci.deployment_id'])
  await move.server.setAlias(move.registeredModel, move.alias, move.version.version)
}

/** Points the alias back where it was, when the promotion could not be recorded after all. */
export async function restoreAlias(move: AliasMove): Promise<void> {
  if (move.previous === undefined) await move.server.deleteAlias(move.registeredModel, move.alias)
  else await move.server.setAlias(move.registeredModel, move.alias, move.previous)
}

export function registryFailure(error: unknown): string {
  if (error instanceof TrackingServerError) return error.message
  throw error
}

/**
 * The history with each promotion's MLflow version (the registered version holding the same
 * training); the history as it is, with a warning, when the registry cannot be read.
 */
export async function withRegistryVersions(
  logger: Logger,
  entries: HistoryEntry[],
  request: { mlflow: MlflowConfig | undefined; connect: TrackingConnector | undefined; model: string }
): Promise<HistoryEntry[]> {
  if (!request.mlflow || !request.connect || entries.length === 0) return entries
  const registeredModel = mlflowName(request.mlflow.registeredModel, request.model)
  try {
    const versions = await request.connect(request.mlflow.trackingUri).modelVersions(registeredModel)
    return entries.map((entry) => {
      const held = versionHolding(versions, entry)
      return held ? { ...entry, mlflowVersion: held.version } : entry
    })
  } catch (error) {
    // No server to ask: the history is model-ci's records, as without an mlflow block.
    if (error instanceof TrackingServerError && error.code === NO_TRACKING_SERVER) return entries
    logger.warning(`The MLflow versions of ${registeredModel} could not be read (${registryFailure(error)}); the history shows model-ci's records alone`)
    return entries
  }
}
