import type { FileEntry } from '../ports/git.js'

/** Texts of files and tree ids of folders, read together. */
export interface FilesAndTrees {
  /** The text of each file, by path. */
  texts: Map<string, string>
  /** The git tree id of each folder, by path; folders with no committed file are left out. */
  treeIds: Map<string, string>
}

/**
 * The files of the checked-out commit, read a part at a time, because a monorepo holds tens of
 * thousands and a command needs a few: from git (GitCommittedFiles), or from the file system when
 * the checkout has no git (ListedCommittedFiles). Paths are relative to the workspace; a base of
 * "" is the whole workspace.
 */
export interface CommittedFiles {
  /** Files called one of `names` ("model.yml", "src/train.py") at any depth below the folders `bases`; it may list more, never less. */
  findFiles(bases: readonly string[], names: readonly string[]): Promise<FileEntry[]>
  /** The text of `files` and the tree id of the folders `dirs` (it may give ids of more folders). */
  readFilesAndTrees(files: readonly FileEntry[], dirs: readonly string[]): Promise<FilesAndTrees>
  /** Every file at or below each of `bases`, without submodules, which a checkout without git lacks. */
  filesUnder(bases: readonly string[]): Promise<FileEntry[]>
}

/** Whether `path` is `name`, or ends in "/<name>". */
export function isNamed(path: string, name: string): boolean {
  return path.endsWith(name) && (path.length === name.length || path[path.length - name.length - 1] === '/')
}
