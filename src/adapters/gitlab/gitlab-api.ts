// The GitLab REST API v4 as model-ci's GitLab adapters call it: Node's own fetch (no client
// library, so the CLI's cold start and bundle stay as they are outside GitLab), one token per
// client sent in the header GitLab wants for it, bounded retries of server errors, 429s and
// dropped connections, offset pagination through `x-next-page`, and one-line errors that never
// hold a token (tokens travel in headers only, and messages name the variable, not its value).
import { setTimeout as sleep } from 'node:timers/promises'
import * as z from 'zod/mini'
import { escapeControlCharacters } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { Logger } from '../../ports/logger.js'

/** A token and where it comes from: `variable` names it in messages (its value never is). */
export interface GitLabToken {
  /** `PRIVATE-TOKEN` for personal, project and group access tokens; `JOB-TOKEN` for CI_JOB_TOKEN. */
  header: 'PRIVATE-TOKEN' | 'JOB-TOKEN'
  value: string
  /** `MODEL_CI_GITLAB_TOKEN`, `CI_JOB_TOKEN`. */
  variable: string
}

export interface GitLabApiOptions {
  /** CI_API_V4_URL, e.g. `https://gitlab.example.com/api/v4`. */
  apiUrl: string
  /** CI_PROJECT_ID (or the project's path, which is URL-encoded here). */
  projectId: string
  token: GitLabToken
  logger: Pick<Logger, 'info'>
  /** Retries after a transient failure, on top of the first try; 4 when absent. */
  retries?: number
  /** Wait before the first retry, doubled for each next one; 1000 ms when absent. */
  retryDelayMs?: number
  /** The longest `Retry-After` waited out; a longer one fails at once. 600 s when absent. */
  maxRetryAfterS?: number
}

/** GitLab answered with a status that is not a success (after the retries, for transient ones). */
export class GitLabApiError extends Error {
  constructor(
    readonly status: number,
    readonly requestLine: string,
    readonly said: string
  ) {
    super(`GitLab answered ${requestLine} with ${status}${said ? ` (${said})` : ''}`)
    this.name = 'GitLabApiError'
  }
}

/** The variable that holds the access token model-ci reads pipelines and writes notes with. */
export const API_TOKEN_VARIABLE = 'MODEL_CI_GITLAB_TOKEN'

/**
 * Reading pipelines without MODEL_CI_GITLAB_TOKEN: GitLab lets CI_JOB_TOKEN call nothing of the
 * pipelines API but `PUT .../metadata` (its "Job token access" table), so `what` cannot be done.
 */
export function pipelinesNeedApiToken(what: string): UserError {
  return new UserError(
    `${what} needs ${API_TOKEN_VARIABLE}: GitLab does not let CI_JOB_TOKEN read the pipelines API. Set ${API_TOKEN_VARIABLE} to a project access token with the api scope, as a masked CI/CD variable`,
    { input: API_TOKEN_VARIABLE }
  )
}

const jobOfTokenSchema = z.object({
  pipeline: z.object({ id: z.number(), ref: z.nullable(z.string()), sha: z.string(), created_at: z.optional(z.string()) })
})

/** The pipeline of the job a job token belongs to (`GET /job`, which GitLab lets CI_JOB_TOKEN call), as GitLab records it. */
export async function pipelineOfJobToken(api: GitLabApi): Promise<z.infer<typeof jobOfTokenSchema>['pipeline']> {
  return (await api.json('GET', '/job', jobOfTokenSchema)).pipeline
}

export function gitLabStatus(error: unknown): number | undefined {
  return error instanceof GitLabApiError ? error.status : undefined
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>
  /** A JSON body (an object), or raw bytes made afresh for each try (so a stream can be retried). */
  json?: unknown
  bytes?: () => Buffer | AsyncIterable<Uint8Array>
}

const MAX_SAID = 200
/** Connection failures as undici and Node report them. */
const CONNECTION_ERROR = /fetch failed|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|other side closed|terminated/i

/** A client of one project's API. */
export class GitLabApi {
  private readonly base: string

  constructor(private readonly options: GitLabApiOptions) {
    this.base = options.apiUrl.replace(/\/+$/, '')
  }

  /** `/projects/<id><path>`, the id URL-encoded (a path `group/project` becomes `group%2Fproject`). */
  projectPath(path: string): string {
    return `/projects/${encodeURIComponent(this.options.projectId)}${path}`
  }

  get tokenVariable(): string {
    return this.options.token.variable
  }

