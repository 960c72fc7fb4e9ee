/** What a REST handler gets: the world, the caller, the request, and the URLs to link with. */
import type { BlobStore } from '../blob-store.js'
import type { EmulatorState, Identity } from '../state.js'

export interface Links {
  /** Base of API URLs in payloads and Link headers, e.g. `http://127.0.0.1:PORT`. */
  apiUrl: string
  /** Base of web URLs (`html_url`), e.g. `http://github.localhost:PORT`. */
  serverUrl: string
}

export interface RestContext {
  state: EmulatorState
  blobs: BlobStore
  links: Links
  identity: Identity
  url: URL
  query: URLSearchParams
  body: unknown
}

/** The request body as an object of fields; anything else counts as no fields. */
export function bodyFields(context: RestContext): Record<string, unknown> {
  const { body } = context
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`
}
