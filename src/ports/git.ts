/**
 * A file or folder recorded in a commit or in the index: its repository-relative path, its git mode
 * ("100644", "100755", "120000" for a symbolic link, "160000" for a submodule, "040000" for a
 * folder) and its object id.
 */
export interface FileEntry {
  path: string
  mode: string
  oid: string
}

/** An object of git's database: a blob's bytes, or a tree object (see parseTreeObject). */
export interface GitObject {
  oid: string
  type: string
  content: Buffer
}

export const TREE_MODE = '040000'
export const SUBMODULE_MODE = '160000'

/** What the commands need from git. Revisions are commit ids or refs. */
export interface Git {
  /** The repository's top folder (absolute). */
  readonly root: string
  /** The commit id a revision names, or undefined when it is not in the local repository. */
  resolveCommit(rev: string): Promise<string | undefined>
  /**
   * The entries of the index (`git ls-files -s`) for files called one of `names` ("model.yml",
   * "src/train.py") at any depth below one of `folders` ("." for the top folder). It can list more
   * than that, never less. Reading the index is several times faster than walking a commit's
   * trees; in a checkout the index records the checked-out commit (see `indexAgrees`).
   */
  findInIndex(folders: readonly string[], names: readonly string[]): Promise<FileEntry[]>
  /** Whether the index and commit `rev` record the same files for what findInIndex(folders, names) looks at. */
  indexAgrees(rev: string, folders: readonly string[], names: readonly string[]): Promise<boolean>
  /**
   * `git ls-tree` of `rev`: for each path, the entry itself ("models/fraud"), or the entries of a
   * folder when the path ends in "/" ("models/"); "." is the top folder. `recursive`: every file
   * below the paths (submodules included, folders not). Paths match literally, whole names only.
   */
  listTree(rev: string, paths: readonly string[], options: { recursive: boolean }): Promise<FileEntry[]>
  /** Paths that differ between two commits, renames reported as a deletion plus an addition. */
  changedPaths(from: string, to: string): Promise<string[]>
  /**
   * The merge-base of `a` and `b` and changedPaths(merge-base, b), worked out at once; undefined
   * when the local history holds no merge-base, or more than one (then ask mergeBase).
   */
  changesSinceMergeBase(a: string, b: string): Promise<{ mergeBase: string; paths: string[] } | undefined>
  /**
   * The parent ids that commit `rev` records, read from the commit itself: a shallow clone lacks
   * the parents but still knows their ids. Undefined when the commit is not in the local repository.
   */
  parentsOf(rev: string): Promise<string[] | undefined>
  /** The best common ancestor, or undefined when the local history does not hold one. */
  mergeBase(a: string, b: string): Promise<string | undefined>
  isShallow(): Promise<boolean>
  /**
   * Fetches from `origin`. Returns false (and never throws) when the fetch fails, because a
   * missing remote or an unknown object is an answer the caller handles.
   */
  fetch(refspecs: string[], options: { depth?: number; deepen?: number; unshallow?: boolean }): Promise<boolean>
  /**
   * Objects by name, an id or `<rev>:<path>` ("HEAD:models", "HEAD:" for the top folder), read in
   * one go and returned in the order asked; undefined where there is no such object. A name cannot
   * hold a newline.
   */
  readObjects(names: readonly string[]): Promise<Array<GitObject | undefined>>
  /** The text of a file at a revision, or undefined when it does not exist there. */
  readFile(rev: string, path: string): Promise<string | undefined>
  /**
   * `rev` and its first-parent ancestors, newest first, at most `limit` commit ids: as far as the
   * local history goes (a shallow clone stops early), none when `rev` is unknown.
   */
  firstParentAncestors(rev: string, limit: number): Promise<string[]>
}
