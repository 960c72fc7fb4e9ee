// Size and sha256 of a training's output files, for the manifest. Files are read as streams in
// large chunks, so a model of many gigabytes takes constant memory and hashes at about the speed
// of the disk or of OpenSSL, whichever is slower.
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { open, readdir, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { escapeControlCharacters } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { ManifestFile } from '../../core/manifest.js'

// Fewer, larger reads: 1 MiB chunks hash a large file at the speed of 16 MiB ones.
const CHUNK_BYTES = 1024 * 1024
// Hashing runs on the main thread; a few files at once keep the disk busy while one is hashed,
// without crowding libuv's four threads that the artifact and cache clients also use.
const CONCURRENT_FILES = 3

// Without following a link, and without waiting for a writer should the path be a FIFO.
// (Windows has neither flag; there a link is only caught by the walk in hashTree.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** The size and sha256 (lowercase hex) of one file; a symbolic link or a special file is refused. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const handle = await open(path, OPEN_FLAGS).catch((error: unknown) => {
    throw errorCode(error) === 'ELOOP' ? symbolicLinkError(path) : error
  })
  try {
    if (!(await handle.stat()).isFile()) throw specialFileError(path)
  } catch (error) {
    await handle.close()
    throw error
  }
  // The stream closes the handle when it ends or fails.
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk)
    size += chunk.length
  }
  return { size, sha256: hash.digest('hex') }
}

/**
 * Every file below `root` with its size and sha256, sorted by path ("/"-separated, relative to
 * `root`). A symbolic link anywhere below `root` is refused: the artifact must hold the outputs
 * themselves, never follow a link out of the output folder. `root` itself may be a link.
 */
export async function hashTree(root: string): Promise<ManifestFile[]> {
  const paths = await listFiles(root)
  const files: ManifestFile[] = new Array(paths.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++
      files[index] = { path: paths[index], ...(await hashFile(join(root, paths[index]))) }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_FILES, paths.length) }, worker))
  return files
}

/** Relative "/"-separated paths of the regular files below `root`, in code-unit order. */
async function listFiles(root: string): Promise<string[]> {
  const paths: string[] = []
  // A stack rather than recursion: folder depth is the user's to choose.
  const folders = ['']
  while (folders.length > 0) {
    const folder = folders.pop()!
    for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`
      if (entry.isDirectory()) folders.push(path)
      else if (entry.isFile()) paths.push(path)
      else if (entry.isSymbolicLink()) throw symbolicLinkError(join(root, path), await readlink(join(root, path)))
      else throw specialFileError(join(root, path))
    }
  }
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** A file name quoted for a one-line error, every control character escaped. */
function quoted(name: string): string {
  return escapeControlCharacters(JSON.stringify(name))
}

function symbolicLinkError(path: string, target?: string): UserError {
  const pointsTo = target === undefined ? '' : ` (to ${quoted(target)})`
  return new UserError(
    `${quoted(path)} is a symbolic link${pointsTo}; the artifact must not follow links out of the output folder, so write or copy the file itself there`
  )
}

function specialFileError(path: string): UserError {
  return new UserError(`${quoted(path)} is not a regular file (a FIFO, socket or device); leave only files and folders in the output folder`)
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}
