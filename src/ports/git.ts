/** A file recorded in a commit: its repository-relative path, git mode and blob id. */
export interface FileEntry {
  path: string
  mode: string
  oid: string
}

/** What the commands need from git. Revisions are commit ids or refs. */
export interface Git {
  /** The repository's top folder (absolute). */
  readonly root: string
  /** The commit id a revision names, or undefined when it is not in the local repository. */
  resolveCommit(rev: string): Promise<string | undefined>
  /** Every file committed at `rev`, recursively. */
  listFiles(rev: string): Promise<FileEntry[]>
  /** Paths that differ between two commits, renames reported as a deletion plus an addition. */
  changedPaths(from: string, to: string): Promise<string[]>
  /** The best common ancestor, or undefined when the local history does not hold one. */
  mergeBase(a: string, b: string): Promise<string | undefined>
  isShallow(): Promise<boolean>
  /**
   * Fetches from `origin`. Returns false (and never throws) when the fetch fails, because a
   * missing remote or an unknown object is an answer the caller handles.
   */
  fetch(refspecs: string[], options: { depth?: number; deepen?: number; unshallow?: boolean }): Promise<boolean>
  /** The contents of blobs by id, read in one go; ids that do not exist are left out. */
  readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>>
  /** The text of a file at a revision, or undefined when it does not exist there. */
  readFile(rev: string, path: string): Promise<string | undefined>
}
