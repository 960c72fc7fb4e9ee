// Reading one file out of a zip archive without the rest of it: the end of the archive gives the
// central directory, the directory gives the file's place, and only those bytes are read. The
// archive is untrusted (a fork's run may have uploaded it), so every offset, size, count and name
// it declares is checked before it is used, and what the file inflates to is capped: a broken or
// hostile archive is refused with one line that says what is wrong with it.
//
// Pure but for inflating: the reads go through `ArchiveBytes`, which the caller implements (HTTP
// range requests on a blob, a file).
import { crc32, inflateRawSync } from 'node:zlib'
import { UserError } from '../errors.js'
import { isRelativePathInside } from './relative-path.js'
import { showUntrusted } from './untrusted-text.js'

/** Random access to an archive of `size` bytes. */
export interface ArchiveBytes {
  readonly size: number
  /** The `length` bytes from `offset`; the range always lies within `size`. */
  read(offset: number, length: number): Promise<Buffer>
}

/**
 * The end of the archive read first: the end record, and in an archive of a few hundred files the
 * whole central directory. Only an end record with a long comment lies further back.
 */
export const ZIP_FIRST_TAIL_BYTES = 16 * 1024
/** What the end of the archive holds at most: the end record, its comment and the ZIP64 end records. */
const ZIP_TAIL_BYTES = 22 + 0xffff + 20 + 56
/** A central directory larger than this is refused unread: 1,000,000 short names fit. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024
export const MAX_ENTRIES = 1_000_000
/** An output path is at most 4,096 characters (see manifest.ts), and sits under `outputs/`. */
const MAX_NAME_LENGTH = 4200

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const ZIP64_END_LOCATOR = 0x07064b50
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50
const CENTRAL_HEADER = 0x02014b50
const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER_SIZE = 46
const LOCAL_HEADER_SIZE = 30
const ZIP64_EXTRA = 0x0001
const STORED = 0
const DEFLATED = 8
/** Bytes read past a local header's name beyond what the central directory says its extra field holds. */
const LOCAL_EXTRA_ALLOWANCE = 1024

interface Directory {
  offset: number
  size: number
  entries: number
}

interface Entry {
  name: string
  flags: number
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
  nameBytes: Buffer
  extraLength: number
}

/**
 * The bytes of the file at `path` (no `./`, `/`-separated) at the root of `archive`, or undefined
 * when the archive holds no such file. `source` names the archive at the start of every error.
 * A UserError refuses: an archive that is not a zip or is cut short; offsets, sizes or counts that
 * do not fit in it or pass the caps above; any entry whose name is not a plain relative path (NUL,
 * an absolute path, "." or ".." parts, backslashes), since no upload model-ci reads makes one and
 * unpackers disagree on them; the file twice; an encrypted file or one compressed other than by
 * deflate; a file larger than `maxBytes`, declared or once inflated (inflating stops there); and
 * content that does not match its CRC-32.
 */
export async function readZipEntry(archive: ArchiveBytes, path: string, options: { maxBytes: number; source: string }): Promise<Buffer | undefined> {
  const refuse = (reason: string) => new UserError(`${options.source} is not a zip archive model-ci can read: ${reason}`)
  if (archive.size < 22) throw refuse(`it is ${archive.size} bytes long, shorter than any zip archive`)
  let tailOffset = Math.max(0, archive.size - ZIP_FIRST_TAIL_BYTES)
  let tail = await archive.read(tailOffset, archive.size - tailOffset)
  if (tailOffset > 0 && findEndRecord(tail) === undefined) {
    tailOffset = Math.max(0, archive.size - ZIP_TAIL_BYTES)
    tail = await archive.read(tailOffset, archive.size - tailOffset)
  }
  const bytesAt = (offset: number, length: number): Promise<Buffer> =>
    offset >= tailOffset ? Promise.resolve(tail.subarray(offset - tailOffset, offset - tailOffset + length)) : archive.read(offset, length)

  const directory = await locateCentralDirectory(tail, tailOffset, bytesAt, refuse)
  const entry = findEntry(await bytesAt(directory.offset, directory.size), directory, path, refuse)
  if (entry === undefined) return undefined
  const shown = showUntrusted(path, 200)
  if ((entry.flags & 0x1) !== 0) throw refuse(`${shown} is encrypted`)
  if (entry.method !== STORED && entry.method !== DEFLATED) throw refuse(`${shown} is compressed with method ${entry.method}; only stored and deflated files are read`)
  if (entry.size > options.maxBytes) {
    throw new UserError(`${options.source}: ${path} is ${entry.size} bytes, more than the ${options.maxBytes} model-ci reads`)
  }
  // Deflate's worst case is fixed Huffman codes of 9 bits for 8-bit bytes: more would only make
  // this read more than it needs before the inflated size is checked.
  const largestCompressed = entry.method === STORED ? entry.size : entry.size + Math.ceil(entry.size / 8) + 1024
  if (entry.compressedSize > largestCompressed) throw refuse(`${shown} declares ${entry.compressedSize} compressed bytes for ${entry.size} bytes of content`)

  const data = await entryData(entry, directory, bytesAt, refuse)
  const content = entry.method === STORED ? data : inflate(data, entry.size, shown, refuse)
  if (content.length !== entry.size) throw refuse(`${shown} holds ${content.length} bytes, not the ${entry.size} its header declares`)
  if (crc32(content) !== entry.crc) throw refuse(`the content of ${shown} does not match its CRC-32: the archive is corrupt`)
  return content
}

