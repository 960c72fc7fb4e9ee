import picomatch from 'picomatch'

/** A test for repository-relative posix paths against a list of globs (empty list: never). */
export type PathMatcher = (path: string) => boolean

const NEVER: PathMatcher = () => false

/** Whether `matches` is the test of no globs: a caller with tens of thousands of paths can skip it. */
export function matchesNothing(matches: PathMatcher): boolean {
  return matches === NEVER
}

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

/**
 * The folder (or file) below which every path a glob matches lies, so that only that part of the
 * repository needs listing: "scripts" for `scripts/**`, "models" for `models/*`, "" (everything)
 * for `**\/*.py`. A negated glob, or a base that is not a plain relative path (escapes, "." or
 * ".." segments, a leading "/"), gives "": listing more than needed is slower, never wrong.
 */
export function globBase(glob: string): string {
  const scanned = picomatch.scan(glob)
  if (scanned.negated || scanned.prefix !== '') return ''
  const base = scanned.base
  if (base === '' || base.includes('\\')) return ''
  const plain = base.split('/').every((name) => name !== '' && name !== '.' && name !== '..')
  return plain ? base : ''
}

/** The bases of some globs, without repeats and without those inside another one. */
export function globBases(globs: readonly string[]): string[] {
  const bases = [...new Set(globs.map(globBase))].sort()
  if (bases.includes('')) return ['']
  return bases.filter((base) => !bases.some((other) => other !== base && base.startsWith(`${other}/`)))
}
