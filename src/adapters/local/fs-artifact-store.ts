import { createHash, randomBytes } from 'node:crypto'
import { constants, createReadStream } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import { UserError } from '../../errors.js'
import type { ArtifactStore, ListedArtifact, StoredArtifact } from '../../ports/artifact-store.js'
import { LOCAL_STATE_DIR } from './state-dir.js'

const DIGEST = /^sha256:[0-9a-f]{64}$/
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

  constructor(
    repositoryRoot: string,
    private readonly runId: number
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

  async list(runId: number = this.runId): Promise<ListedArtifact[]> {
    const runDirectory = this.runFolder(runId)
    const names = await readdir(runDirectory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []
      throw error
    })
    const artifacts: ListedArtifact[] = []
    for (const name of names.filter(candidate => !candidate.startsWith('.')).sort()) {
      artifacts.push(await readRecord(join(runDirectory, name)))
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

  /** Moves the staged artifact to `target`, replacing (and forgetting the id of) an earlier one. */
  private async putInPlace(staging: string, target: string): Promise<void> {
    const replaced = await readRecord(target).catch(() => undefined)
    if (replaced) {
      const trash = `${target}.replaced-${randomBytes(6).toString('hex')}`
      await rename(target, trash)
      await rename(staging, target)
      await rm(trash, { recursive: true, force: true })
      await rm(join(this.root, 'ids', String(replaced.id)), { force: true })
    } else {
      await rename(staging, target)
    }
  }

  private async locate(artifactId: number, runId: number): Promise<{ directory: string; artifact: StoredArtifact }> {
    const location = await readFile(join(this.root, 'ids', String(artifactId)), 'utf8').catch(() => undefined)
    if (location?.startsWith(`${runId}/`)) {
      const directory = join(this.root, location)
      const artifact = await readRecord(directory).catch(() => undefined)
      if (artifact?.id === artifactId) return { directory, artifact }
    }
    throw new UserError(`Artifact ${artifactId} of run ${runId} is not in ${this.root}`)
  }
}

async function readRecord(directory: string): Promise<StoredArtifact> {
  const file = join(directory, 'artifact.json')
  const record: unknown = JSON.parse(await readFile(file, 'utf8'))
  const { id, name, size, digest } = (record ?? {}) as Record<string, unknown>
  if (typeof id !== 'number' || typeof name !== 'string' || typeof size !== 'number' || typeof digest !== 'string') {
    throw new Error(`${file} is not an artifact record`)
  }
  return { id, name, size, digest }
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
