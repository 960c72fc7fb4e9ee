/**
 * The Twirp framing of the results service: `POST /twirp/<service>/<Method>` with a JSON body
 * (protobuf JSON: snake_case names, int64 as strings, wrappers as bare values, timestamps as
 * RFC 3339), authorised by the job's runtime token. Errors are `{ code, msg }` with the HTTP
 * status Twirp assigns to each code.
 */
import { bearerToken, HttpError, json, parseJsonBody, type IncomingRequest, type Reply } from '../http.js'
import { readRuntimeScope, type RuntimeScope } from '../jwt.js'
import type { EmulatorState, WorkflowRunRecord } from '../state.js'

const STATUS_BY_CODE = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unavailable: 503
} as const
export type TwirpCode = keyof typeof STATUS_BY_CODE

export function twirpError(code: TwirpCode, msg: string): Reply {
  return json(STATUS_BY_CODE[code], { code, msg })
}

export function twirpFailure(code: TwirpCode, msg: string): HttpError {
  return new HttpError(twirpError(code, msg))
}

export interface TwirpCall {
  /** The run and job the runtime token is scoped to. */
  scope: RuntimeScope
  run: WorkflowRunRecord
  body: Record<string, unknown>
}

export type TwirpMethod = (call: TwirpCall) => unknown

/** Service name (e.g. `github.actions.results.api.v1.CacheService`) → method name → handler. */
export type TwirpServices = Record<string, Record<string, TwirpMethod>>

export function handleTwirp(request: IncomingRequest, services: TwirpServices, state: EmulatorState): Reply {
  const [, , service = '', method = ''] = request.url.pathname.split('/')
  const handler = services[service]?.[method]
  if (request.method !== 'POST' || !handler) {
    return twirpError('bad_route', `no handler for path "${request.url.pathname}"`)
  }
  const token = bearerToken(request.headers)
  const scope = token === undefined ? undefined : readRuntimeScope(token)
  if (!scope) return twirpError('unauthenticated', 'invalid or missing runtime token')
  const run = state.run(Number(scope.runBackendId))
  if (!run) return twirpError('unauthenticated', `runtime token names unknown run ${scope.runBackendId}`)
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return twirpError('malformed', 'the emulator speaks Twirp JSON only')
  }
  const body = parseJsonBody(request)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return twirpError('malformed', 'request body is not a JSON object')
  }
  return json(200, handler({ scope, run, body: body as Record<string, unknown> }))
}

/**
 * The request's run must be the token's own: a job cannot act for another run. Uploads must also
 * name the token's job; reads and deletes name the job that uploaded, any job of the run.
 */
export function requireOwnScope(call: TwirpCall, { sameJob }: { sameJob: boolean }): void {
  const { body, scope } = call
  const otherRun = body.workflow_run_backend_id !== scope.runBackendId
  const otherJob = sameJob && body.workflow_job_run_backend_id !== scope.jobBackendId
  if (otherRun || otherJob) throw twirpFailure('permission_denied', 'backend ids do not match the runtime token')
}

export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  return typeof value === 'string' ? value : undefined
}
