import { gitTreeId } from '../core/git-tree.js'
import type { FileEntry } from '../ports/git.js'
import type { Workspace } from '../ports/workspace.js'
import type { CommittedFiles, FilesAndTrees } from './committed-files.js'
import { isNamed } from './committed-files.js'

/**
 * The files of a checkout without git (actions/checkout falls back to a tarball when git is
 * missing), from a listing of the file system with git's modes and blob ids. Folder ids are
 * computed as git computes tree ids, so a model's fingerprint is the same with or without git.
 */
export class ListedCommittedFiles implements CommittedFiles {
  constructor(
    private readonly files: readonly FileEntry[],
    private readonly workspace: Workspace
  ) {}

  async findFiles(bases: readonly string[], names: readonly string[]): Promise<FileEntry[]> {
    const found = await this.filesUnder(bases)
    return found.filter((file) => names.some((name) => isNamed(file.path, name)))
  }

  async readFilesAndTrees(files: readonly FileEntry[], dirs: readonly string[]): Promise<FilesAndTrees> {
    const texts = new Map<string, string>()
    for (const file of files) {
      const text = this.workspace.readText(file.path)
      if (text !== undefined) texts.set(file.path, text)
    }
    return { texts, treeIds: this.treeIds(dirs) }
  }

  async filesUnder(bases: readonly string[]): Promise<FileEntry[]> {
    if (bases.includes('')) return [...this.files]
    return this.files.filter((file) => bases.some((base) => file.path === base || file.path.startsWith(`${base}/`)))
  }

  private treeIds(dirs: readonly string[]): Map<string, string> {
    // A folder's tree holds every file below it, also those inside a nested folder of `dirs`.
    const filesByDir = new Map<string, FileEntry[]>(dirs.map((dir) => [dir, []]))
    for (const file of this.files) {
      for (let slash = file.path.indexOf('/'); slash !== -1; slash = file.path.indexOf('/', slash + 1)) {
        filesByDir.get(file.path.slice(0, slash))?.push({ ...file, path: file.path.slice(slash + 1) })
      }
    }
    const ids = new Map<string, string>()
    for (const [dir, files] of filesByDir) if (files.length > 0) ids.set(dir, gitTreeId(files))
    return ids
  }
}
