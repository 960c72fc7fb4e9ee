/**
 * An Azure-Blob-like store behind signed URLs, enough for @azure/storage-blob as the artifact
 * and cache clients drive it: staged blocks (`PUT ?comp=block&blockid=`), a block list commit
 * (`PUT ?comp=blocklist`, XML body), one-shot uploads (`PUT` with `x-ms-blob-type: BlockBlob`)
 * and downloads (`GET`, whole or a byte range, see download). URLs are path-style (`/<account>/<container>/<blob>`), as the SDK reads
 * them on an IP host, and carry a SAS-like query: `sp` permissions, `se` expiry, optional
 * `rsct`/`rscd` response headers, and `sig`, an HMAC over all of them. A URL whose signature does
 * not match, or that lacks the permission, gets 403 AuthenticationFailed like Azure.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import type { IncomingRequest, Reply } from './http.js'

export const BLOB_ACCOUNT = 'devstoreaccount1'
const STORAGE_VERSION = '2025-01-05'

export interface StoredBlob {
  readonly data: Buffer
  contentType: string
  etag: string
  lastModified: string
}

/**
 * A committed blob. A block list commit keeps the staged blocks as they came and joins them on the
 * first read: the benchmarks upload gigabytes through the emulator, and copying a whole blob on
 * every commit (which nothing may ever read) would put the emulator's work in their timings.
 */
class CommittedBlob implements StoredBlob {
  private parts: Buffer[]

  constructor(
    parts: Buffer[],
    readonly contentType: string,
    readonly etag: string,
    readonly lastModified: string
  ) {
    this.parts = parts
  }

  get data(): Buffer {
    if (this.parts.length !== 1) this.parts = [Buffer.concat(this.parts)]
    return this.parts[0]!
  }
}

export interface SignOptions {
  /** `r` to read; `cw` to create and write. */
  permissions: 'r' | 'cw'
  /** Served as Content-Type instead of the stored one (Azure's `rsct`). */
  contentType?: string
  /** Served as Content-Disposition (Azure's `rscd`). */
  contentDisposition?: string
  ttlSeconds?: number
}

export function storageError(status: number, code: string, message: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-version': STORAGE_VERSION },
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  }
}

const SIGNED_PARAMS = ['sp', 'se', 'rsct', 'rscd'] as const

export class BlobStore {
  private readonly blobs = new Map<string, StoredBlob>()
  /** Blob key → block id → staged bytes (in the chunks they arrived in), until a block list commits them. */
  private readonly stagedBlocks = new Map<string, Map<string, readonly Buffer[]>>()
  private readonly secret = randomBytes(32)

  constructor(
    private readonly origin: string,
    private readonly now: () => Date
  ) {}

