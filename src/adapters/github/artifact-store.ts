import type { ArtifactClient, FindOptions } from '@actions/artifact'
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { showUntrusted } from '../../core/untrusted-text.js'
import { readZipEntry, ZIP_FIRST_TAIL_BYTES } from '../../core/zip-entry.js'
import { UserError } from '../../errors.js'
import type { ArtifactStore, ListedArtifact, StoredArtifact } from '../../ports/artifact-store.js'
import type { Logger } from '../../ports/logger.js'
import { openBlobRanges } from './blob-ranges.js'
import type { GitHubClient } from './octokit.js'
import { requestStatus } from './request-status.js'
import { listRunArtifacts, signedArtifactUrl } from './results-service.js'

export interface GitHubArtifactStoreOptions {
  /** GITHUB_RUN_ID: the run whose artifacts `list` and `download` mean when given no run id. */
  runId: number
  /** GITHUB_RUN_ATTEMPT: from 2 on, `upload` first deletes the artifact an earlier attempt left. */
  runAttempt: number
  /** A token with `actions: read` on `repository`, for other runs' artifacts (REST API). */
  token: string
  repository: { owner: string; repo: string }
  logger: Logger
  /** Wait before the first retry of an upload or download, doubled for each next one; 1 s when absent. */
  retryDelayMs?: number
}

/** Retries of an upload or download after a server error or a dropped connection, on top of the first try. */
const TRANSIENT_RETRIES = 3
const DIGEST = /^sha256:[0-9a-f]{64}$/

/**
 * The ArtifactStore port over GitHub's artifact storage. Uploads, downloads and deletes go through
 * @actions/artifact, loaded on first use: it is large, and detect, report, status and monitor only
 * list and read, which go to the results service and the REST API without it.
 */
export class GitHubArtifactStore implements ArtifactStore {
  private loadedClient?: Promise<ArtifactClient>
  private restClient?: Promise<GitHubClient>

  constructor(private readonly options: GitHubArtifactStoreOptions) {}

  async upload(
    name: string,
    rootDirectory: string,
    files: string[],
    options: { retentionDays?: number; compressionLevel: number }
  ): Promise<StoredArtifact> {
    const client = await this.client()
    // GitHub refuses a second artifact of one name in a run, and a re-run is the same run.
    if (this.options.runAttempt > 1) await this.deleteIfPresent(name)
    const upload = async () => {
      try {
        return await client.uploadArtifact(name, files, rootDirectory, options)
      } catch (error) {
        // The name is taken although no earlier attempt was seen: an earlier try of this very
        // upload that finalized but whose answer was lost, or a listing that lagged behind.
        if (!isNameConflict(error)) throw error
        this.options.logger.info(`Artifact "${name}" already exists in this run; replacing it`)
        await this.deleteIfPresent(name)
        return client.uploadArtifact(name, files, rootDirectory, options)
      }
    }
    let result: Awaited<ReturnType<typeof upload>>
    try {
      // Blob storage uploads are retried inside the client (the storage SDK); its calls to the
      // results service are not.
      result = await this.retryingTransientFailures(`Upload of artifact "${name}"`, upload, isResultsServiceError)
    } catch (error) {
      const reason = messageOf(error).split('\n')[0]
      throw new UserError(`artifact "${name}" could not be uploaded: ${reason}; re-run the job (GitHub's artifact storage may be having trouble)`, {
        cause: error
      })
    }
    const { id, size, digest } = result
    if (id === undefined || size === undefined || digest === undefined) {
      throw new Error(`The upload of artifact "${name}" returned no id, size or digest`)
    }
    return { id, name, size, digest: `sha256:${digest}` }
  }

  async list(runId?: number, options: { name?: string } = {}): Promise<ListedArtifact[]> {
    const listed =
      runId === undefined || runId === this.options.runId
        ? await this.retryingTransientFailures('Listing the artifacts of this run', () => listRunArtifacts(process.env, options))
        : await this.listRun(runId, options.name)
    return newestOfEachName(listed.filter(artifact => options.name === undefined || artifact.name === options.name))
  }

