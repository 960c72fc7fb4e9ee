/** The small HTTP vocabulary every surface shares: a request as read, a reply to send. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'

export interface IncomingRequest {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  /** The body in one buffer, joined on first use. */
  readonly body: Buffer
  /**
   * The body in the chunks it arrived in: the blob store keeps a block's chunks as they are, as
   * copying them into one buffer would make the emulator's time part of a benchmark's timing.
   */
  readonly bodyChunks: readonly Buffer[]
  readonly bodyBytes: number
}

/** A request whose body arrived as `chunks`. */
export function incomingRequest(method: string, url: URL, headers: IncomingHttpHeaders, chunks: Buffer[]): IncomingRequest {
  let joined: Buffer | undefined
  return {
    method,
    url,
    headers,
    get body() {
      joined ??= Buffer.concat(chunks)
      return joined
    },
    bodyChunks: chunks,
    bodyBytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  }
}

/** A reply: an object or array body is sent as JSON, a string or Buffer as is. */
export interface Reply {
  status: number
  headers?: Record<string, string>
  body?: unknown
}

/** Thrown by a handler to answer with `reply` instead of its normal result. */
export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`)
    this.name = 'HttpError'
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers }
}

/** The body's chunks as the socket gave them. */
export function readBody(req: IncomingMessage): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(chunks))
    req.on('error', reject)
  })
}

/** The body parsed as JSON, or undefined when it is empty or not JSON. */
export function parseJsonBody(request: IncomingRequest): unknown {
  if (request.bodyBytes === 0) return undefined
  try {
    return JSON.parse(request.body.toString('utf8'))
  } catch {
    return undefined
  }
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? '')
  return match?.[1]
}

/** The bytes a reply's body is sent as: an object or array as JSON, a string or Buffer as is. */
export function replyPayload(reply: Reply): Buffer | undefined {
  if (Buffer.isBuffer(reply.body)) return reply.body
  if (typeof reply.body === 'string') return Buffer.from(reply.body, 'utf8')
  if (reply.body !== undefined) return Buffer.from(JSON.stringify(reply.body), 'utf8')
  return undefined
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers }
  const payload = replyPayload(reply)
  const isJson = payload !== undefined && !Buffer.isBuffer(reply.body) && typeof reply.body !== 'string'
  if (isJson) headers['content-type'] ??= 'application/json; charset=utf-8'
  if (payload) headers['content-length'] = String(payload.length)
  res.writeHead(reply.status, headers)
  res.end(reply.status === 204 || res.req.method === 'HEAD' ? undefined : payload)
}
