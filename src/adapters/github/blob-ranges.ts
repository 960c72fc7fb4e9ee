import { UserError } from '../../errors.js'
import type { ArchiveBytes } from '../../core/zip-entry.js'

/** A blob read answered later than this is given up (and retried as a dropped connection). */
const REQUEST_TIMEOUT_MS = 120_000

/**
 * Random access to the blob behind a signed URL with HTTP range requests (`Range: bytes=a-b`, the
 * form Azure Blob Storage serves, answered 206 with `Content-Range: bytes a-b/<size>`).
 *
 * Opening reads the blob's last `tailBytes` bytes, taking its size from `listedSize` (Azure serves
 * no suffix ranges), and keeps them for the reads that fall in them. The true size is in the
 * answer's Content-Range: when the listing was wrong, the tail is read once more at the true size.
 * Storage that ignores the range and sends the whole blob (200) is read only when the blob is no
 * larger than `tailBytes`; for a larger one the transfer is cut off there and a UserError says
 * why. No read takes more bytes than it asked for.
 *
 * Errors never show the URL: its query is a credential. A server error reads "… blob storage: 503"
 * and a dropped connection "fetch failed", as the store's retry expects.
 */
export async function openBlobRanges(signedUrl: string, options: { listedSize: number; tailBytes: number; what: string }): Promise<ArchiveBytes> {
  const { what, tailBytes } = options
  // At least one byte is asked for, so that even an artifact listed as empty gets its true size.
  let size = Math.max(1, options.listedSize)
  for (let attempt = 1; ; attempt += 1) {
    const answer = await getRange(signedUrl, Math.max(0, size - tailBytes), size - 1, what)
    if (answer.kind === 'whole') return inMemory(answer.bytes)
    if (answer.total === 0) return inMemory(Buffer.alloc(0))
    if (answer.total === size) {
      const blobSize = size
      const tail = answer.bytes
      const tailOffset = blobSize - tail.length
      // The tail is kept: the reader's first read is the same tail, and the file is often in it.
      return {
        size: blobSize,
        read: (offset, length) =>
          offset >= tailOffset
            ? Promise.resolve(tail.subarray(offset - tailOffset, offset - tailOffset + length))
            : readRange(signedUrl, { offset, length, blobSize }, what)
      }
    }
    if (attempt === 2) throw new UserError(`${what} changed size while it was being read; run the report again`)
    size = answer.total
  }
}

type RangeAnswer = { kind: 'range'; total: number; bytes: Buffer } | { kind: 'whole'; bytes: Buffer }

async function readRange(url: string, range: { offset: number; length: number; blobSize: number }, what: string): Promise<Buffer> {
  const answer = await getRange(url, range.offset, range.offset + range.length - 1, what)
  if (answer.kind === 'whole') throw new UserError(`${what}: the storage stopped serving byte ranges while it was being read; run the report again`)
  if (answer.total !== range.blobSize) throw new UserError(`${what} changed size while it was being read; run the report again`)
  return answer.bytes
}

async function getRange(url: string, first: number, last: number, what: string): Promise<RangeAnswer> {
  const wanted = last - first + 1
  const response = await fetchOrFail(url, { headers: { range: `bytes=${first}-${last}`, 'accept-encoding': 'identity' }, redirect: 'error' }, what)
  if (response.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '')
    const total = Number(range?.[3])
    // A blob shorter than listed ends the range early; its true size is what the caller needs.
    if (!range || Number(range[1]) !== first || (Number(range[2]) !== last && total > last)) {
      await response.body?.cancel()
      throw new UserError(`${what}: the storage answered a read of bytes ${first}-${last} with another range`)
    }
    const bytes = await readAtMost(response, wanted, what)
    if (total > last && bytes.length !== wanted) throw new UserError(`${what}: the storage sent ${bytes.length} of the ${wanted} bytes asked for`)
    return { kind: 'range', total, bytes }
  }
  if (response.status === 416) {
    // Asked past the end: the blob is shorter than listed; Azure says how long it is.
    await response.body?.cancel()
    const total = Number(/^bytes \*\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1])
    if (Number.isSafeInteger(total)) return { kind: 'range', total, bytes: Buffer.alloc(0) }
    throw new UserError(`${what} is shorter than its listed size`)
  }
  if (response.status === 200) {
    // Storage that ignores ranges sends the whole blob: enough only when all of it was asked for.
    if (first === 0) {
      const bytes = await readAtMost(response, wanted, what)
      if (bytes.length <= wanted) return { kind: 'whole', bytes }
    } else {
      await response.body?.cancel()
    }
    throw new UserError(`${what}: the storage ignored the byte range asked for and sends the whole artifact, which is larger than the ${wanted} bytes model-ci reads of it; it was not downloaded`)
  }
  await response.body?.cancel()
  throw new Error(`${what}: unexpected answer from blob storage: ${response.status}`)
}

/**
 * `fetch` with a timeout, whose failures to connect or to answer in time are plain Errors that
 * say "fetch failed" (the retry's word for a dropped connection) and never show the URL.
 */
export async function fetchOrFail(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause?.code
    throw new Error(`${what}: fetch failed (${typeof cause === 'string' ? cause : (error as Error).name})`, { cause: error })
  }
}

/**
 * The body's bytes up to `limit`, and one more when there are more (so the caller can tell); the
 * rest is not transferred.
 */
async function readAtMost(response: Response, limit: number, what: string): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0)
  const chunks: Buffer[] = []
  let length = 0
  const reader = response.body.getReader()
  try {
    while (length <= limit) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength))
      length += value.byteLength
    }
  } catch (error) {
    throw new Error(`${what}: fetch failed while reading (${(error as Error).message})`, { cause: error })
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return Buffer.concat(chunks, length).subarray(0, limit + 1)
}

function inMemory(bytes: Buffer): ArchiveBytes {
  return { size: bytes.length, read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)) }
}
