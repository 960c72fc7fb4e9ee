// The archive a GitLab artifact's files travel in: a plain, uncompressed POSIX tar (ustar, with a
// PAX header for a path longer than ustar holds), which `tar -xf` opens. Uncompressed, because
// models are mostly compressed already and packing must stay near the speed of hashing. The
// reader takes archives as untrusted: only regular files and folders at paths inside the
// destination; links, devices and anything else are refused with one line.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { finished } from 'node:stream/promises'
import { isRelativePathInside } from '../../core/relative-path.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'

const BLOCK = 512
const MAX_PATH_LENGTH = 4096
/** What one PAX header may hold; model-ci writes only a path. */
const MAX_PAX_BYTES = 64 * 1024

/**
 * The tar of the files at `paths` (`/`-separated, relative to `root`), chunk by chunk, read from
 * the files as it goes: an upload streams it without writing the archive anywhere first.
 */
export async function* tarChunks(root: string, paths: readonly string[]): AsyncGenerator<Buffer> {
  for (const path of paths) {
    const bytes = (await stat(join(root, path))).size
    if (Buffer.byteLength(path) > 100) {
      const record = paxRecord('path', path)
      yield header('././@PaxHeader', record.length, 'x')
      yield padded(record)
    }
    yield header(Buffer.byteLength(path) > 100 ? path.slice(0, 50).replace(/[^\x20-\x7e]/g, '_') : path, bytes, '0')
    let written = 0
    for await (const chunk of createReadStream(join(root, path), { highWaterMark: 1024 * 1024 })) {
      written += (chunk as Buffer).length
      if (written > bytes) break
      yield chunk as Buffer
    }
    if (written !== bytes) throw new Error(`${join(root, path)} changed size while it was archived`)
    const rest = (BLOCK - (bytes % BLOCK)) % BLOCK
    if (rest > 0) yield Buffer.alloc(rest)
  }
  yield Buffer.alloc(BLOCK * 2)
}

