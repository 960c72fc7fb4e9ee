import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path'
import { finished } from 'node:stream/promises'
import * as z from 'zod/mini'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { ArtifactStore, ListedArtifact, StoredArtifact } from '../../ports/artifact-store.js'
import { GitLabApi, gitLabStatus, isConnectionError, pipelinesNeedApiToken, type GitLabApiOptions } from './gitlab-api.js'
import { extractTarStream, readTarEntry, tarChunks } from './tar-archive.js'

/** The package file holding all of an artifact's files; its sha256 is the artifact's digest. */
export const ARCHIVE_FILE = 'model-ci-files.tar'
/** Root files up to this size are also stored as package files of their own, for readFile. */
export const SIDE_FILE_MAX_BYTES = 1024 * 1024
/** The ledger's package: its version is the pipeline id (DESIGN.md section 9). */
export const LEDGER_PACKAGE = 'model-ci-ledger'

const DIGEST = /^sha256:[0-9a-f]{64}$/
/** Tries of a download whose connection breaks off in the middle of the body. */
const DOWNLOAD_TRIES = 3
/** Versions GitLab takes for a generic package. */
export const PACKAGE_VERSION = /^(\.?[\w+-]+\.?)+$/
/** File names GitLab takes for a generic package file. */
const PACKAGE_FILE_NAME = /^[A-Za-z0-9._~+-]+$/
/** A model version label ends with its pipeline: `…-r<pipeline id>`, and `.a<attempt>` for a retry (core/manifest.ts). */
const LABEL_PIPELINE = /-r(\d+)(?:\.a\d+)?$/

export interface GitLabPackageArtifactStoreOptions extends Omit<GitLabApiOptions, 'token'> {
  /** CI_JOB_TOKEN: the generic package registry takes it for reading and writing. */
  token: GitLabApiOptions['token']
  /** CI_PIPELINE_ID: the pipeline `list` and `download` mean when given none. */
  pipelineId: number
  /**
   * MODEL_CI_GITLAB_TOKEN, for `list`'s reads of the pipelines API, which GitLab does not open to
   * CI_JOB_TOKEN; without it `list` is refused with an error naming the variable.
   */
  pipelinesToken?: GitLabApiOptions['token']
}

const pipelineRef = z.object({
  id: z.number(),
  ref: z.optional(z.nullable(z.string())),
  sha: z.optional(z.nullable(z.string())),
  source: z.optional(z.nullable(z.string())),
  created_at: z.optional(z.nullable(z.string())),
  web_url: z.optional(z.string())
})
const pipelineSchema = z.object({
  id: z.number(),
  ref: z.optional(z.nullable(z.string())),
  sha: z.optional(z.nullable(z.string())),
  created_at: z.string(),
  finished_at: z.optional(z.nullable(z.string()))
})
const bridgeSchema = z.object({ downstream_pipeline: z.optional(z.nullable(z.object({ id: z.number() }))) })
export const packageSchema = z.object({
  id: z.number(),
  name: z.string(),
  version: z.string(),
  package_type: z.string(),
  created_at: z.string(),
  pipeline: z.optional(z.nullable(pipelineRef))
})
const packageFileSchema = z.object({
  id: z.number(),
  package_id: z.optional(z.number()),
  file_name: z.string(),
  size: z.number(),
  file_sha256: z.nullable(z.optional(z.string())),
  created_at: z.string()
})
type PackageFile = z.infer<typeof packageFileSchema>
/** A generic package as GitLab lists it, with the pipeline that uploaded it last, when GitLab records one. */
export type GenericPackage = z.infer<typeof packageSchema>

