import type { FileEntry } from '../../ports/git.js'

/** What scanIndexFile found. */
export interface IndexScan {
  /** The entries of the files asked for, as `git ls-files --stage` gives them. */
  entries: FileEntry[]
  /** The tree id the cache-tree extension records for the whole index, when it is valid. */
  rootTree?: string
}

/**
 * Scans git's index file (`.git/index`, see gitformat-index(5)) for files called `names` at any
 * depth below `folders`, the entries `git ls-files --stage -- '<folder>*\/<name>'` lists ("." is
 * the top folder; a folder whose name starts with one of `folders` counts too). In a monorepo this
 * costs one pass over a buffer instead of `git ls-files` and `git diff-index`, two processes that
 * detect would otherwise wait for.
 *
 * `data` is the file's bytes and `oidLength` 20 (SHA-1) or 32 (SHA-256). It reads the layout a
 * checkout has, versions 2 and 3; for anything else (version 4's compressed paths, a split or
 * sparse index, a merge in progress, `git add -N` entries, a damaged file) it returns undefined,
 * and the caller asks git, which is always right.
 */
export function scanIndexFile(data: Buffer, oidLength: number, folders: readonly string[], names: readonly string[]): IndexScan | undefined {
  const checksumStart = data.length - oidLength
  if (checksumStart < 12 || data.toString('latin1', 0, 4) !== 'DIRC') return undefined
  const version = data.readUInt32BE(4)
  if (version !== 2 && version !== 3) return undefined
  const matcher = new PathMatcher(folders, names)
  const lastByte = matcher.lastByte
  // Tens of thousands of entries, read with plain byte loads and string slices: a call into
  // Buffer per entry (toString, compare) would cost several times the scan itself in a process
  // that runs for a fraction of a second. Hence the file decoded once as latin1 text, and the ids
  // of the entries found copied together and turned into hex at the end.
  const bytes = data.toString('latin1')
  const entries: FileEntry[] = []
  const oidOffsets: number[] = []
  const flagsAt = 40 + oidLength
  const count = data.readUInt32BE(8)
  let at = 12
  for (let index = 0; index < count; index++) {
    if (at + flagsAt + 4 > checksumStart) return undefined
    const flags = (data[at + flagsAt] << 8) | data[at + flagsAt + 1]
    // A sparse index's folder entry (mode 040000), or an unmerged stage: git knows what to do.
    if ((data[at + 26] & 0xf0) === 0x40 || (flags & STAGE) !== 0) return undefined
    let pathStart = at + flagsAt + 2
    if ((flags & EXTENDED) !== 0) {
      if ((data[pathStart] & INTENT_TO_ADD_HIGH_BYTE) !== 0) return undefined
      pathStart += 2
    }
    const nameLength = flags & NAME_LENGTH
    const pathEnd = nameLength < NAME_LENGTH ? pathStart + nameLength : data.indexOf(0, pathStart)
    if (pathEnd < pathStart || pathEnd >= checksumStart || data[pathEnd] !== 0) return undefined
    // Most paths end in a byte no name ends in (".csv" below a model): one load rejects them.
    if (lastByte[data[pathEnd - 1]] === 1) {
      const path = bytes.slice(pathStart, pathEnd)
      if (matcher.matches(path)) {
        entries.push({
          // Paths are UTF-8; the latin1 text reads ASCII right.
          path: NOT_ASCII.test(path) ? data.toString('utf8', pathStart, pathEnd) : path,
          mode: (((data[at + 24] << 24) | (data[at + 25] << 16) | (data[at + 26] << 8) | data[at + 27]) >>> 0).toString(8),
          oid: ''
        })
        oidOffsets.push(at + 40)
      }
    }
    // The path is followed by 1 to 8 NUL bytes, up to a multiple of 8 from the entry's start.
    at += (pathEnd - at + 8) & ~7
  }
  const extensions = readExtensions(data, at, checksumStart, oidLength)
  if (!extensions) return undefined
  const oids = Buffer.allocUnsafe(oidOffsets.length * oidLength)
  for (let index = 0; index < oidOffsets.length; index++) {
    for (let byte = 0; byte < oidLength; byte++) oids[index * oidLength + byte] = data[oidOffsets[index] + byte]
  }
  const hex = oids.toString('hex')
  for (let index = 0; index < entries.length; index++) entries[index].oid = hex.slice(2 * index * oidLength, 2 * (index + 1) * oidLength)
  return { entries, rootTree: extensions.rootTree }
}

const NOT_ASCII = /[\u0080-\u00ff]/
const EXTENDED = 0x4000
const STAGE = 0x3000
const NAME_LENGTH = 0x0fff
/** The intent-to-add bit (0x2000) of the extended flags, in their first byte. */
const INTENT_TO_ADD_HIGH_BYTE = 0x20

/** `<folder>*\/<name>` for every folder and name, tested on a path's bytes as latin1 text. */
class PathMatcher {
  private readonly suffixes: string[]
  private readonly prefixes: string[]
  /** 1 for the bytes a suffix ends in. */
  readonly lastByte = new Uint8Array(256)

  constructor(folders: readonly string[], names: readonly string[]) {
    const latin1 = (text: string) => Buffer.from(text).toString('latin1')
    this.suffixes = names.map((name) => latin1(`/${name}`))
    this.prefixes = folders.includes('.') ? [] : folders.map(latin1)
    for (const suffix of this.suffixes) this.lastByte[suffix.charCodeAt(suffix.length - 1)] = 1
  }

  matches(path: string): boolean {
    // Indexed loops: for-of makes an iterator per call, thousands of them.
    const { suffixes, prefixes } = this
    for (let s = 0; s < suffixes.length; s++) {
      const suffix = suffixes[s]
      if (path.length <= suffix.length || !path.endsWith(suffix)) continue
      if (prefixes.length === 0) return true
      for (let p = 0; p < prefixes.length; p++) {
        if (path.length >= prefixes[p].length + suffix.length && path.startsWith(prefixes[p])) return true
      }
    }
    return false
  }
}

/**
 * Reads the extensions between `start` and `end` (the trailing checksum). Returns the root tree of
 * a valid cache tree, or undefined (the whole result) when an extension git requires readers to
 * understand is present: a split index ("link") or a sparse one ("sdir").
 */
function readExtensions(data: Buffer, start: number, end: number, oidLength: number): { rootTree?: string } | undefined {
  let rootTree: string | undefined
  for (let at = start; at < end; ) {
    if (at + 8 > end) return undefined
    const signature = data.toString('latin1', at, at + 4)
    const size = data.readUInt32BE(at + 4)
    const body = at + 8
    if (body + size > end) return undefined
    // Signatures starting with a capital letter are optional; any other must be understood.
    if (!/^[A-Z]/.test(signature)) return undefined
    if (signature === 'TREE') rootTree = rootOfCacheTree(data, body, body + size, oidLength)
    at = body + size
  }
  return { rootTree }
}

/** The cache tree's first entry is the whole index: "\0<entry count> <subtrees>\n<id>", with no id when the count is -1 (invalid). */
function rootOfCacheTree(data: Buffer, start: number, end: number, oidLength: number): string | undefined {
  if (data[start] !== 0) return undefined
  const newline = data.indexOf(0x0a, start)
  if (newline === -1 || newline + 1 + oidLength > end) return undefined
  const entryCount = data.toString('latin1', start + 1, newline).split(' ')[0]
  if (!/^\d+$/.test(entryCount)) return undefined
  return data.toString('hex', newline + 1, newline + 1 + oidLength)
}
