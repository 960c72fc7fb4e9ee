/**
 * The one HTTP server behind every surface. Each request is read whole, recorded, offered to
 * the fault injector, then routed by path: `/twirp/...` to the results service,
 * `/<blob account>/...` to the blob store, anything else to the REST API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BLOB_ACCOUNT, storageError } from './blob-store.js'
import type { Fault } from './faults.js'
import { HttpError, incomingRequest, readBody, replyPayload, sendReply, type IncomingRequest, type Reply } from './http.js'
import { restError } from './rest/errors.js'
import { twirpError } from './results/twirp.js'

export type Surface = 'rest' | 'twirp' | 'blob'

export interface RecordedRequest {
  surface: Surface
  method: string
  /** URL path without the query. */
  path: string
  query: Record<string, string>
  /** Lower-case header names; `authorization` is left out. */
  headers: Record<string, string>
  /** Parsed JSON, the text of an XML or text body, or undefined for binary and empty bodies. */
  body: unknown
  bodyBytes: number
  /** The bytes of the reply's body (none for HEAD); undefined while in flight and for dropped connections. */
  responseBytes?: number
  /** The status sent; undefined while in flight and for dropped connections. */
  status?: number
  /** The injected fault, when one fired. */
  fault?: Fault
  /** When the request arrived (ms since the epoch, real time). */
  at: number
}

export interface SurfaceHandlers {
  rest(request: IncomingRequest): Reply
  twirp(request: IncomingRequest): Reply
  blob(request: IncomingRequest): Reply
}

export interface ServerHooks {
  handlers: SurfaceHandlers
  takeFault(method: string, path: string, body: unknown): Fault | undefined
  record(request: RecordedRequest): void
  now(): Date
}

export interface RunningServer {
  port: number
  close(): Promise<void>
}

function surfaceOf(path: string): Surface {
  if (path.startsWith('/twirp/')) return 'twirp'
  if (path.startsWith(`/${BLOB_ACCOUNT}/`)) return 'blob'
  return 'rest'
}

function recordedBody(request: IncomingRequest): unknown {
  if (request.bodyBytes === 0) return undefined
  const type = String(request.headers['content-type'] ?? '')
  const text = (): string => request.body.toString('utf8')
  if (type.includes('json')) {
    try {
      return JSON.parse(text())
    } catch {
      return text()
    }
  }
  return type.includes('xml') || type.startsWith('text/') ? text() : undefined
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'

/** The reply a status fault produces, in the failing surface's own error format. */
function faultReply(fault: Exclude<Fault, { delayMs: number } | { drop: true } | { ignoreRange: true }>, surface: Surface, now: Date): Reply {
  if ('tooManyRequests' in fault) {
    const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }
    if (surface === 'twirp') return { ...twirpError('resource_exhausted', 'Too Many Requests'), status: 429, headers }
    if (surface === 'blob') return { ...storageError(429, 'ServerBusy', 'Too Many Requests'), headers }
    return { status: 429, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: 'Too Many Requests\n' }
  }
  if ('retryAfter' in fault || 'rateLimit' in fault) {
    const message = 'retryAfter' in fault
      ? 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.'
      : 'API rate limit exceeded for installation ID 1.'
    const headers: Record<string, string> =
      'retryAfter' in fault
        ? { 'retry-after': String(fault.retryAfter) }
        : {
            'x-ratelimit-limit': '5000',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': '5000',
            'x-ratelimit-resource': 'core',
            'x-ratelimit-reset': String(Math.ceil(now.getTime() / 1000 + (fault.resetAfter ?? 1)))
          }
    if (surface === 'twirp') return { ...twirpError('resource_exhausted', message), status: fault.status, headers }
    if (surface === 'blob') return { ...storageError(fault.status, 'ServerBusy', message), headers }
    const anchor = 'retryAfter' in fault ? '#about-secondary-rate-limits' : '#about-primary-rate-limits'
    return restError(fault.status, message, `${RATE_LIMIT_DOCS}${anchor}`, headers)
  }
  if (surface === 'twirp') return { ...twirpError(fault.status === 503 ? 'unavailable' : 'internal', `injected ${fault.status}`), status: fault.status }
  if (surface === 'blob') return storageError(fault.status, fault.status === 503 ? 'ServerBusy' : 'InternalError', `Injected ${fault.status}.`)
  return restError(fault.status, fault.status === 502 ? 'Bad Gateway' : 'Server Error')
}

function route(hooks: ServerHooks, surface: Surface, request: IncomingRequest): Reply {
  try {
    return hooks.handlers[surface](request)
  } catch (error) {
    if (error instanceof HttpError) return error.reply
    // A bug in the emulator: say so loudly rather than let a client retry it away.
    console.error(`GitHub emulator failed on ${request.method} ${request.url.pathname}:`, error)
    const message = `emulator error: ${error instanceof Error ? error.message : String(error)}`
    return surface === 'twirp' ? twirpError('internal', message) : restError(500, message)
  }
}

async function onRequest(hooks: ServerHooks, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = incomingRequest(req.method ?? 'GET', new URL(req.url ?? '/', origin), req.headers, await readBody(req))
  const surface = surfaceOf(request.url.pathname)
  const headers = Object.fromEntries(
    Object.entries(req.headers).flatMap(([name, value]) => (name === 'authorization' || value === undefined ? [] : [[name, String(value)]]))
  )
  const recorded: RecordedRequest = {
    surface,
    method: request.method,
    path: request.url.pathname,
    query: Object.fromEntries(request.url.searchParams),
    headers,
    body: recordedBody(request),
    bodyBytes: request.bodyBytes,
    at: Date.now()
  }
  hooks.record(recorded)

  const fault = hooks.takeFault(request.method, request.url.pathname, recorded.body)
  if (fault) recorded.fault = fault
  if (fault && 'drop' in fault) {
    req.socket.destroy()
    return
  }
  if (fault && 'delayMs' in fault) await new Promise(resolve => setTimeout(resolve, fault.delayMs))
  if (fault && 'ignoreRange' in fault) {
    request.headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'range' && name !== 'x-ms-range'))
  }
  const reply = fault && 'status' in fault ? faultReply(fault, surface, hooks.now()) : route(hooks, surface, request)
  recorded.status = reply.status
  recorded.responseBytes = request.method === 'HEAD' || reply.status === 204 ? 0 : (replyPayload(reply)?.length ?? 0)
  sendReply(res, reply)
}

/** Listens on a random port of 127.0.0.1; `hooksFor` gets the origin (`http://127.0.0.1:PORT`) before any request is served. */
export function startServer(hooksFor: (origin: string) => ServerHooks): Promise<RunningServer> {
  const server = createServer()
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      const origin = `http://127.0.0.1:${port}`
      const hooks = hooksFor(origin)
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        onRequest(hooks, origin, req, res).catch(error => {
          console.error('GitHub emulator could not answer:', error)
          res.destroy()
        })
      })
      resolve({
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close(error => (error ? fail(error) : done()))
            server.closeAllConnections()
          })
      })
    })
  })
}