  /** A signed URL for `key` (`<container>/<blob name>`). */
  signedUrl(key: string, options: SignOptions): string {
    const url = new URL(`/${BLOB_ACCOUNT}/${key}`, this.origin)
    const expiry = new Date(this.now().getTime() + (options.ttlSeconds ?? 3600) * 1000)
    url.searchParams.set('sv', STORAGE_VERSION)
    url.searchParams.set('sr', 'b')
    url.searchParams.set('sp', options.permissions)
    url.searchParams.set('se', expiry.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    if (options.contentType) url.searchParams.set('rsct', options.contentType)
    if (options.contentDisposition) url.searchParams.set('rscd', options.contentDisposition)
    url.searchParams.set('sig', this.signature(key, url.searchParams))
    return url.toString()
  }

  /** Stores `data` as blob `key`, as a finished upload would. */
  put(key: string, data: Buffer, contentType: string): void {
    this.store(key, [data], contentType, [data])
  }

  get(key: string): StoredBlob | undefined {
    return this.blobs.get(key)
  }

  delete(key: string): void {
    this.blobs.delete(key)
    this.stagedBlocks.delete(key)
  }

  handle(request: IncomingRequest): Reply {
    const prefix = `/${BLOB_ACCOUNT}/`
    const key = decodeURIComponent(request.url.pathname.slice(prefix.length))
    const query = request.url.searchParams
    const denied = this.checkSignature(key, query, request.method === 'PUT' ? 'w' : 'r')
    if (denied) return denied
    if (request.method === 'GET' || request.method === 'HEAD') return this.download(key, query, rangeHeader(request))
    if (request.method !== 'PUT') return storageError(405, 'UnsupportedHttpVerb', 'The resource does not support the verb.')
    switch (query.get('comp')) {
      case 'block':
        return this.stageBlock(key, query.get('blockid'), request.bodyChunks)
      case 'blocklist':
        return this.commitBlockList(key, request)
      case null:
        if (String(request.headers['x-ms-blob-type']).toLowerCase() !== 'blockblob') {
          return storageError(400, 'MissingRequiredHeader', 'x-ms-blob-type must be BlockBlob.')
        }
        return this.store(key, request.bodyChunks, contentTypeOf(request), request.bodyChunks)
      default:
        return storageError(400, 'InvalidQueryParameterValue', `comp=${query.get('comp')} is not supported.`)
    }
  }

  private signature(key: string, query: URLSearchParams): string {
    const signed = SIGNED_PARAMS.map(name => `${name}=${query.get(name) ?? ''}`).join('\n')
    return createHmac('sha256', this.secret).update(`${key}\n${signed}`).digest('base64')
  }

  private checkSignature(key: string, query: URLSearchParams, needed: 'r' | 'w'): Reply | undefined {
    const sig = query.get('sig')
    if (!sig || sig !== this.signature(key, query)) {
      return storageError(403, 'AuthenticationFailed', 'Signature did not match.')
    }
    if (new Date(query.get('se') ?? 0).getTime() < this.now().getTime()) {
      return storageError(403, 'AuthenticationFailed', 'Signed expiry time has passed.')
    }
    if (!(query.get('sp') ?? '').includes(needed)) {
      return storageError(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.')
    }
    return undefined
  }

  /**
   * The blob, or the byte range asked for as Azure serves one: `bytes=a-b` and `bytes=a-` (in
   * `x-ms-range` or `Range`) get 206 with `Content-Range: bytes a-b/<size>`, a range that starts
   * past the end 416 with the size in Content-Range; any other form is ignored (200, the
   * whole blob), as Azure ignores the suffix form `bytes=-n`.
   */
  private download(key: string, query: URLSearchParams, range: string | undefined): Reply {
    const blob = this.blobs.get(key)
    if (!blob) return storageError(404, 'BlobNotFound', 'The specified blob does not exist.')
    const headers: Record<string, string> = {
      ...this.commonHeaders(blob),
      'content-type': query.get('rsct') ?? blob.contentType,
      'x-ms-blob-type': 'BlockBlob',
      'accept-ranges': 'bytes'
    }
    const disposition = query.get('rscd')
    if (disposition) headers['content-disposition'] = disposition
    const size = blob.data.length
    const asked = /^bytes=(\d+)-(\d*)$/.exec(range ?? '')
    const first = Number(asked?.[1])
    const last = asked?.[2] ? Math.min(Number(asked[2]), size - 1) : size - 1
    if (!asked || (asked[2] && Number(asked[2]) < first)) return { status: 200, headers, body: blob.data }
    if (first >= size) {
      const refused = storageError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.')
      return { ...refused, headers: { ...refused.headers, 'content-range': `bytes */${size}` } }
    }
    headers['content-range'] = `bytes ${first}-${last}/${size}`
    return { status: 206, headers, body: blob.data.subarray(first, last + 1) }
  }

  private stageBlock(key: string, blockId: string | null, data: readonly Buffer[]): Reply {
    if (!blockId) return storageError(400, 'InvalidQueryParameterValue', 'blockid is required.')
    let blocks = this.stagedBlocks.get(key)
    if (!blocks) {
      blocks = new Map()
      this.stagedBlocks.set(key, blocks)
    }
    blocks.set(blockId, data)
    return { status: 201, headers: { 'x-ms-request-id': randomUUID(), 'x-ms-version': STORAGE_VERSION, 'x-ms-request-server-encrypted': 'true' } }
  }

  private commitBlockList(key: string, request: IncomingRequest): Reply {
    const xml = request.body.toString('utf8')
    const ids = [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(match => match[2] ?? '')
    const staged = this.stagedBlocks.get(key) ?? new Map<string, readonly Buffer[]>()
    const parts: Buffer[] = []
    for (const id of ids) {
      const block = staged.get(id)
      if (!block) return storageError(400, 'InvalidBlockList', `The specified block list is invalid: unknown block ${id}.`)
      parts.push(...block)
    }
    this.stagedBlocks.delete(key)
    // Put Block List's Content-MD5 is that of the request (the list), not of the blob, as Azure's.
    return this.store(key, parts, contentTypeOf(request), request.bodyChunks)
  }

  /** Stores `parts` as the blob; the reply's Content-MD5 is that of `received`, the request's body. */
  private store(key: string, parts: readonly Buffer[], contentType: string, received: readonly Buffer[]): Reply {
    const blob = new CommittedBlob([...parts], contentType, `"0x${randomBytes(8).toString('hex').toUpperCase()}"`, this.now().toUTCString())
    this.blobs.set(key, blob)
    const md5 = createHash('md5')
    for (const chunk of received) md5.update(chunk)
    return {
      status: 201,
      headers: {
        ...this.commonHeaders(blob),
        'content-md5': md5.digest('base64'),
        'x-ms-request-server-encrypted': 'true'
      }
    }
  }

  private commonHeaders(blob: StoredBlob): Record<string, string> {
    return {
      etag: blob.etag,
      'last-modified': blob.lastModified,
      'x-ms-request-id': randomUUID(),
      'x-ms-version': STORAGE_VERSION
    }
  }
}

/** Azure reads `x-ms-range` before `Range`. */
function rangeHeader(request: IncomingRequest): string | undefined {
  const header = request.headers['x-ms-range'] ?? request.headers.range
  return typeof header === 'string' ? header.trim() : undefined
}

function contentTypeOf(request: IncomingRequest): string {
  const header = request.headers['x-ms-blob-content-type']
  return typeof header === 'string' && header !== '' ? header : 'application/octet-stream'
}