/**
 * The ArtifactStore port over a GitLab project's generic package registry (DESIGN.md section 9).
 * An artifact `model-ci-<model>` is the package of that name whose version is the training's
 * version label (read from the upload's manifest.json); `model-ci-ledger`'s version is the
 * pipeline id. A package holds:
 * - `model-ci-files.tar`: every file of the artifact in one uncompressed tar. Its sha256, as GitLab
 *   computes it (`file_sha256`), is the artifact's digest, checked on download;
 * - each root file of at most 1 MiB (manifest.json, ledger.json) again as its own package file,
 *   so that `readFile` of a record downloads that file and never the model.
 * An artifact's id is its package's id. A package belongs to the pipeline GitLab records for its
 * newest upload (a job token's), or, uploaded without one, to the pipeline its version names. The
 * jobs of model-ci's child pipeline train and report for their parent's run (gitlab-context.ts):
 * GitLab records the child pipeline for their uploads, so a package whose version names the
 * parent (`…-r<parent>`, `…-r<parent>.a<n>`, the ledger's `<parent>`) belongs to the parent when
 * its uploader is one of the parent's child pipelines: those GitLab lists as the
 * `downstream_pipeline` of the parent's bridges (trigger jobs); where the token may not read them,
 * a `parent_pipeline` pipeline of the parent's ref and commit, created after it.
 */
export class GitLabPackageArtifactStore implements ArtifactStore {
  private readonly api: GitLabApi
  /** Package files by package id, as `list` read them: `readFile` then needs no listing of its own. */
  private readonly filesSeen = new Map<number, PackageFile[]>()
  /** Packages by id, as `list` read them: `readFile` then needs no lookup of the name and version. */
  private readonly packagesSeen = new Map<number, GenericPackage>()

  private readonly pipelinesApi: GitLabApi | undefined

  constructor(private readonly options: GitLabPackageArtifactStoreOptions) {
    this.api = new GitLabApi(options)
    this.pipelinesApi = options.pipelinesToken ? new GitLabApi({ ...options, token: options.pipelinesToken }) : undefined
  }

  /** Compression does not apply (see tar-archive.ts); retention is the registry's cleanup policy. */
  async upload(name: string, rootDirectory: string, files: string[], _options: { retentionDays?: number; compressionLevel: number }): Promise<StoredArtifact> {
    const paths = [...new Set(files.map((file) => relativeInside(rootDirectory, file)))].sort()
    return this.uploadPackage(name, await this.versionFor(name, rootDirectory, paths), rootDirectory, paths)
  }

  /**
   * Uploads the files at `paths` (relative to `rootDirectory`) as package `name` `version`: the
   * archive, and (unless `sideFiles` is false) the small root files beside it. Returns the
   * package as an artifact, its digest the archive's sha256 as GitLab computed it (checked
   * against what was sent).
   */
  async uploadPackage(name: string, version: string, rootDirectory: string, paths: string[], options: { sideFiles?: boolean } = {}): Promise<StoredArtifact> {
    // Side files first: a package counts as an artifact only once its archive is there.
    for (const path of options.sideFiles === false ? [] : paths) {
      if (path.includes('/') || !PACKAGE_FILE_NAME.test(path) || path === ARCHIVE_FILE) continue
      const { size } = await stat(join(rootDirectory, path))
      if (size <= SIDE_FILE_MAX_BYTES) await this.put(name, version, path, join(rootDirectory, path))
    }
    // The archive is made as it is sent, hashed on the way: nothing is written to disk first.
    let sent = { size: 0, hash: createHash('sha256') }
    const stored = await this.put(name, version, ARCHIVE_FILE, () => {
      sent = { size: 0, hash: createHash('sha256') }
      return hashing(tarChunks(rootDirectory, paths), sent)
    })
    const { size } = sent
    const sha256 = sent.hash.digest('hex')
    if (stored.file_sha256 !== sha256 || stored.size !== size) {
      throw new UserError(`artifact "${name}" ${version} was stored by GitLab as ${stored.size} bytes with sha256 ${stored.file_sha256 ?? 'unknown'}, not the ${size} bytes with ${sha256} that were sent; re-run the job`)
    }
    return { id: stored.package_id ?? (await this.packageId(name, version)), name, size, digest: `sha256:${sha256}` }
  }

