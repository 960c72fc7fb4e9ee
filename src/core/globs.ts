import picomatch from 'picomatch'

/** A test for repository-relative posix paths against a list of globs (empty list: never). */
export type PathMatcher = (path: string) => boolean

const NEVER: PathMatcher = () => false

/**
 * `dot`: whether `*` and `**` match names that start with "." — yes for input files (a `.env`
 * changes training), no for model directories (a `.cache` folder is not a model).
 */
export function compileGlobs(globs: readonly string[], options: { dot: boolean } = { dot: true }): PathMatcher {
  if (globs.length === 0) return NEVER
  return picomatch(globs as string[], { dot: options.dot })
}

export function compileModelDirGlobs(globs: readonly string[]): PathMatcher {
  return compileGlobs(globs, { dot: false })
}

/** The folders that hold `path`, innermost first: "a/b/c.txt" → ["a/b", "a"]. */
export function parentFolders(path: string): string[] {
  const folders: string[] = []
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
    folders.push(path.slice(0, slash))
  }
  return folders
}