  /** The successful response of `method path`, retried on 5xx, 429 and dropped connections. Its body is unread. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(`${this.base}${path}`)
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value))
    const line = `${method} ${url.pathname}`
    const retries = this.options.retries ?? 4
    const baseDelay = this.options.retryDelayMs ?? 1000
    const maxRetryAfterS = this.options.maxRetryAfterS ?? 600
    for (let attempt = 0; ; attempt += 1) {
      let response: Response
      try {
        const headers: Record<string, string> = { [this.options.token.header]: this.options.token.value, accept: 'application/json' }
        let body: string | Buffer | AsyncIterable<Uint8Array> | undefined
        if (options.json !== undefined) {
          headers['content-type'] = 'application/json'
          body = JSON.stringify(options.json)
        } else if (options.bytes) {
          headers['content-type'] = 'application/octet-stream'
          body = options.bytes()
        }
        response = await fetch(url, { method, headers, body, ...(body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body) ? { duplex: 'half' } : {}) } as RequestInit)
      } catch (error) {
        const reason = connectionReason(error)
        if (reason === undefined) throw error
        if (attempt >= retries) throw new UserError(`GitLab could not be reached for ${line} after ${retries + 1} tries (${reason}); check CI_API_V4_URL and re-run the job`, { cause: error })
        const delay = baseDelay * 2 ** attempt
        this.options.logger.info(`${line} failed (${reason}); retry ${attempt + 1} of ${retries} in ${delay} ms`)
        await sleep(delay)
        continue
      }
      if (response.ok) return response
      const said = await saidBy(response)
      const transient = response.status >= 500 || response.status === 429
      if (!transient || attempt >= retries) throw finalError(response.status, line, said, transient ? retries + 1 : 1)
      let delay = baseDelay * 2 ** attempt
      if (response.status === 429) {
        const wait = retryAfterSeconds(response.headers.get('retry-after'))
        if (wait !== undefined && wait > maxRetryAfterS) {
          throw new UserError(`GitLab answered ${line} with 429 and asked to wait ${wait} s, longer than model-ci waits (${maxRetryAfterS} s); re-run the job once the limit has lifted`)
        }
        if (wait !== undefined) delay = wait * 1000
      }
      this.options.logger.info(`${line} answered ${response.status}; retry ${attempt + 1} of ${retries} in ${delay} ms`)
      await sleep(delay)
    }
  }

  /** The JSON answer of `method path`, checked against `schema`. */
  async json<T>(method: string, path: string, schema: z.ZodMiniType<T>, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(method, path, options)
    return parsed(schema, await response.json().catch(() => undefined), `${method} ${new URL(`${this.base}${path}`).pathname}`)
  }

  /** Page `page` (100 items a page) of a list, with GitLab's count of pages (undefined when it leaves it out). */
  async page<T>(path: string, query: Record<string, string | number | undefined>, item: z.ZodMiniType<T>, page: number): Promise<{ items: T[]; totalPages?: number; nextPage?: number }> {
    const response = await this.request('GET', path, { query: { ...query, per_page: 100, page } })
    const items = parsed(z.array(item), await response.json().catch(() => undefined), `GET ${path}`)
    const totalPages = Number.parseInt(response.headers.get('x-total-pages') ?? '', 10)
    const next = Number.parseInt(response.headers.get('x-next-page') ?? '', 10)
    return {
      items,
      totalPages: Number.isSafeInteger(totalPages) ? totalPages : undefined,
      // A missing header (GitLab leaves it out past 10,000 items) goes on while pages are full.
      nextPage: Number.isSafeInteger(next) && next > page ? next : !response.headers.has('x-next-page') && items.length === 100 ? page + 1 : undefined
    }
  }

  /**
   * The items of a paginated list, page by page from `startPage` (1 when absent), following
   * `x-next-page` until it is empty or `visit` returns false.
   */
  async paginate<T>(path: string, query: Record<string, string | number | undefined>, item: z.ZodMiniType<T>, visit: (items: T[]) => boolean | void, startPage = 1): Promise<void> {
    for (let page: number | undefined = startPage; page !== undefined; ) {
      const { items, nextPage }: { items: T[]; nextPage?: number } = await this.page(path, query, item, page)
      if (visit(items) === false) return
      page = nextPage
    }
  }
}

function parsed<T>(schema: z.ZodMiniType<T>, value: unknown, line: string): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    throw new Error(`GitLab's answer to ${line} is not what its API documents${where}: ${issue?.message ?? 'unexpected shape'}`)
  }
  return result.data
}

/** What GitLab said in an error body (`message` or `error`, text otherwise), one line, bounded. */
async function saidBy(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  let said = text
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown }
    const value = body.message ?? body.error
    said = typeof value === 'string' ? value : JSON.stringify(value ?? '')
  } catch {
    // Not JSON: the text itself.
  }
  return escapeControlCharacters(said.replace(/\s+/g, ' ').trim()).slice(0, MAX_SAID)
}

function finalError(status: number, line: string, said: string, tries: number): Error {
  if (tries > 1) return new UserError(`GitLab answered ${line} with ${status}${said ? ` (${said})` : ''} ${tries} times; re-run the job (GitLab may be having trouble)`)
  return new GitLabApiError(status, line, said)
}

/** Whether `error` is a dropped or refused connection (before or during a response's body). */
export function isConnectionError(error: unknown): boolean {
  return connectionReason(error) !== undefined
}

function connectionReason(error: unknown): string | undefined {
  // Duck-typed: fetch's errors may come from another realm (a test runner's), where instanceof fails.
  if (typeof (error as { message?: unknown } | null)?.message !== 'string') return undefined
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : ''
  const message = (error as Error).message
  const text = `${message} ${detail}`
  return CONNECTION_ERROR.test(text) ? (detail || message).slice(0, MAX_SAID) : undefined
}

/** `Retry-After` in whole seconds (a number or an HTTP date); undefined when absent or unreadable. */
function retryAfterSeconds(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(Math.ceil(seconds), 0)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(Math.ceil((date - Date.now()) / 1000), 0)
}
