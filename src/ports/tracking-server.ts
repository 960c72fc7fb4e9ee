/**
 * An MLflow tracking server with its model registry (DESIGN.md section 9), as `train` and
 * `promote` use it. The adapter speaks MLflow's REST API; every method throws
 * TrackingServerError when the server cannot be reached or refuses, after bounded retries of
 * 5xx answers and connection errors.
 */
export interface TrackingServer {
  /** The tracking URI, for messages and clientEnv (never holds credentials). */
  readonly uri: string
  /** The id of the experiment named `name`, created when there is none. */
  experimentId(name: string): Promise<string>
  createRun(request: { experimentId: string; runName: string; startTime: Date; tags: Record<string, string> }): Promise<TrackedRun>
  getRun(runId: string): Promise<TrackedRun>
  /** Logs metrics (at `timestamp`, step 0) and tags on a run, in as many batches as MLflow's limits need. */
  logBatch(runId: string, batch: { metrics?: Record<string, number>; tags?: Record<string, string>; timestamp: Date }): Promise<void>
  endRun(runId: string, status: 'FINISHED' | 'FAILED', endTime: Date): Promise<void>
  /** The run's page in the MLflow UI. */
  runUrl(experimentId: string, runId: string): string
  /** The environment variables the training's own client reads to log into `run` of this server. */
  clientEnv(run: TrackedRun): Record<string, string>
  /** The models the run logged (MLflow 3 logged models), newest first. */
  loggedModels(experimentId: string, runId: string): Promise<LoggedModel[]>
  /**
   * Uploads a file into the run's artifacts at `artifactPath` ("/"-separated, relative), through
   * the server's artifact proxy (`mlflow server --serve-artifacts`, the default since MLflow 2).
   */
  uploadArtifact(run: TrackedRun, artifactPath: string, content: AsyncIterable<Uint8Array> | Uint8Array, size: number): Promise<void>
  /** Creates the registered model when it does not exist. */
  ensureRegisteredModel(name: string): Promise<void>
  /** Model versions of `name`, newest first. */
  modelVersions(name: string): Promise<RegisteredVersion[]>
  /** Creates a version and waits until the registry says it is READY. */
  createModelVersion(request: { name: string; source: string; runId: string; modelId?: string; tags: Record<string, string> }): Promise<RegisteredVersion>
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>
  /** The version the alias points at, or undefined when the alias is not set. */
  alias(name: string, alias: string): Promise<string | undefined>
  setAlias(name: string, alias: string, version: string): Promise<void>
  deleteAlias(name: string, alias: string): Promise<void>
}

/**
 * Opens the MLflow server: the tracking URI model-ci.yml names, else the one the job's environment
 * gives (each entry wires the REST adapter in, with the environment it reads). Without either it
 * throws a TrackingServerError with code NO_TRACKING_SERVER.
 */
export type TrackingConnector = (configuredUri: string | undefined) => TrackingServer

/** The code of the TrackingServerError a connector throws when there is no tracking server to open. */
export const NO_TRACKING_SERVER = 'NO_TRACKING_SERVER'

export interface TrackedRun {
  runId: string
  experimentId: string
  status: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED'
  /** Where the run's artifacts live, e.g. `mlflow-artifacts:/1/<run>/artifacts`. */
  artifactUri: string
  /** The newest value of each metric. */
  metrics: Record<string, number>
  tags: Record<string, string>
}

export interface LoggedModel {
  modelId: string
  name: string
  /** What a model version's `source` names it by: `models:/<model_id>`. */
  uri: string
}

export interface RegisteredVersion {
  name: string
  version: string
  runId: string | null
  source: string
  status: string
  tags: Record<string, string>
  aliases: string[]
}

/** The server could not be reached, or refused; the message is one line and holds no credentials. */
export class TrackingServerError extends Error {
  override readonly name = 'TrackingServerError'
  /** MLflow's error_code (RESOURCE_DOES_NOT_EXIST, ...), or the HTTP status, or 'UNREACHABLE'. */
  readonly code: string
  constructor(message: string, code: string) {
    super(message)
    this.code = code
  }
}
