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
  // Plain regular expressions: picomatch's matcher function builds a result object per call, and
  // detect tests tens of thousands of paths.
  const patterns = globs.map((glob) => picomatch.makeRe(glob, { dot: options.dot }))
  return patterns.length === 1 ? (path) => patterns[0].test(path) : (path) => patterns.some((pattern) => pattern.test(path))
}

export function compileModelDirGlobs(globs: readonly string[]): PathMatcher {
  return compileGlobs(globs, { dot: false })
}
