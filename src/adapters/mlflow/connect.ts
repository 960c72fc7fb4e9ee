import { NO_TRACKING_SERVER, TrackingServerError, type TrackingConnector, type TrackingServer } from '../../ports/tracking-server.js'
import { MlflowHttp } from './mlflow-http.js'
import { MlflowTrackingServer, type MlflowTrackingServerOptions } from './mlflow-tracking-server.js'

export interface ConnectOptions extends MlflowTrackingServerOptions {
  /** The tracking URI (http or https). */
  uri: string
  /** Where MLFLOW_TRACKING_TOKEN, MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD are read. */
  env: Readonly<Record<string, string | undefined>>
  /** The waits between attempts; defaults to 0.5 s, 1 s, 2 s (4 attempts). */
  retryDelaysMs?: readonly number[]
  /** Per request; defaults to 30 s (uploads get at least a minute, longer for large files). */
  timeoutMs?: number
}

/**
 * The MLflow tracking server at `uri`, with the credentials the MLflow client would use:
 * MLFLOW_TRACKING_TOKEN as a bearer token, else MLFLOW_TRACKING_USERNAME and
 * MLFLOW_TRACKING_PASSWORD as basic auth. Nothing is requested yet.
 */
export function connectTrackingServer(options: ConnectOptions): TrackingServer {
  const uri = trackingUri(options.uri)
  const { headers, secrets } = authFromEnv(options.env)
  const http = new MlflowHttp({ uri, headers, secrets, retryDelaysMs: options.retryDelaysMs, timeoutMs: options.timeoutMs, sleep: options.sleep })
  return new MlflowTrackingServer(http, options)
}

/** A tracking URI that cannot be used: a tracking failure like any other (train skips MLflow unless it is required). */
function invalidUri(message: string): TrackingServerError {
  return new TrackingServerError(message, 'INVALID_TRACKING_URI')
}

/** The URI checked (http or https, no credentials in it) and without trailing slashes. */
export function trackingUri(raw: string): string {
  const text = raw.trim()
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw invalidUri(`the MLflow tracking URI must be an http(s) URL, not ${JSON.stringify(text.replace(/\/\/[^/@]*@/, '//***@'))}`)
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidUri('the MLflow tracking URI holds credentials: remove them from it and set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) instead')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidUri(`the MLflow tracking URI must be an http(s) URL: model-ci talks to a tracking server, not to ${url.protocol}`)
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalidUri(`the MLflow tracking URI must not have a query or fragment: ${url.origin}${url.pathname}`)
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** The Authorization header as MLflow's client sets it, and the strings no message may show. */
export function authFromEnv(env: Readonly<Record<string, string | undefined>>): { headers: Record<string, string>; secrets: string[] } {
  const token = env.MLFLOW_TRACKING_TOKEN
  if (token) return { headers: { authorization: `Bearer ${token}` }, secrets: [token] }
  const username = env.MLFLOW_TRACKING_USERNAME
  const password = env.MLFLOW_TRACKING_PASSWORD
  if (username && password) {
    const basic = Buffer.from(`${username}:${password}`).toString('base64')
    return { headers: { authorization: `Basic ${basic}` }, secrets: [password, basic] }
  }
  return { headers: {}, secrets: [] }
}

/** What the entries give train and promote: the server at a URI, with the credentials in `env`. */
export function trackingConnector(env: Readonly<Record<string, string | undefined>>): TrackingConnector {
  return (configuredUri) => {
    const uri = configuredUri ?? (env.MLFLOW_TRACKING_URI || undefined)
    if (uri === undefined) {
      throw new TrackingServerError('no tracking server: set MLFLOW_TRACKING_URI in the job (a secret) or mlflow.tracking-uri in model-ci.yml', NO_TRACKING_SERVER)
    }
    return connectTrackingServer({ uri, env })
  }
}
