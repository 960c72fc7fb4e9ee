import type { FileEntry, Git } from '../ports/git.js'

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

  async listFiles(rev: string): Promise<FileEntry[]> {
    const entries = await this.git.listFiles(rev)
    if (this.prefix === '') return entries
    const scoped: FileEntry[] = []
    for (const entry of entries) {
      if (entry.path.startsWith(this.prefix)) scoped.push({ ...entry, path: entry.path.slice(this.prefix.length) })
    }
    return scoped
  }

  async changedPaths(from: string, to: string): Promise<string[]> {
    return this.scopePaths(await this.git.changedPaths(from, to))
  }

  readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    return this.git.readBlobs(oids)
  }

  readFile(rev: string, path: string): Promise<string | undefined> {
    return this.git.readFile(rev, this.prefix + path)
  }

  /** Repository-relative paths → workspace-relative ones, leaving out those outside it. */
  scopePaths(paths: readonly string[]): string[] {
    if (this.prefix === '') return [...paths]
    return paths.filter((path) => path.startsWith(this.prefix)).map((path) => path.slice(this.prefix.length))
  }
}
