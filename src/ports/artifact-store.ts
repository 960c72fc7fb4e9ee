/** A stored artifact: GitHub's id and the `sha256:<hex>` digest it reports for the upload. */
export interface StoredArtifact {
  id: number
  name: string
  size: number
  digest: string
}

/**
 * An artifact found by `list`. `digest` is absent only for artifacts uploaded by tools older than
 * GitHub's digests; every artifact model-ci uploads has one.
 */
export type ListedArtifact = Omit<StoredArtifact, 'digest'> & { digest?: string }

/** Where trained models go: GitHub's artifact storage on a runner, `.model-ci/` locally. */
export interface ArtifactStore {
  /**
   * Uploads `files` (absolute paths under `rootDirectory`; each is stored at its path relative to
   * it) as artifact `name`, replacing an artifact of that name from an earlier attempt of this run.
   */
  upload(
    name: string,
    rootDirectory: string,
    files: string[],
    options: { retentionDays?: number; compressionLevel: number }
  ): Promise<StoredArtifact>

  /**
   * The artifacts of workflow run `runId` (this run when absent), one per name: the newest when a
   * re-run uploaded a name again. An unknown run has none. With `name`, only the artifact of that
   * name: a run of 2,000 models holds 2,000 artifacts, and the caller wants one.
   */
  list(runId?: number, options?: { name?: string }): Promise<ListedArtifact[]>

  /**
   * Downloads artifact `artifactId` of run `runId` (this run when absent) and puts its files in
   * `destination` (created if needed; files already there with the same paths are replaced).
   * With `expectedDigest` (`sha256:<hex>`, as `upload` and `list` give it), content that does not
   * match is refused with a UserError naming the artifact, and nothing is put in `destination`.
   * Transient failures (server errors, dropped connections) are retried.
   */
  download(artifactId: number, destination: string, options?: { runId?: number; expectedDigest?: string }): Promise<void>

  /**
   * The text of the file at `path` (`/`-separated, from the artifact's root) of `artifact`, as
   * `list(runId)` gave it, of run `runId` (this run when absent), read without downloading the
   * rest of the artifact; undefined when the artifact holds no such file. The artifact's digest
   * covers all of it, so it is not checked here: the text is untrusted. A file larger than
   * `maxBytes`, or an artifact that cannot be read (not there any more, a broken or hostile
   * archive), is refused with a UserError that names the artifact and what is wrong.
   * Transient failures are retried.
   */
  readFile(artifact: ListedArtifact, path: string, options: { runId?: number; maxBytes: number }): Promise<string | undefined>
}