  /**
   * Another run's artifacts, from the REST API with the retrying client rather than through
   * @actions/artifact: that client is 2 MB of JavaScript, about 125 ms to load, which detect
   * (reading the ledger past max-jobs) and report (reading baselines) would pay only for this
   * list; and it stops at 1,000 artifacts, where a run of 2,000 models holds 2,000.
   */
  private async listRun(runId: number, name: string | undefined): Promise<ListedArtifact[]> {
    const { owner, repo } = this.options.repository
    const client = await this.rest()
    const artifacts = await client.paginate(client.rest.actions.listWorkflowRunArtifacts, { owner, repo, run_id: runId, per_page: 100, ...(name === undefined ? {} : { name }) }).catch((error: unknown) => {
      if (isNotFound(error)) return []
      throw error
    })
    return artifacts.map(({ id, name, size_in_bytes: size, digest }) => (digest ? { id, name, size, digest } : { id, name, size }))
  }

  async download(artifactId: number, destination: string, options: { runId?: number; expectedDigest?: string } = {}): Promise<void> {
    const { runId, expectedDigest } = options
    if (expectedDigest !== undefined && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`)
    }
    const client = await this.client()
    // Downloaded next to the destination (same file system, so moving is a rename) and moved in
    // only once verified: content that fails its digest never reaches the destination.
    await mkdir(dirname(destination), { recursive: true })
    const staging = await mkdtemp(join(dirname(destination), `.${basename(destination)}.download-`))
    try {
      const { digestMismatch } = await this.retryingTransientFailures(`Download of artifact ${artifactId}`, async () => {
        await rm(staging, { recursive: true, force: true })
        await mkdir(staging)
        return client.downloadArtifact(artifactId, { path: staging, expectedHash: expectedDigest, ...this.findOptions(runId) })
      })
      if (digestMismatch) {
        const artifact = await this.describe(artifactId, runId)
        throw new UserError(
          `${artifact} does not match its digest ${expectedDigest}: its content changed after it was uploaded, so it was not used. ` +
            'Run the training that produced it again.'
        )
      }
      await moveInto(staging, destination)
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }

  /**
   * Reads the archive GitHub stores the artifact as with HTTP range requests on its signed URL:
   * its end, its central directory, and the file's own bytes (see readZipEntry), never the rest.
   */
  async readFile(artifact: ListedArtifact, path: string, options: { runId?: number; maxBytes: number }): Promise<string | undefined> {
    const { runId, maxBytes } = options
    const what = `artifact ${showUntrusted(artifact.name, 120)} (id ${artifact.id})${runId === undefined ? '' : ` of run ${runId}`}`
    const content = await this.retryingTransientFailures(`Reading ${path} from ${what}`, async () => {
      const url = await this.signedUrl(artifact.id, runId)
      if (url === undefined) throw new UserError(`${what} was not found; it may have expired or been deleted`)
      const archive = await openBlobRanges(url, { listedSize: artifact.size, tailBytes: ZIP_FIRST_TAIL_BYTES, what })
      return readZipEntry(archive, path, { maxBytes, source: what })
    })
    return content?.toString('utf8')
  }

  /** The artifact's signed blob URL: from the results service for this run, from the REST API's redirect for another. */
  private async signedUrl(artifactId: number, runId: number | undefined): Promise<string | undefined> {
    if (runId === undefined || runId === this.options.runId) return signedArtifactUrl(process.env, artifactId)
    const { owner, repo } = this.options.repository
    try {
      const { status, headers } = await (await this.rest()).rest.actions.downloadArtifact({
        owner,
        repo,
        artifact_id: artifactId,
        archive_format: 'zip',
        request: { redirect: 'manual' }
      })
      if (status !== 302 || typeof headers.location !== 'string') throw new Error(`The download of artifact ${artifactId} answered ${status} without a redirect to blob storage`)
      return headers.location
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  private rest(): Promise<GitHubClient> {
    this.restClient ??= import('./octokit.js').then(({ createGitHubClient }) => createGitHubClient(this.options.token))
    return this.restClient
  }

  private client(): Promise<ArtifactClient> {
    this.loadedClient ??= import('@actions/artifact').then(artifact => new artifact.DefaultArtifactClient())
    return this.loadedClient
  }

  /** This run's artifacts go through the results service; another run's need the REST API. */
  private findOptions(runId: number | undefined): FindOptions {
    if (runId === undefined || runId === this.options.runId) return {}
    const { token, repository } = this.options
    return { findBy: { token, workflowRunId: runId, repositoryOwner: repository.owner, repositoryName: repository.repo } }
  }

  private async deleteIfPresent(name: string): Promise<void> {
    const client = await this.client()
    try {
      const { id } = await client.deleteArtifact(name)
      this.options.logger.info(`Deleted artifact "${name}" (id ${id}) left by an earlier attempt of this run`)
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
  }

  /**
   * The results-service client gives up at once on a dropped connection (uploads and downloads),
   * and with `findBy` the request that redirects to blob storage is not retried at all: retry
   * those here.
   */
  private async retryingTransientFailures<T>(what: string, work: () => Promise<T>, retriable: (error: unknown) => boolean = () => true): Promise<T> {
    const baseDelayMs = this.options.retryDelayMs ?? 1000
    for (let retry = 0; ; retry += 1) {
      try {
        return await work()
      } catch (error) {
        if (retry === TRANSIENT_RETRIES || !isTransient(error) || !retriable(error)) throw error
        const delayMs = baseDelayMs * 2 ** retry
        this.options.logger.info(`${what} failed (${messageOf(error)}); retry ${retry + 1} of ${TRANSIENT_RETRIES} in ${delayMs} ms`)
        await sleep(delayMs)
      }
    }
  }

  /** `artifact "name" (id N) of run R` when the name can be found, for messages. */
  private async describe(artifactId: number, runId: number | undefined): Promise<string> {
    const run = runId === undefined ? '' : ` of run ${runId}`
    try {
      const found = (await this.list(runId)).find(artifact => artifact.id === artifactId)
      if (found) return `Artifact "${found.name}" (id ${artifactId})${run}`
    } catch (error) {
      // Only the message loses the name; the refusal itself stands.
      this.options.logger.debug(`Could not look up the name of artifact ${artifactId}: ${messageOf(error)}`)
    }
    return `Artifact ${artifactId}${run}`
  }
}

/** Moves the entries of `source` into `target`, merging folders and replacing files. */
async function moveInto(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true })
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name)
    const to = join(target, entry.name)
    if (entry.isDirectory() && (await isDirectory(to))) {
      await moveInto(from, to)
    } else {
      await rm(to, { recursive: true, force: true })
      await rename(from, to)
    }
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The results service answers 409 `already_exists`; the client words it in its message. */
function isNameConflict(error: unknown): boolean {
  return /\(409\)|already exists/i.test(messageOf(error))
}

/** The client's calls to the results service fail as "Failed to <Method>: ...". */
function isResultsServiceError(error: unknown): boolean {
  return /^Failed to [A-Z][A-Za-z]+Artifact\b/.test(messageOf(error))
}

function isNotFound(error: unknown): boolean {
  return (error instanceof Error && error.name === 'ArtifactNotFoundError') || requestStatus(error) === 404 || /\(404\)/.test(messageOf(error))
}

/**
 * Server errors and dropped connections, as the clients report them: octokit's RequestError has
 * a `status` (500 for a failed fetch), the results-service client writes `(502)` or the socket
 * error code, the blob download `from blob storage: 503`. A 4xx or a digest mismatch is final.
 */
function isTransient(error: unknown): boolean {
  const status = requestStatus(error)
  if (status !== undefined) return status >= 500
  return /\(5\d\d\)|blob storage: 5\d\d|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|fetch failed|other side closed/i.test(messageOf(error))
}

/** One artifact per name, the newest (the highest id) when a re-run uploaded a name again, as @actions/artifact's `latest` keeps it. */
function newestOfEachName<T extends { id: number; name: string }>(artifacts: readonly T[]): T[] {
  const newest = new Map<string, T>()
  for (const artifact of [...artifacts].sort((a, b) => b.id - a.id)) if (!newest.has(artifact.name)) newest.set(artifact.name, artifact)
  return [...newest.values()]
}
