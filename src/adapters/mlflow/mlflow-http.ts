import { setTimeout as delay } from 'node:timers/promises'
import * as z from 'zod/mini'
import { TrackingServerError } from '../../ports/tracking-server.js'

// HTTP to an MLflow tracking server: auth headers, a timeout per request, bounded retries of
// 5xx, 429 and connection errors, and every failure as a one-line TrackingServerError that names
// the endpoint and never holds a credential.

/** Waits before the 2nd, 3rd and 4th attempts (MLflow's own client backs off the same way). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000]
export const DEFAULT_TIMEOUT_MS = 30_000
/** The most of MLflow's error message that goes into ours. */
const MAX_DETAIL = 300

export interface MlflowHttpOptions {
  /** The tracking URI: http(s), no credentials, no trailing slash. */
  uri: string
  /** Headers every request carries (Authorization). */
  headers?: Record<string, string>
  /** Strings that must never appear in a message (the token, the password). */
  secrets?: readonly string[]
  /** The wait before each retry; its length is the number of retries. */
  retryDelaysMs?: readonly number[]
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

export type Query = Record<string, string | number | readonly string[] | undefined>

export interface MlflowRequest<Schema extends z.core.$ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'
  /** The path below the tracking URI, e.g. `api/2.0/mlflow/runs/get`. */
  path: string
  query?: Query
  /** A JSON body. */
  json?: unknown
  /** A binary body; a stream is sent once, never retried. */
  body?: Uint8Array | ReadableStream<Uint8Array>
  /** Validates the JSON answer. */
  schema: Schema
  timeoutMs?: number
}

/** What callers put in messages: the method and the endpoint below `api/2.0/`. */
export function endpointLabel(method: string, path: string): string {
  return `${method} ${path.replace(/^api\/2\.0\/(mlflow\/)?/, '')}`
}

export class MlflowHttp {
  readonly uri: string
  private readonly headers: Record<string, string>
  private readonly secrets: readonly string[]
  private readonly retryDelaysMs: readonly number[]
  private readonly timeoutMs: number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(options: MlflowHttpOptions) {
    this.uri = options.uri
    this.headers = options.headers ?? {}
    this.secrets = (options.secrets ?? []).filter((secret) => secret.length > 0)
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.sleep = options.sleep ?? ((ms) => delay(ms))
  }

  /** The absolute URL of `path` with `query`; arrays become repeated parameters. */
  url(path: string, query: Query = {}): string {
    const url = new URL(`${this.uri}/${path}`)
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item))
    }
    return url.toString()
  }

  async request<Schema extends z.core.$ZodType>(request: MlflowRequest<Schema>): Promise<z.output<Schema>> {
    const label = endpointLabel(request.method, request.path)
    const url = this.url(request.path, request.query)
    const headers: Record<string, string> = { ...this.headers, accept: 'application/json' }
    let body: string | Uint8Array | ReadableStream<Uint8Array> | undefined
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(request.json)
    } else if (request.body !== undefined) {
      headers['content-type'] = 'application/octet-stream'
      body = request.body
    }
    const retryable = !(request.body instanceof ReadableStream)
    const attempts = retryable ? this.retryDelaysMs.length + 1 : 1
    let lastFailure: TrackingServerError | undefined
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.sleep(this.retryDelaysMs[attempt - 1] ?? 0)
      let status: number
      let text: string
      try {
        const init: RequestInit & { duplex?: 'half' } = {
          method: request.method,
          headers,
          body,
          signal: AbortSignal.timeout(Math.ceil(request.timeoutMs ?? this.timeoutMs))
        }
        if (body instanceof ReadableStream) init.duplex = 'half'
        const response = await fetch(url, init)
        status = response.status
        text = await response.text()
      } catch (error) {
        if (!isNetworkError(error)) throw error
        const attemptsText = attempts === 1 ? '' : ` after ${attempts} attempts`
        lastFailure = this.error(`MLflow at ${this.uri} is unreachable: ${label} failed${attemptsText} (${networkCause(error)})`, 'UNREACHABLE')
        continue
      }
      if (status >= 200 && status < 300) return this.parse(request.schema, text, label)
      const failure = this.httpError(status, text, label)
      if (status < 500 && status !== 429) throw failure
      lastFailure = failure
    }
    throw lastFailure ?? this.error(`MLflow at ${this.uri}: ${label} was not attempted`, 'UNREACHABLE')
  }

  private parse<Schema extends z.core.$ZodType>(schema: Schema, text: string, label: string): z.output<Schema> {
    let json: unknown
    try {
      json = text.trim() === '' ? {} : JSON.parse(text)
    } catch {
      throw this.error(`MLflow at ${this.uri}: ${label} answered something that is not JSON: ${oneLine(text)}`, 'INVALID_RESPONSE')
    }
    const parsed = z.safeParse(schema, json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`
      throw this.error(`MLflow at ${this.uri}: ${label} answered an unexpected response${where}: ${issue?.message ?? 'invalid'}`, 'INVALID_RESPONSE')
    }
    return parsed.data
  }

  private httpError(status: number, text: string, label: string): TrackingServerError {
    let code = String(status)
    let detail = oneLine(text)
    try {
      const body: unknown = JSON.parse(text)
      const parsed = z.safeParse(mlflowErrorSchema, body)
      if (parsed.success) {
        if (parsed.data.error_code !== undefined) code = parsed.data.error_code
        detail = oneLine(parsed.data.message ?? '')
      }
    } catch {
      // Not JSON (a proxy's HTML page, an empty body): its first characters say enough.
    }
    const what = code === String(status) ? `HTTP ${status}` : `${code} (HTTP ${status})`
    return this.error(`MLflow at ${this.uri}: ${label} answered ${what}${detail === '' ? '' : `: ${detail}`}`, code)
  }

  /** A TrackingServerError whose message has no credential in it. */
  error(message: string, code: string): TrackingServerError {
    let safe = message
    for (const secret of this.secrets) safe = safe.split(secret).join('***')
    return new TrackingServerError(safe, code)
  }
}

const mlflowErrorSchema = z.object({ error_code: z.optional(z.string()), message: z.optional(z.string()) })

/** Whitespace collapsed to single spaces, cut at MAX_DETAIL characters. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line
}

interface ErrorLike {
  name?: unknown
  message?: unknown
  code?: unknown
  cause?: ErrorLike
}

/**
 * Whether fetch failed to connect, send or receive (its TypeError "fetch failed" or
 * "terminated", or the timeout's abort), rather than being called wrongly. By name, not
 * instanceof: the errors may come from another realm (Jest's sandbox).
 */
function isNetworkError(error: unknown): boolean {
  const name = (error as ErrorLike | null)?.name
  return name === 'TypeError' || name === 'TimeoutError' || name === 'AbortError'
}

/** ECONNREFUSED, ECONNRESET, timed out, ...: what fetch's error (or its cause) says. */
function networkCause(error: unknown): string {
  const { name, message, cause } = (error ?? {}) as ErrorLike
  if (name === 'TimeoutError' || name === 'AbortError') return 'timed out'
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string') return oneLine(cause.message)
  return oneLine(typeof message === 'string' ? message : String(error))
}