  async list(pipelineId: number = this.options.pipelineId, options: { name?: string } = {}): Promise<ListedArtifact[]> {
    const pipelinesApi = this.pipelinesApi
    if (!pipelinesApi) throw pipelinesNeedApiToken(`Finding the trainings of pipeline ${pipelineId}`)
    const pipeline = await pipelinesApi.json('GET', pipelinesApi.projectPath(`/pipelines/${pipelineId}`), pipelineSchema).catch((error: unknown) => {
      if (gitLabStatus(error) === 404) return undefined
      throw error
    })
    if (!pipeline) return []
    const children = new ChildPipelines(pipelinesApi, pipeline)
    const since = Date.parse(pipeline.created_at)
    const path = this.api.projectPath('/packages')
    // GitLab's package_name matches names that contain it: the exact name is checked below.
    const query = { package_type: 'generic', package_name: options.name ?? 'model-ci-', order_by: 'created_at', sort: 'desc' }
    // A finished pipeline's packages were all created before it finished: the newer ones are skipped unread.
    const firstPage = pipeline.finished_at ? await this.firstPageReaching(path, query, Date.parse(pipeline.finished_at)) : 1
    const newestByName = new Map<string, GenericPackage>()
    // Newest first; a pipeline's packages are all created after the pipeline, so older ones end the search.
    const found: Array<GenericPackage> = []
    await this.api.paginate(
      path,
      query,
      packageSchema,
      (packages) => {
        for (const pkg of packages) {
          if (Date.parse(pkg.created_at) < since) return false
          if (pkg.name.startsWith('model-ci-') && (options.name === undefined || pkg.name === options.name) && namesPipeline(pkg, pipelineId)) found.push(pkg)
        }
      },
      firstPage
    )
    // Newest first still: the first of a name that belongs to the pipeline is its artifact.
    for (const pkg of found) {
      if (newestByName.has(pkg.name)) continue
      if (pkg.pipeline && pkg.pipeline.id !== pipelineId && !(await children.includes(pkg.pipeline))) continue
      newestByName.set(pkg.name, pkg)
      this.packagesSeen.set(pkg.id, pkg)
    }
    const artifacts: ListedArtifact[] = []
    for (const pkg of [...newestByName.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const archive = newestNamed(await this.packageFiles(pkg.id), ARCHIVE_FILE)
      if (!archive) continue // an upload in progress, or one that failed half way
      artifacts.push(archive.file_sha256 ? { id: pkg.id, name: pkg.name, size: archive.size, digest: `sha256:${archive.file_sha256}` } : { id: pkg.id, name: pkg.name, size: archive.size })
    }
    return artifacts
  }

  async download(artifactId: number, destination: string, options: { runId?: number; expectedDigest?: string } = {}): Promise<void> {
    const { expectedDigest } = options
    if (expectedDigest !== undefined && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`)
    }
    await this.downloadPackage(await this.packageById(artifactId), destination, expectedDigest)
  }

  /**
   * Puts the files of package `pkg`'s archive in `destination`, checked against `expectedDigest`
   * (else the sha256 GitLab computed at upload) before anything is moved there.
   */
  async downloadPackage(pkg: GenericPackage, destination: string, expectedDigest?: string): Promise<void> {
    const what = describe(pkg)
    const archive = newestNamed(await this.packageFiles(pkg.id), ARCHIVE_FILE)
    if (!archive) throw new UserError(`${what} holds no ${ARCHIVE_FILE}: its upload did not finish; run the training that produced it again`)
    const expected = expectedDigest ?? (archive.file_sha256 ? `sha256:${archive.file_sha256}` : undefined)
    await mkdir(dirname(destination), { recursive: true })
    for (let attempt = 1; ; attempt += 1) {
      // Unpacked next to the destination as it arrives, hashed on the way, and moved in only once
      // its digest is checked: content that fails it never reaches the destination.
      const staging = await mkdtemp(join(dirname(destination), `.${basename(destination)}.download-`))
      try {
        const response = await this.api.request('GET', this.api.projectPath(genericPath(pkg.name, pkg.version, ARCHIVE_FILE)))
        const received = { size: 0, hash: createHash('sha256') }
        const unpacked = join(staging, 'files')
        let unpackError: unknown
        await extractTarStream(hashing((response.body ?? emptyBody()) as AsyncIterable<Uint8Array>, received), unpacked, what).catch((error: unknown) => {
          unpackError = error
        })
        // A connection dropped half way: the whole download again, a few times.
        if (unpackError !== undefined && isConnectionError(unpackError) && attempt < DOWNLOAD_TRIES) {
          this.options.logger.info(`The download of ${what} broke off; trying again (${attempt + 1} of ${DOWNLOAD_TRIES})`)
          continue
        }
        const digest = `sha256:${received.hash.digest('hex')}`
        // A digest that does not match says more than what is wrong with the archive.
        if (unpackError === undefined || !isConnectionError(unpackError)) {
          if (expected !== undefined && digest !== expected) {
            throw new UserError(`${what} does not match its digest ${expected} (GitLab served content with ${digest}): it changed after it was uploaded, so it was not used. Run the training that produced it again.`)
          }
        }
        if (unpackError !== undefined && isConnectionError(unpackError)) {
          throw new UserError(`The download of ${what} broke off ${DOWNLOAD_TRIES} times; re-run the job (GitLab may be having trouble)`, { cause: unpackError })
        }
        if (unpackError !== undefined) throw unpackError
        await moveInto(unpacked, destination)
        return
      } finally {
        await rm(staging, { recursive: true, force: true })
      }
    }
  }

  async readFile(artifact: ListedArtifact, path: string, options: { runId?: number; maxBytes: number }): Promise<string | undefined> {
    const what = `artifact ${showUntrusted(artifact.name, 120)} (package ${artifact.id})`
    const files = this.filesSeen.get(artifact.id) ?? (await this.packageFiles(artifact.id).catch((error: unknown) => {
      if (gitLabStatus(error) === 404) throw new UserError(`${what} was not found; it may have been deleted`)
      throw error
    }))
    const side = path.includes('/') ? undefined : newestNamed(files, path)
    const pkg = this.packagesSeen.get(artifact.id) ?? (await this.packageById(artifact.id))
    const staging = await mkdtemp(join(tmpdir(), 'model-ci-read-'))
    try {
      if (side) {
        if (side.size > options.maxBytes) throw new UserError(`${what}: ${path} is ${side.size} bytes, more than the ${options.maxBytes} model-ci reads`)
        await this.fetchFile(pkg, path, join(staging, 'file'), options.maxBytes)
        return await readFile(join(staging, 'file'), 'utf8')
      }
      // Not stored on its own: only the archive holds it (not a record model-ci reads).
      if (!newestNamed(files, ARCHIVE_FILE)) return undefined
      await this.fetchFile(pkg, ARCHIVE_FILE, join(staging, ARCHIVE_FILE))
      return (await readTarEntry(join(staging, ARCHIVE_FILE), path, options.maxBytes, what))?.toString('utf8')
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }

  /**
   * The first page (of `path`, newest first) that reaches back to `time`: a binary search over
   * the pages, so that an old pipeline's packages are found in a few requests however many came
   * after them. One page earlier is returned, in case packages added meanwhile shifted the pages.
   */
  private async firstPageReaching(path: string, query: Record<string, string>, time: number): Promise<number> {
    const reaches = (items: Array<{ created_at: string }>) => items.length === 0 || Date.parse(items[items.length - 1].created_at) <= time
    const first = await this.api.page(path, query, packageSchema, 1)
    if (reaches(first.items) || first.totalPages === undefined) return 1
    let [low, high] = [2, first.totalPages]
    while (low < high) {
      const middle = Math.floor((low + high) / 2)
      if (reaches((await this.api.page(path, query, packageSchema, middle)).items)) high = middle
      else low = middle + 1
    }
    return Math.max(1, low - 1)
  }

  /**
   * `model-ci-ledger`: the pipeline id; any other: the `version` of the upload's manifest.json,
   * else the pipeline id. A training the run-cache gave back keeps the version label of the
   * pipeline that trained it; its package here is `<label>.reused-r<pipeline>`, so that it is this
   * pipeline's (see namesPipeline) and the earlier pipeline's package stays as it was.
   */
  private async versionFor(name: string, root: string, paths: string[]): Promise<string> {
    if (name !== LEDGER_PACKAGE && paths.includes('manifest.json')) {
      const text = await readFile(join(root, 'manifest.json'), 'utf8')
      const version = (JSON.parse(text) as { version?: unknown }).version
      if (typeof version !== 'string' || !PACKAGE_VERSION.test(version)) throw new Error(`the manifest of artifact "${name}" has no version label GitLab takes as a package version`)
      const pipeline = String(this.options.pipelineId)
      return LABEL_PIPELINE.exec(version)?.[1] === pipeline ? version : `${version}.reused-r${pipeline}`
    }
    return String(this.options.pipelineId)
  }

  /** Uploads a package file: the bytes of file `source`, or what `source` makes afresh for each try. */
  private async put(name: string, version: string, fileName: string, source: string | (() => AsyncIterable<Uint8Array>)): Promise<PackageFile> {
    return this.api.json('PUT', this.api.projectPath(genericPath(name, version, fileName)), packageFileSchema, {
      query: { select: 'package_file' },
      bytes: typeof source === 'string' ? () => createReadStream(source) : source
    })
  }

  /** Downloads a package file to `target` (at most `maxBytes` when given); returns `sha256:<hex>` of what arrived. */
  private async fetchFile(pkg: { name: string; version: string }, fileName: string, target: string, maxBytes?: number): Promise<string> {
    const response = await this.api.request('GET', this.api.projectPath(genericPath(pkg.name, pkg.version, fileName)))
    const hash = createHash('sha256')
    const out = createWriteStream(target)
    let size = 0
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length
      if (maxBytes !== undefined && size > maxBytes) {
        out.destroy()
        throw new UserError(`${describe(pkg)}: ${fileName} is more than the ${maxBytes} bytes model-ci reads`)
      }
      hash.update(chunk as Uint8Array)
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    }
    out.end()
    await finished(out)
    return `sha256:${hash.digest('hex')}`
  }

  private async packageFiles(packageId: number): Promise<PackageFile[]> {
    const files: PackageFile[] = []
    await this.api.paginate(this.api.projectPath(`/packages/${packageId}/package_files`), {}, packageFileSchema, (page) => {
      files.push(...page)
    })
    this.filesSeen.set(packageId, files)
    return files
  }

  private async packageById(packageId: number): Promise<GenericPackage> {
    try {
      return await this.api.json('GET', this.api.projectPath(`/packages/${packageId}`), packageSchema)
    } catch (error) {
      if (gitLabStatus(error) === 404) throw new UserError(`artifact package ${packageId} is not in the project's package registry; it may have been deleted by a cleanup policy`)
      throw error
    }
  }

  private async packageId(name: string, version: string): Promise<number> {
    let found: number | undefined
    await this.api.paginate(this.api.projectPath('/packages'), { package_type: 'generic', package_name: name, package_version: version }, packageSchema, (page) => {
      found = page.find((pkg) => pkg.name === name && pkg.version === version)?.id ?? found
    })
    if (found === undefined) throw new Error(`GitLab lists no package ${name} ${version} right after its upload`)
    return found
  }
}

/** Passes `chunks` on, counting and hashing them into `into`. */
async function* hashing(chunks: AsyncIterable<Uint8Array>, into: { size: number; hash: ReturnType<typeof createHash> }): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    into.hash.update(chunk)
    into.size += chunk.length
    yield chunk
  }
}

