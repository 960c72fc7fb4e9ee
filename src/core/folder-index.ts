/**
 * Finds which of a set of folders holds a path. Detect asks this for every changed file and every
 * committed file of a monorepo (tens of thousands), so it looks up only the prefixes whose depth
 * one of the folders has, outermost first, and allocates no arrays. When a folder lies inside
 * another, the innermost one holding the path wins.
 */
export class FolderIndex<T> {
  private readonly byFolder: Map<string, T>
  /** The depths (number of path segments) that the folders have, ascending. */
  private readonly depths: number[]
  /** Whether a folder lies inside another one. */
  readonly nested: boolean
  /** The folder that held the previous path ("<folder>/") and its value. */
  private lastPrefix = ''
  private lastValue: T | undefined

  constructor(entries: Iterable<readonly [string, T]>) {
    this.byFolder = new Map(entries)
    const depths = new Set<number>()
    for (const folder of this.byFolder.keys()) depths.add(folder.split('/').length)
    this.depths = [...depths].sort((a, b) => a - b)
    this.nested = [...this.byFolder.keys()].some((folder) => {
      for (let slash = folder.indexOf('/'); slash !== -1; slash = folder.indexOf('/', slash + 1)) {
        if (this.byFolder.has(folder.slice(0, slash))) return true
      }
      return false
    })
  }

  /**
   * The value of the innermost folder that holds `path`, if any. A diff lists paths in order, so
   * one folder's files come one after the other: while they do, one prefix test answers.
   */
  owner(path: string): T | undefined {
    // Only without nesting: a folder inside the previous one could hold the path.
    if (!this.nested && this.lastPrefix !== '' && path.startsWith(this.lastPrefix)) return this.lastValue
    let found: T | undefined
    let depth = 0
    let next = 0
    for (let slash = path.indexOf('/'); slash !== -1 && next < this.depths.length; slash = path.indexOf('/', slash + 1)) {
      depth++
      if (depth !== this.depths[next]) continue
      next++
      const value = this.byFolder.get(path.slice(0, slash))
      if (value !== undefined) {
        found = value
        if (!this.nested) {
          this.lastPrefix = path.slice(0, slash + 1)
          this.lastValue = value
          return found
        }
      }
    }
    return found
  }

  has(folder: string): boolean {
    return this.byFolder.has(folder)
  }
}