async function locateCentralDirectory(
  tail: Buffer,
  tailOffset: number,
  bytesAt: (offset: number, length: number) => Promise<Buffer>,
  refuse: (reason: string) => UserError
): Promise<Directory> {
  const end = findEndRecord(tail)
  if (end === undefined) throw refuse('it has no end of central directory record, so it is not a zip archive or it was cut short')
  const endOffset = tailOffset + end
  if (tail.readUInt16LE(end + 4) !== 0 || tail.readUInt16LE(end + 6) !== 0) throw refuse('it spans several disks')
  let entries = tail.readUInt16LE(end + 10)
  let size = tail.readUInt32LE(end + 12)
  let offset = tail.readUInt32LE(end + 16)
  let directoryEnd = endOffset
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    if (endOffset < 20) throw refuse('its end record points to ZIP64 records that are not there')
    const locator = await bytesAt(endOffset - 20, 20)
    if (locator.readUInt32LE(0) !== ZIP64_END_LOCATOR) throw refuse('its end record points to ZIP64 records that are not there')
    const recordOffset = safeNumber(locator.readBigUInt64LE(8))
    if (recordOffset === undefined || recordOffset + 56 > endOffset - 20) throw refuse('its ZIP64 end record lies outside the archive')
    const record = await bytesAt(recordOffset, 56)
    if (record.readUInt32LE(0) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw refuse('its ZIP64 end record is missing')
    const total = safeNumber(record.readBigUInt64LE(32))
    const zip64Size = safeNumber(record.readBigUInt64LE(40))
    const zip64Offset = safeNumber(record.readBigUInt64LE(48))
    if (total === undefined || zip64Size === undefined || zip64Offset === undefined) throw refuse('its ZIP64 end record declares sizes beyond any archive')
    entries = total
    size = zip64Size
    offset = zip64Offset
    directoryEnd = recordOffset
  }
  if (entries > MAX_ENTRIES) throw refuse(`it declares ${entries} entries, more than the ${MAX_ENTRIES} model-ci reads`)
  if (size > MAX_CENTRAL_DIRECTORY_BYTES) throw refuse(`its central directory is ${size} bytes, more than the ${MAX_CENTRAL_DIRECTORY_BYTES} model-ci reads`)
  if (offset + size > directoryEnd) throw refuse('its central directory lies outside the archive')
  if (entries * CENTRAL_HEADER_SIZE > size) throw refuse(`its central directory of ${size} bytes cannot hold the ${entries} entries it declares`)
  return { offset, size, entries }
}

/** Where the end record starts in `tail`: the last signature whose comment reaches exactly to the end. */
function findEndRecord(tail: Buffer): number | undefined {
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at -= 1) {
    if (tail.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + 22 + tail.readUInt16LE(at + 20) === tail.length) return at
  }
  return undefined
}