function genericPath(name: string, version: string, fileName: string): string {
  return `/packages/generic/${encodeURIComponent(name)}/${encodeURIComponent(version)}/${encodeURIComponent(fileName)}`
}

/**
 * Whether a package may be the pipeline's: GitLab records that pipeline as its uploader, or its
 * version names the pipeline (then its uploader, when GitLab records one, must be a child of it).
 */
function namesPipeline(pkg: GenericPackage, pipelineId: number): boolean {
  if (pkg.pipeline?.id === pipelineId) return true
  if (pkg.name === LEDGER_PACKAGE) return pkg.version === String(pipelineId)
  return LABEL_PIPELINE.exec(pkg.version)?.[1] === String(pipelineId)
}

/** The child pipelines of a pipeline, read once when a package's uploader is not the pipeline itself. */
class ChildPipelines {
  private ids: Promise<Set<number> | undefined> | undefined

  constructor(
    private readonly api: GitLabApi,
    private readonly parent: z.infer<typeof pipelineSchema>
  ) {}

  /**
   * Whether `uploader` is a child pipeline of the parent: listed as a downstream pipeline of its
   * bridges; when the token may not read those (401, 403, 404), a `parent_pipeline` pipeline of
   * the same ref and commit, created no earlier than the parent.
   */
  async includes(uploader: z.infer<typeof pipelineRef>): Promise<boolean> {
    this.ids ??= this.read()
    const ids = await this.ids
    if (ids !== undefined) return ids.has(uploader.id)
    const created = uploader.created_at ? Date.parse(uploader.created_at) : Number.NaN
    return (
      uploader.source === 'parent_pipeline' &&
      typeof uploader.sha === 'string' &&
      uploader.sha === this.parent.sha &&
      typeof uploader.ref === 'string' &&
      uploader.ref === this.parent.ref &&
      created >= Date.parse(this.parent.created_at)
    )
  }

