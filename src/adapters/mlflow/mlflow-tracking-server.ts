import { setTimeout as delay } from 'node:timers/promises'
import * as z from 'zod/mini'
import type { LoggedModel, RegisteredVersion, TrackedRun, TrackingServer } from '../../ports/tracking-server.js'
import { TrackingServerError } from '../../ports/tracking-server.js'
import type { MlflowHttp } from './mlflow-http.js'

// The TrackingServer port over MLflow's REST API 2.0 (checked against `mlflow server` 3.17).

const API = 'api/2.0/mlflow'
const ARTIFACTS_API = 'api/2.0/mlflow-artifacts/artifacts'

/** MLflow's limits for one runs/log-batch call. */
export const LOG_BATCH_LIMITS = { metrics: 1000, tags: 100, total: 1000 } as const
/** Content up to this size is held in memory so that its upload can be retried. */
const BUFFERED_UPLOAD_BYTES = 16 * 1024 * 1024
const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const

export interface MlflowTrackingServerOptions {
  /** Between two model-versions/get while a version is PENDING_REGISTRATION. */
  pollMs?: number
  /** How long a version may stay PENDING_REGISTRATION. */
  readyTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

// --- the answers, as far as they are read ---

const tagSchema = z.object({ key: z.string(), value: z.optional(z.string()) })
const tags = z.optional(z.array(tagSchema))
/** Proto3 JSON writes NaN and the infinities as strings. */
const metricValue = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])])
const metricSchema = z.object({ key: z.string(), value: metricValue, timestamp: z.optional(z.union([z.number(), z.string()])), step: z.optional(z.union([z.number(), z.string()])) })
const runSchema = z.object({
  info: z.object({ run_id: z.string(), experiment_id: z.string(), status: z.enum(RUN_STATUSES), artifact_uri: z.optional(z.string()) }),
  data: z.optional(z.object({ metrics: z.optional(z.array(metricSchema)), tags }))
})
const runAnswer = z.object({ run: runSchema })
const experimentAnswer = z.object({ experiment: z.object({ experiment_id: z.string(), lifecycle_stage: z.optional(z.string()) }) })
const createdExperiment = z.object({ experiment_id: z.string() })
const loggedModelsAnswer = z.object({
  models: z.optional(
    z.array(
      z.object({
        info: z.object({ model_id: z.string(), name: z.optional(z.string()), status: z.optional(z.string()), source_run_id: z.optional(z.string()) })
      })
    )
  ),
  next_page_token: z.optional(z.string())
})
const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  run_id: z.optional(z.string()),
  source: z.optional(z.string()),
  status: z.optional(z.string()),
  status_message: z.optional(z.string()),
  tags,
  aliases: z.optional(z.array(z.string()))
})
const modelVersionAnswer = z.object({ model_version: modelVersionSchema })
const modelVersionsAnswer = z.object({ model_versions: z.optional(z.array(modelVersionSchema)), next_page_token: z.optional(z.string()) })
const registeredModelAnswer = z.object({
  registered_model: z.object({ aliases: z.optional(z.array(z.object({ alias: z.string(), version: z.string() }))) })
})
const anything = z.unknown()

type ModelVersionJson = z.output<typeof modelVersionSchema>

export class MlflowTrackingServer implements TrackingServer {
  private readonly pollMs: number
  private readonly readyTimeoutMs: number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(
    private readonly http: MlflowHttp,
    options: MlflowTrackingServerOptions = {}
  ) {
    this.pollMs = options.pollMs ?? 1000
    this.readyTimeoutMs = options.readyTimeoutMs ?? 300_000
    this.sleep = options.sleep ?? ((ms) => delay(ms))
  }

  get uri(): string {
    return this.http.uri
  }

  async experimentId(name: string): Promise<string> {
    const existing = await this.experimentByName(name)
    if (existing !== undefined) return existing
    try {
      const created = await this.post('experiments/create', { name }, createdExperiment)
      return created.experiment_id
    } catch (error) {
      // Another job created it between our two calls.
      if (!isCode(error, 'RESOURCE_ALREADY_EXISTS')) throw error
      const raced = await this.experimentByName(name)
      if (raced === undefined) throw error
      return raced
    }
  }