/** Writes the tar of `paths` (see tarChunks) to `target`; returns its size and sha256 (hex). */
export async function writeTar(root: string, paths: readonly string[], target: string): Promise<{ size: number; sha256: string }> {
  const out = createWriteStream(target)
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of tarChunks(root, paths)) {
    hash.update(chunk)
    size += chunk.length
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  out.end()
  await finished(out)
  return { size, sha256: hash.digest('hex') }
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`
  const base = Buffer.byteLength(body)
  let length = base + String(base).length
  if (String(length).length + base !== length) length = String(length).length + base
  return Buffer.from(`${length}${body}`)
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)])
}

function header(name: string, size: number, type: string): Buffer {
  const block = Buffer.alloc(BLOCK)
  block.write(name, 0, 100, 'utf8')
  block.write('0000644\0', 100)
  block.write('0000000\0', 108)
  block.write('0000000\0', 116)
  // Sizes past ustar's 11 octal digits take GNU's base-256 form.
  if (size < 8 ** 11) block.write(`${size.toString(8).padStart(11, '0')}\0`, 124)
  else {
    block[124] = 0x80
    for (let index = 135, rest = size; index > 124; index -= 1, rest = Math.floor(rest / 256)) block[index] = rest % 256
  }
  block.write('00000000000\0', 136)
  block.write(type, 156)
  block.write('ustar\0', 257)
  block.write('00', 263)
  block.fill(' ', 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  return block
}

/** One regular file of an archive: its path, size and where its bytes start. */
interface Entry {
  path: string
  size: number
  offset: number
}

/** The regular files of the tar in `file`, every header checked; `what` names the archive in refusals. */
export async function listTar(file: string, what: string): Promise<Entry[]> {
  const refuse = (problem: string) => new UserError(`${what} is not an archive model-ci can use: ${problem}; run the training that produced it again`)
  const handle = await open(file)
  try {
    const total = (await handle.stat()).size
    const entries: Entry[] = []
    let offset = 0
    let paxPath: string | undefined
    const read = async (at: number, length: number) => {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buffer, 0, length, at)
      if (bytesRead !== length) throw refuse('it ends in the middle of an entry')
      return buffer
    }
    for (;;) {
      if (offset + BLOCK > total) throw refuse('it ends without its end marker')
      const block = await read(offset, BLOCK)
      if (block.every((byte) => byte === 0)) return entries
      if (!checksumOk(block)) throw refuse(`the header at byte ${offset} is damaged`)
      const size = sizeOf(block)
      if (size === undefined) throw refuse(`the header at byte ${offset} has no readable size`)
      const type = String.fromCharCode(block[156] || 0x30)
      const start = offset + BLOCK
      if (start + size > total) throw refuse('it ends in the middle of an entry')
      offset = start + Math.ceil(size / BLOCK) * BLOCK
      if (type === 'x' || type === 'g') {
        if (size > MAX_PAX_BYTES) throw refuse('an extended header is too large')
        if (type === 'x') paxPath = paxPathOf(await read(start, size)) ?? paxPath
        continue
      }
      const prefix = cString(block.subarray(345, 500))
      const name = paxPath ?? (prefix ? `${prefix}/${cString(block.subarray(0, 100))}` : cString(block.subarray(0, 100)))
      paxPath = undefined
      const path = name.replace(/^\.\//, '').replace(/\/$/, '')
      if (type === '5') continue
      if (type !== '0') throw refuse(`${showUntrusted(path, 200)} is not a regular file (tar type "${showUntrusted(type, 4)}")`)
      if (!isRelativePathInside(path, MAX_PATH_LENGTH)) throw refuse(`the path ${showUntrusted(path, 200)} would leave the folder it is unpacked into`)
      entries.push({ path, size, offset: start })
    }
  } finally {
    await handle.close()
  }
}

/** The bytes of `path` in the tar in `file`, undefined when it holds none; larger than `maxBytes` is refused. */
export async function readTarEntry(file: string, path: string, maxBytes: number, what: string): Promise<Buffer | undefined> {
  const entry = [...(await listTar(file, what))].reverse().find((candidate) => candidate.path === path)
  if (!entry) return undefined
  if (entry.size > maxBytes) throw new UserError(`${what}: ${path} is ${entry.size} bytes, more than the ${maxBytes} model-ci reads`)
  const handle = await open(file)
  try {
    const buffer = Buffer.alloc(entry.size)
    await handle.read(buffer, 0, entry.size, entry.offset)
    return buffer
  } finally {
    await handle.close()
  }
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8')
}

function checksumOk(block: Buffer): boolean {
  const stored = Number.parseInt(cString(block.subarray(148, 156)).trim(), 8)
  let sum = 0
  for (let index = 0; index < BLOCK; index += 1) sum += index >= 148 && index < 156 ? 0x20 : block[index]
  return stored === sum
}

function sizeOf(block: Buffer): number | undefined {
  if (block[124] & 0x80) {
    let size = 0
    for (let index = 125; index < 136; index += 1) size = size * 256 + block[index]
    return Number.isSafeInteger(size) ? size : undefined
  }
  const text = cString(block.subarray(124, 136)).trim()
  if (!/^[0-7]+$/.test(text)) return undefined
  return Number.parseInt(text, 8)
}

function paxPathOf(data: Buffer): string | undefined {
  let path: string | undefined
  for (let at = 0; at < data.length; ) {
    const space = data.indexOf(0x20, at)
    if (space === -1) break
    const length = Number.parseInt(data.subarray(at, space).toString('utf8'), 10)
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > data.length) break
    const record = data.subarray(space + 1, at + length - 1).toString('utf8')
    const equals = record.indexOf('=')
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1)
    at += length
  }
  return path
}

/** Reads an async stream of chunks by exact byte counts. */
class ByteReader {
  private pending = Buffer.alloc(0)
  private readonly iterator: AsyncIterator<Uint8Array>
  private done = false

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]()
  }

  private async more(): Promise<boolean> {
    if (this.done) return false
    const next = await this.iterator.next()
    if (next.done) {
      this.done = true
      return false
    }
    this.pending = this.pending.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.pending, next.value])
    return true
  }

  /** Exactly `length` bytes, or undefined when the stream ends first. */
  async exactly(length: number): Promise<Buffer | undefined> {
    while (this.pending.length < length) if (!(await this.more())) return undefined
    const taken = this.pending.subarray(0, length)
    this.pending = this.pending.subarray(length)
    return taken
  }

  /** The next `length` bytes as they arrive; false when the stream ends first. */
  async pass(length: number, sink: (chunk: Buffer) => Promise<void>): Promise<boolean> {
    let left = length
    while (left > 0) {
      if (this.pending.length === 0 && !(await this.more())) return false
      const taken = this.pending.subarray(0, left)
      this.pending = this.pending.subarray(taken.length)
      left -= taken.length
      await sink(taken)
    }
    return true
  }

  /** Reads the rest of the stream, discarding it. */
  async drain(): Promise<void> {
    this.pending = Buffer.alloc(0)
    while (await this.more()) this.pending = Buffer.alloc(0)
  }
}

/**
 * Unpacks a tar as it arrives (a download's body) into `destination`, with the checks of listTar,
 * then reads the stream to its end (so a hash taken on the way covers all of it). The caller
 * unpacks into a folder of its own and moves the files into place only once the hash is checked.
 */
export async function extractTarStream(source: AsyncIterable<Uint8Array>, destination: string, what: string): Promise<void> {
  const refuse = (problem: string) => new UserError(`${what} is not an archive model-ci can use: ${problem}; run the training that produced it again`)
  const reader = new ByteReader(source)
  let paxPath: string | undefined
  let offset = 0
  try {
    for (;;) {
      const block = await reader.exactly(BLOCK)
      if (block === undefined) throw refuse('it ends without its end marker')
      if (block.every((byte) => byte === 0)) return
      if (!checksumOk(block)) throw refuse(`the header at byte ${offset} is damaged`)
      const size = sizeOf(block)
      if (size === undefined) throw refuse(`the header at byte ${offset} has no readable size`)
      const padding = (BLOCK - (size % BLOCK)) % BLOCK
      offset += BLOCK + size + padding
      const type = String.fromCharCode(block[156] || 0x30)
      if (type === 'x' || type === 'g') {
        if (size > MAX_PAX_BYTES) throw refuse('an extended header is too large')
        const data = await reader.exactly(size + padding)
        if (data === undefined) throw refuse('it ends in the middle of an entry')
        if (type === 'x') paxPath = paxPathOf(data.subarray(0, size)) ?? paxPath
        continue
      }
      const prefix = cString(block.subarray(345, 500))
      const name = paxPath ?? (prefix ? `${prefix}/${cString(block.subarray(0, 100))}` : cString(block.subarray(0, 100)))
      paxPath = undefined
      const path = name.replace(/^\.\//, '').replace(/\/$/, '')
      if (type === '5') {
        if (!(await reader.pass(size + padding, async () => undefined))) throw refuse('it ends in the middle of an entry')
        continue
      }
      if (type !== '0') throw refuse(`${showUntrusted(path, 200)} is not a regular file (tar type "${showUntrusted(type, 4)}")`)
      if (!isRelativePathInside(path, MAX_PATH_LENGTH)) throw refuse(`the path ${showUntrusted(path, 200)} would leave the folder it is unpacked into`)
      const target = join(destination, path)
      await mkdir(dirname(target), { recursive: true })
      const out = createWriteStream(target)
      const complete = await reader.pass(size, async (chunk) => {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      })
      out.end()
      await finished(out)
      if (!complete || !(await reader.pass(padding, async () => undefined))) throw refuse('it ends in the middle of an entry')
    }
  } finally {
    await reader.drain()
  }
}