  private async read(): Promise<Set<number> | undefined> {
    const ids = new Set<number>()
    try {
      await this.api.paginate(this.api.projectPath(`/pipelines/${this.parent.id}/bridges`), {}, bridgeSchema, (bridges) => {
        for (const bridge of bridges) if (bridge.downstream_pipeline) ids.add(bridge.downstream_pipeline.id)
      })
    } catch (error) {
      const status = gitLabStatus(error)
      if (status === 401 || status === 403 || status === 404) return undefined
      throw error
    }
    return ids
  }
}

/** The newest file named `name` (GitLab keeps every upload of a name; downloads serve the newest). */
function newestNamed(files: PackageFile[], name: string): PackageFile | undefined {
  return files.filter((file) => file.file_name === name).sort((a, b) => b.id - a.id)[0]
}

function describe(pkg: { name: string; version: string }): string {
  return `artifact package ${showUntrusted(pkg.name, 120)} version ${showUntrusted(pkg.version, 120)}`
}

function relativeInside(root: string, file: string): string {
  const path = relative(root, file)
  if (path === '' || path.startsWith('..') || isAbsolute(path)) throw new Error(`${file} is not inside the artifact's root ${root}`)
  return path.split(sep).join('/')
}

/** Moves the entries of `source` into `target`, merging folders and replacing files. */
async function moveInto(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true })
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name)
    const to = join(target, entry.name)
    if (entry.isDirectory() && (await stat(to).catch(() => undefined))?.isDirectory()) {
      await moveInto(from, to)
    } else {
      await rm(to, { recursive: true, force: true })
      await rename(from, to)
    }
  }
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