  private async experimentByName(name: string): Promise<string | undefined> {
    let answer: z.output<typeof experimentAnswer>
    try {
      answer = await this.get('experiments/get-by-name', { experiment_name: name }, experimentAnswer)
    } catch (error) {
      if (isCode(error, 'RESOURCE_DOES_NOT_EXIST')) return undefined
      throw error
    }
    if (answer.experiment.lifecycle_stage === 'deleted') {
      throw this.http.error(
        `MLflow at ${this.uri}: the experiment "${name}" (id ${answer.experiment.experiment_id}) is deleted: restore it (mlflow experiments restore) or delete it for good (mlflow gc)`,
        'INVALID_STATE'
      )
    }
    return answer.experiment.experiment_id
  }

  async createRun(request: { experimentId: string; runName: string; startTime: Date; tags: Record<string, string> }): Promise<TrackedRun> {
    const answer = await this.post(
      'runs/create',
      { experiment_id: request.experimentId, run_name: request.runName, start_time: request.startTime.getTime(), tags: keyValues(request.tags) },
      runAnswer
    )
    return trackedRun(answer.run)
  }

  async getRun(runId: string): Promise<TrackedRun> {
    const answer = await this.get('runs/get', { run_id: runId }, runAnswer)
    return trackedRun(answer.run)
  }

  async logBatch(runId: string, batch: { metrics?: Record<string, number>; tags?: Record<string, string>; timestamp: Date }): Promise<void> {
    const timestamp = batch.timestamp.getTime()
    const metrics = Object.entries(batch.metrics ?? {}).map(([key, value]) => ({ key, value: metricJson(value), timestamp, step: 0 }))
    const tagList = keyValues(batch.tags ?? {})
    for (const call of splitBatch(metrics, tagList)) {
      await this.post('runs/log-batch', { run_id: runId, ...call }, anything)
    }
  }

  async endRun(runId: string, status: 'FINISHED' | 'FAILED', endTime: Date): Promise<void> {
    await this.post('runs/update', { run_id: runId, status, end_time: endTime.getTime() }, anything)
  }

  clientEnv(run: TrackedRun): Record<string, string> {
    return { MLFLOW_TRACKING_URI: this.uri, MLFLOW_RUN_ID: run.runId, MLFLOW_EXPERIMENT_ID: run.experimentId }
  }

  runUrl(experimentId: string, runId: string): string {
    return `${this.uri}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`
  }

  /** The run's MLflow 3 logged models that finished uploading (LOGGED_MODEL_READY), newest first. */
  async loggedModels(experimentId: string, runId: string): Promise<LoggedModel[]> {
    const models: LoggedModel[] = []
    let pageToken: string | undefined
    do {
      const answer = await this.post(
        'logged-models/search',
        {
          experiment_ids: [experimentId],
          filter: `source_run_id = ${filterString(runId)}`,
          order_by: [{ field_name: 'creation_timestamp', ascending: false }],
          max_results: 100,
          ...(pageToken === undefined ? {} : { page_token: pageToken })
        },
        loggedModelsAnswer
      )
      for (const { info } of answer.models ?? []) {
        if (info.source_run_id !== undefined && info.source_run_id !== runId) continue
        if (info.status !== undefined && info.status !== 'LOGGED_MODEL_READY') continue
        models.push({ modelId: info.model_id, name: info.name ?? '', uri: `models:/${info.model_id}` })
      }
      pageToken = answer.next_page_token || undefined
    } while (pageToken !== undefined)
    return models
  }

