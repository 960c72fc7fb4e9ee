import type { FileEntry, Git, GitObject } from '../ports/git.js'

/**
 * Git seen from the workspace, the folder holding model-ci.yml, which may be a subfolder of the
 * repository: paths go in and come out relative to that folder, and files outside it are left out.
 */
export class ScopedGit {
  private readonly prefix: string

  /** `scope` is the workspace's path relative to the repository's top folder ('' for the top). */
  constructor(
    readonly git: Git,
    scope: string
  ) {
    this.prefix = scope === '' || scope === '.' ? '' : `${scope.replace(/\/+$/, '')}/`
  }

  /** Git's findInIndex; "." is the workspace's folder. */
  async findInIndex(folders: readonly string[], names: readonly string[]): Promise<FileEntry[]> {
    return this.scopeEntries(await this.git.findInIndex(folders.map((folder) => this.folderInRepository(folder)), names))
  }

  indexAgrees(rev: string, folders: readonly string[], names: readonly string[]): Promise<boolean> {
    return this.git.indexAgrees(rev, folders.map((folder) => this.folderInRepository(folder)), names)
  }

  /** Git's listTree; "." is the workspace's folder. */
  async listTree(rev: string, paths: readonly string[], options: { recursive: boolean }): Promise<FileEntry[]> {
    return this.scopeEntries(await this.git.listTree(rev, paths.map((path) => this.toRepository(path)), options))
  }

  async changedPaths(from: string, to: string): Promise<string[]> {
    return this.scopePaths(await this.git.changedPaths(from, to))
  }

  /** Git's readObjects; the path of a `<rev>:<path>` name is workspace-relative, "" for the workspace. */
  readObjects(names: readonly string[]): Promise<Array<GitObject | undefined>> {
    if (this.prefix === '') return this.git.readObjects(names)
    return this.git.readObjects(
      names.map((name) => {
        const colon = name.indexOf(':')
        if (colon === -1) return name
        const path = name.slice(colon + 1)
        return `${name.slice(0, colon + 1)}${path === '' ? this.prefix.slice(0, -1) : this.prefix + path}`
      })
    )
  }

  readFile(rev: string, path: string): Promise<string | undefined> {
    return this.git.readFile(rev, this.prefix + path)
  }

  firstParentAncestors(rev: string, limit: number): Promise<string[]> {
    return this.git.firstParentAncestors(rev, limit)
  }

  /** Repository-relative paths → workspace-relative ones, leaving out those outside it. */
  scopePaths(paths: readonly string[]): string[] {
    if (this.prefix === '') return [...paths]
    return paths.filter((path) => path.startsWith(this.prefix)).map((path) => path.slice(this.prefix.length))
  }

  private scopeEntries(entries: FileEntry[]): FileEntry[] {
    if (this.prefix === '') return entries
    const scoped: FileEntry[] = []
    for (const entry of entries) {
      if (entry.path.startsWith(this.prefix)) scoped.push({ ...entry, path: entry.path.slice(this.prefix.length) })
    }
    return scoped
  }

  /** A workspace-relative folder ("." for the workspace itself) → a repository-relative one. */
  private folderInRepository(folder: string): string {
    if (folder === '.') return this.prefix === '' ? '.' : this.prefix.slice(0, -1)
    return this.prefix + folder
  }

  /** Like folderInRepository, for ls-tree paths, where "." and a trailing "/" mean the folder's entries. */
  private toRepository(path: string): string {
    if (path === '.') return this.prefix === '' ? '.' : this.prefix
    return this.prefix + path
  }
}
