import { createHash, randomBytes } from 'node:crypto'
import { constants, createReadStream } from 'node:fs'
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import { isRelativePathInside } from '../../core/relative-path.js'
import { UserError } from '../../errors.js'
import type { ArtifactStore, ListedArtifact, StoredArtifact } from '../../ports/artifact-store.js'
import type { Logger } from '../../ports/logger.js'
import { LOCAL_STATE_DIR } from './state-dir.js'

const DIGEST = /^sha256:[0-9a-f]{64}$/
const MAX_PATH_LENGTH = 4096
/** Characters GitHub refuses in an artifact name; a leading dot is kept for this store's own folders. */
const FORBIDDEN_IN_NAME = /[":<>|*?\r\n\\/]|^\./

/**
 * The ArtifactStore port over `<repo>/.model-ci/artifacts/`, for the CLI:
 * - `<run-id>/<name>/files/…` holds the uploaded files at their paths relative to the upload's
 *   root, and `<run-id>/<name>/artifact.json` its record `{ id, name, size, digest, created_at }`;
 * - `ids/<id>` holds `<run-id>/<name>`: how `download` finds an artifact by its id.
 *
 * `size` is the total size of the files (GitHub's is the size of its zip). The digest is
 * `sha256:` + the SHA-256 of a stream that depends only on the files: for each file, in the
 * order of its `/`-separated relative path compared as UTF-8 bytes, `<path>\0<size in decimal>\0`
 * followed by its bytes. Retention and compression are GitHub's concerns: a local artifact stays
 * until `.model-ci` is cleaned. Files are copied as reflinks where the file system allows.
 */
export class FsArtifactStore implements ArtifactStore {
  private readonly root: string
  /** Records already warned about, so that each is told once however often it is listed. */
  private readonly warned = new Set<string>()

  /** `logger` is told of records that cannot be read, which `list` leaves out. */
  constructor(
    repositoryRoot: string,
    private readonly runId: number,
    private readonly logger: Pick<Logger, 'warning'>
  ) {
    this.root = join(repositoryRoot, LOCAL_STATE_DIR, 'artifacts')
  }

  /** Retention and compression do not apply to a folder: `_options` is accepted and ignored. */
  async upload(name: string, rootDirectory: string, files: string[], _options: { retentionDays?: number; compressionLevel: number }): Promise<StoredArtifact> {
    if (name === '' || FORBIDDEN_IN_NAME.test(name)) throw new Error(`"${name}" is not a valid artifact name`)
    const paths = [...new Set(files.map(file => relativeInside(rootDirectory, file)))]
    const runDirectory = this.runFolder()
    // Built aside and renamed into place, so a reader never sees half an artifact.
    const staging = join(runDirectory, `.uploading-${randomBytes(6).toString('hex')}`)
    try {
      for (const path of paths) await copyReplacing(join(rootDirectory, path), join(staging, 'files', path))
      const { size, digest } = await digestOf(join(staging, 'files'), paths)
      const id = await this.reserveId(`${this.runId}/${name}`)
      const artifact: StoredArtifact = { id, name, size, digest }
      await writeFile(join(staging, 'artifact.json'), `${JSON.stringify({ ...artifact, created_at: new Date().toISOString() }, null, 2)}\n`)
      await this.putInPlace(staging, join(runDirectory, name))
      return artifact
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }

  async list(runId: number = this.runId, options: { name?: string } = {}): Promise<ListedArtifact[]> {
    const runDirectory = this.runFolder(runId)
    const names = await readdir(runDirectory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []
      throw error
    })
    const artifacts: ListedArtifact[] = []
    for (const name of names.filter(candidate => !candidate.startsWith('.') && (options.name === undefined || candidate === options.name)).sort()) {
      const directory = join(runDirectory, name)
      const record = await readRecord(directory)
      if ('artifact' in record) {
        artifacts.push(record.artifact)
      } else if (!this.warned.has(directory)) {
        // Left out as if it were not there, like an artifact GitHub no longer has, but told.
        this.warned.add(directory)
        this.logger.warning(`${recordFile(directory)}: ${record.problem ?? 'it does not exist'}, so ${directory} is left out of the artifacts of run ${runId}; delete that folder, or run the training again`)
      }
    }
    return artifacts
  }

  async download(artifactId: number, destination: string, options: { runId?: number; expectedDigest?: string } = {}): Promise<void> {
    const { runId = this.runId, expectedDigest } = options
    if (expectedDigest !== undefined && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`)
    }
    const { directory, artifact } = await this.locate(artifactId, runId)
    const filesDirectory = join(directory, 'files')
    const paths = await filesBelow(filesDirectory)
    if (expectedDigest !== undefined && (await digestOf(filesDirectory, paths)).digest !== expectedDigest) {
      throw new UserError(
        `Artifact "${artifact.name}" (id ${artifactId}) of run ${runId} does not match its digest ${expectedDigest}: ` +
          `its files in ${directory} changed after it was uploaded, so it was not used. Run the training that produced it again.`
      )
    }
    for (const path of paths) await copyReplacing(join(filesDirectory, path), join(destination, path))
  }

  /** Reads the file from the artifact's folder; a path that would leave it, or a file that is not a regular file, is refused. */
  async readFile(artifact: ListedArtifact, path: string, options: { runId?: number; maxBytes: number }): Promise<string | undefined> {
    const { runId = this.runId, maxBytes } = options
    if (!isRelativePathInside(path, MAX_PATH_LENGTH)) throw new Error(`"${path}" is not a path inside an artifact`)
    const { directory } = await this.locate(artifact.id, runId)
    const file = join(directory, 'files', path)
    const found = await lstat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
      throw error
    })
    if (found === undefined) return undefined
    const source = `artifact "${artifact.name}" (id ${artifact.id}) of run ${runId}`
    if (!found.isFile()) throw new UserError(`${source}: ${file} is not a regular file, so it was not read; run the training that produced it again`)
    if (found.size > maxBytes) throw new UserError(`${source}: ${path} is ${found.size} bytes, more than the ${maxBytes} model-ci reads`)
    return readFile(file, 'utf8')
  }

  /** The folder of run `runId`'s artifacts (by default this store's run): where a report links to them. */
  runFolder(runId: number = this.runId): string {
    return join(this.root, String(runId))
  }

  /** Takes the next free id for `location`; the exclusive create makes parallel uploads safe. */
  private async reserveId(location: string): Promise<number> {
    const idsDirectory = join(this.root, 'ids')
    await mkdir(idsDirectory, { recursive: true })
    const taken = (await readdir(idsDirectory)).map(Number).filter(Number.isInteger)
    for (let id = Math.max(0, ...taken) + 1; ; id += 1) {
      try {
        await writeFile(join(idsDirectory, String(id)), location, { flag: 'wx' })
        return id
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
  }

  /**
   * Moves the staged artifact to `target`, replacing an earlier one (whatever state its folder is
   * in) and forgetting its id when its record tells it.
   */
  private async putInPlace(staging: string, target: string): Promise<void> {
    const replaced = await readRecord(target)
    const trash = `${target}.replaced-${randomBytes(6).toString('hex')}`
    const movedAside = await rename(target, trash).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false
        throw error
      }
    )
    await rename(staging, target)
    if (movedAside) await rm(trash, { recursive: true, force: true })
    if ('artifact' in replaced) await rm(join(this.root, 'ids', String(replaced.artifact.id)), { force: true })
  }

  private async locate(artifactId: number, runId: number): Promise<{ directory: string; artifact: StoredArtifact }> {
    const notHere = () => new UserError(`Artifact ${artifactId} of run ${runId} is not in ${this.root}`)
    const idFile = join(this.root, 'ids', String(artifactId))
    const location = await readFile(idFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw new UserError(`${idFile}: it cannot be read (${error.message}), so artifact ${artifactId} cannot be found; run the training again`)
    })
    if (!location?.startsWith(`${runId}/`)) throw notHere()
    const directory = join(this.root, location)
    const record = await readRecord(directory)
    if (!('artifact' in record)) {
      // No record where the id points: the artifact's folder was deleted.
      if (record.problem === undefined) throw notHere()
      throw new UserError(`${recordFile(directory)}: ${record.problem}, so artifact ${artifactId} of run ${runId} cannot be used; delete ${directory}, or run the training again`)
    }
    // Another upload of the same name in the run replaced it.
    if (record.artifact.id !== artifactId) throw notHere()
    return { directory, artifact: record.artifact }
  }
}

function recordFile(directory: string): string {
  return join(directory, 'artifact.json')
}

/**
 * The record of the artifact in `directory`, or what is wrong with it: `problem` undefined when
 * there is no record at all, else why the file there is not one.
 */
async function readRecord(directory: string): Promise<{ artifact: StoredArtifact } | { problem?: string }> {
  let text: string
  try {
    text = await readFile(recordFile(directory), 'utf8')
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    return code === 'ENOENT' || code === 'ENOTDIR' ? {} : { problem: `it cannot be read (${message})` }
  }
  let record: unknown
  try {
    record = JSON.parse(text)
  } catch (error) {
    return { problem: `it is not valid JSON (${(error as Error).message})` }
  }
  const { id, name, size, digest } = (record ?? {}) as Record<string, unknown>
  if (typeof id !== 'number' || typeof name !== 'string' || typeof size !== 'number' || typeof digest !== 'string') {
    return { problem: 'it is not an artifact record (a number "id" and "size", a string "name" and "digest")' }
  }
  return { artifact: { id, name, size, digest } }
}

/** `file`'s path relative to `root`, `/`-separated; a file outside `root` is a caller's bug. */
function relativeInside(root: string, file: string): string {
  const path = relative(root, file)
  if (path === '' || path.startsWith('..') || isAbsolute(path)) throw new Error(`${file} is not inside the artifact's root ${root}`)
  return path.split(sep).join('/')
}

/** The relative paths of the files below `directory`, `/`-separated. */
async function filesBelow(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  return entries.filter(entry => entry.isFile()).map(entry => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'))
}

/** The total size and the digest (see FsArtifactStore) of the files at `paths` below `directory`. */
async function digestOf(directory: string, paths: string[]): Promise<{ size: number; digest: string }> {
  const hash = createHash('sha256')
  let size = 0
  const ordered = [...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  for (const path of ordered) {
    const file = join(directory, path)
    const bytes = (await stat(file)).size
    hash.update(`${path}\0${bytes}\0`)
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
    size += bytes
  }
  return { size, digest: `sha256:${hash.digest('hex')}` }
}

async function copyReplacing(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true })
  // Removed first: copying onto a symbolic link would write through it.
  await rm(target, { force: true })
  await copyFile(source, target, constants.COPYFILE_FICLONE)
}