  async uploadArtifact(run: TrackedRun, artifactPath: string, content: AsyncIterable<Uint8Array> | Uint8Array, size: number): Promise<void> {
    const root = this.proxiedArtifactRoot(run)
    const segments = artifactPath.split('/')
    // MLflow's artifact proxy refuses "#" and backslashes anywhere, and ".." parts.
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\#]/.test(segment))) {
      throw this.http.error(`artifact path "${artifactPath}" must be relative, "/"-separated, without empty, "." or ".." parts, "\\" or "#"`, 'INVALID_PARAMETER_VALUE')
    }
    const path = `${ARTIFACTS_API}/${[...root, ...segments].map(encodeURIComponent).join('/')}`
    let body: Uint8Array | ReadableStream<Uint8Array>
    if (content instanceof Uint8Array) {
      body = content
    } else if (size <= BUFFERED_UPLOAD_BYTES) {
      body = await collect(content)
    } else {
      body = ReadableStream.from(content)
    }
    if (body instanceof Uint8Array && body.byteLength !== size) {
      throw this.http.error(`artifact "${artifactPath}" holds ${body.byteLength} bytes, not the ${size} expected`, 'INVALID_PARAMETER_VALUE')
    }
    // At least 1 MB/s, never less than a minute.
    await this.http.request({ method: 'PUT', path, body, schema: anything, timeoutMs: Math.max(60_000, 60_000 + size / 1000) })
  }

  /** The segments of the run's artifact root below mlflow-artifacts:/ (`1/<run>/artifacts`). */
  private proxiedArtifactRoot(run: TrackedRun): string[] {
    const match = /^mlflow-artifacts:(?:\/\/([^/]*))?(\/.*)?$/.exec(run.artifactUri)
    if (match === null || (match[1] ?? '') !== '') {
      throw this.http.error(
        `MLflow at ${this.uri}: the run ${run.runId} keeps its artifacts at ${run.artifactUri.split(':')[0]}:..., not behind the tracking server: the server must serve artifacts (mlflow server --serve-artifacts, with experiments whose artifact location is mlflow-artifacts:/)`,
        'ARTIFACTS_NOT_PROXIED'
      )
    }
    return (match[2] ?? '')
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment))
  }

  async ensureRegisteredModel(name: string): Promise<void> {
    try {
      await this.post('registered-models/create', { name }, anything)
    } catch (error) {
      if (!isCode(error, 'RESOURCE_ALREADY_EXISTS')) throw error
    }
  }

  async modelVersions(name: string): Promise<RegisteredVersion[]> {
    const found: ModelVersionJson[] = []
    let pageToken: string | undefined
    do {
      const answer = await this.get(
        'model-versions/search',
        { filter: `name = ${filterString(name)}`, max_results: 1000, order_by: ['version_number DESC'], page_token: pageToken },
        modelVersionsAnswer
      )
      found.push(...(answer.model_versions ?? []).filter((version) => version.name === name))
      pageToken = answer.next_page_token || undefined
    } while (pageToken !== undefined)
    if (found.length === 0) return []
    // model-versions/search leaves the aliases out; the registered model lists them.
    const aliases = new Map<string, string[]>()
    const model = await this.get('registered-models/get', { name }, registeredModelAnswer)
    for (const { alias, version } of model.registered_model.aliases ?? []) aliases.set(version, [...(aliases.get(version) ?? []), alias])
    return found
      .map((version) => registeredVersion({ ...version, aliases: aliases.get(version.version) ?? version.aliases }))
      .sort((a, b) => Number(b.version) - Number(a.version))
  }

  /**
   * Creates the version (`model_id` is taken from a `models:/<model_id>` source when not given:
   * the server requires it for such sources) and waits while it is PENDING_REGISTRATION.
   */
  async createModelVersion(request: { name: string; source: string; runId: string; modelId?: string; tags: Record<string, string> }): Promise<RegisteredVersion> {
    const modelId = request.modelId ?? /^models:\/(m-[^/]+)$/.exec(request.source)?.[1]
    const created = await this.post(
      'model-versions/create',
      { name: request.name, source: request.source, run_id: request.runId, tags: keyValues(request.tags), ...(modelId === undefined ? {} : { model_id: modelId }) },
      modelVersionAnswer
    )
    let version = created.model_version
    const deadline = Date.now() + this.readyTimeoutMs
    while (version.status === 'PENDING_REGISTRATION') {
      if (Date.now() >= deadline) {
        throw this.http.error(`MLflow at ${this.uri}: version ${version.version} of "${request.name}" is still PENDING_REGISTRATION after ${Math.round(this.readyTimeoutMs / 1000)} s`, 'PENDING_REGISTRATION')
      }
      await this.sleep(this.pollMs)
      version = (await this.get('model-versions/get', { name: request.name, version: version.version }, modelVersionAnswer)).model_version
    }
    if (version.status !== undefined && version.status !== 'READY') {
      const why = version.status_message ? `: ${version.status_message.replace(/\s+/g, ' ').slice(0, 300)}` : ''
      throw this.http.error(`MLflow at ${this.uri}: version ${version.version} of "${request.name}" is ${version.status}${why}`, version.status)
    }
    return registeredVersion(version)
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.post('model-versions/set-tag', { name, version, key, value }, anything)
  }

  async alias(name: string, alias: string): Promise<string | undefined> {
    try {
      const answer = await this.get('registered-models/alias', { name, alias }, modelVersionAnswer)
      return answer.model_version.version
    } catch (error) {
      if (!(error instanceof TrackingServerError)) throw error
      // No registered model: RESOURCE_DOES_NOT_EXIST. No such alias: MLflow 3 answers
      // INVALID_PARAMETER_VALUE "Registered model alias <alias> not found." (older ones, 404).
      if (error.code === 'RESOURCE_DOES_NOT_EXIST' || error.code === '404') return undefined
      if (error.code === 'INVALID_PARAMETER_VALUE' && /alias .* not found/i.test(error.message)) return undefined
      throw error
    }
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.post('registered-models/alias', { name, alias, version }, anything)
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    // The server reads DELETE's parameters from a JSON body, not from the query.
    await this.http.request({ method: 'DELETE', path: `${API}/registered-models/alias`, json: { name, alias }, schema: anything })
  }

  private get<Schema extends z.core.$ZodType>(endpoint: string, query: Record<string, string | number | readonly string[] | undefined>, schema: Schema) {
    return this.http.request({ method: 'GET', path: `${API}/${endpoint}`, query, schema })
  }

  private post<Schema extends z.core.$ZodType>(endpoint: string, json: unknown, schema: Schema) {
    return this.http.request({ method: 'POST', path: `${API}/${endpoint}`, json, schema })
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof TrackingServerError && error.code === code
}