/** The entry named `path`, after checking every entry of the directory. */
function findEntry(bytes: Buffer, directory: Directory, path: string, refuse: (reason: string) => UserError): Entry | undefined {
  let found: Entry | undefined
  let at = 0
  for (let index = 0; index < directory.entries; index += 1) {
    if (at + CENTRAL_HEADER_SIZE > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw refuse(`entry ${index + 1} of ${directory.entries} is not where the central directory says`)
    }
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength
    if (next > bytes.length) throw refuse(`entry ${index + 1} runs past the end of the central directory`)
    const nameBytes = bytes.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength)
    const name = nameBytes.toString('utf8')
    if (nameBytes.includes(0)) throw refuse(`an entry's name holds a NUL byte: ${showUntrusted(name, 200)}`)
    // A folder's entry ends with "/"; the rest of its name follows the rule for files.
    if (!isRelativePathInside(name.endsWith('/') ? name.slice(0, -1) : name, MAX_NAME_LENGTH)) {
      throw refuse(`an entry's name is not a relative path inside the archive (an absolute path, ".", ".." or empty parts, or a backslash): ${showUntrusted(name, 200)}`)
    }
    if (name === path) {
      if (found !== undefined) throw refuse(`it holds ${showUntrusted(path, 200)} twice`)
      const extra = bytes.subarray(at + CENTRAL_HEADER_SIZE + nameLength, at + CENTRAL_HEADER_SIZE + nameLength + extraLength)
      const sizes = withZip64Sizes(
        { size: bytes.readUInt32LE(at + 24), compressedSize: bytes.readUInt32LE(at + 20), localOffset: bytes.readUInt32LE(at + 42) },
        extra,
        () => refuse(`the ZIP64 sizes of ${showUntrusted(path, 200)} are missing or too large`)
      )
      found = { name, flags: bytes.readUInt16LE(at + 8), method: bytes.readUInt16LE(at + 10), crc: bytes.readUInt32LE(at + 16), ...sizes, nameBytes, extraLength }
    }
    at = next
  }
  return found
}

/** The sizes and offset of an entry, with those that hold 0xffffffff read from its ZIP64 extra field, in the order the format sets. */
function withZip64Sizes<T extends { size: number; compressedSize: number; localOffset: number }>(declared: T, extra: Buffer, invalid: () => UserError): T {
  const wanted = (['size', 'compressedSize', 'localOffset'] as const).filter((field) => declared[field] === 0xffffffff)
  if (wanted.length === 0) return declared
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at)
    const length = extra.readUInt16LE(at + 2)
    if (id === ZIP64_EXTRA) {
      if (length < wanted.length * 8 || at + 4 + length > extra.length) throw invalid()
      const sizes = { ...declared }
      wanted.forEach((field, index) => {
        const value = safeNumber(extra.readBigUInt64LE(at + 4 + index * 8))
        if (value === undefined) throw invalid()
        sizes[field] = value
      })
      return sizes
    }
    at += 4 + length
  }
  throw invalid()
}

/** The entry's compressed bytes, after checking its local header against the central directory. */
async function entryData(
  entry: Entry,
  directory: Directory,
  bytesAt: (offset: number, length: number) => Promise<Buffer>,
  refuse: (reason: string) => UserError
): Promise<Buffer> {
  const shown = showUntrusted(entry.name, 200)
  if (entry.localOffset + LOCAL_HEADER_SIZE + entry.nameBytes.length + entry.compressedSize > directory.offset) {
    throw refuse(`${shown} lies outside the archive's data`)
  }
  // One read for the header and the data, with room for a local extra field longer than the central one.
  const expectedHeader = LOCAL_HEADER_SIZE + entry.nameBytes.length + entry.extraLength
  const length = Math.min(expectedHeader + LOCAL_EXTRA_ALLOWANCE + entry.compressedSize, directory.offset - entry.localOffset)
  const bytes = await bytesAt(entry.localOffset, length)
  if (bytes.readUInt32LE(0) !== LOCAL_HEADER) throw refuse(`${shown} has no local header where the central directory says`)
  const nameLength = bytes.readUInt16LE(26)
  const dataStart = LOCAL_HEADER_SIZE + nameLength + bytes.readUInt16LE(28)
  if (!bytes.subarray(LOCAL_HEADER_SIZE, LOCAL_HEADER_SIZE + nameLength).equals(entry.nameBytes)) {
    throw refuse(`the local header of ${shown} names another file`)
  }
  if (dataStart + entry.compressedSize > bytes.length) throw refuse(`the local header of ${shown} leaves no room for its data`)
  return bytes.subarray(dataStart, dataStart + entry.compressedSize)
}

function inflate(data: Buffer, size: number, shown: string, refuse: (reason: string) => UserError): Buffer {
  try {
    // One byte more than declared is enough to know it is more: inflating stops there.
    return inflateRawSync(data, { maxOutputLength: size + 1 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw refuse(`${shown} inflates to more than the ${size} bytes its header declares`)
    throw refuse(`${shown} cannot be inflated (${(error as Error).message})`)
  }
}

function safeNumber(value: bigint): number | undefined {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined
}