function keyValues(record: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }))
}

function record(list: z.output<typeof tags>): Record<string, string> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, value ?? '']))
}

function metricJson(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  return value
}

function metricNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value)
}

function trackedRun(run: z.output<typeof runSchema>): TrackedRun {
  // runs/get answers the latest value of each key; should a key come twice, the one of the
  // highest step, then the newest timestamp, wins (MLflow's own rule).
  const latest = new Map<string, { value: number; step: number; timestamp: number }>()
  for (const metric of run.data?.metrics ?? []) {
    const candidate = { value: metricNumber(metric.value), step: Number(metric.step ?? 0), timestamp: Number(metric.timestamp ?? 0) }
    const current = latest.get(metric.key)
    if (current === undefined || candidate.step > current.step || (candidate.step === current.step && candidate.timestamp >= current.timestamp)) {
      latest.set(metric.key, candidate)
    }
  }
  return {
    runId: run.info.run_id,
    experimentId: run.info.experiment_id,
    status: run.info.status,
    artifactUri: run.info.artifact_uri ?? '',
    metrics: Object.fromEntries([...latest].map(([key, { value }]) => [key, value])),
    tags: record(run.data?.tags)
  }
}

function registeredVersion(version: ModelVersionJson): RegisteredVersion {
  return {
    name: version.name,
    version: version.version,
    runId: version.run_id || null,
    source: version.source ?? '',
    status: version.status ?? '',
    tags: record(version.tags),
    aliases: version.aliases ?? []
  }
}

/**
 * The calls runs/log-batch needs for these metrics and tags: at most 100 tags, 1000 metrics and
 * 1000 entries in all per call.
 */
export function splitBatch<Metric, Tag>(metrics: readonly Metric[], tagList: readonly Tag[]): { metrics: Metric[]; tags: Tag[] }[] {
  const calls: { metrics: Metric[]; tags: Tag[] }[] = []
  let m = 0
  let t = 0
  while (m < metrics.length || t < tagList.length) {
    const callTags = tagList.slice(t, t + LOG_BATCH_LIMITS.tags)
    t += callTags.length
    const room = Math.min(LOG_BATCH_LIMITS.metrics, LOG_BATCH_LIMITS.total - callTags.length)
    const callMetrics = metrics.slice(m, m + room)
    m += callMetrics.length
    calls.push({ metrics: callMetrics, tags: callTags })
  }
  return calls
}

/**
 * A string literal of MLflow's search filters. They take the text between the quotes as it is,
 * with no escapes, so a value with a single quote goes in double quotes; one with both kinds of
 * quote cannot be written.
 */
export function filterString(value: string): string {
  if (!value.includes("'")) return `'${value}'`
  if (!value.includes('"')) return `"${value}"`
  throw new TrackingServerError(`MLflow's search filters cannot hold a value with both ' and ": ${JSON.stringify(value.slice(0, 100))}`, 'INVALID_PARAMETER_VALUE')
}

async function collect(content: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of content) chunks.push(chunk)
  return Buffer.concat(chunks)
}
