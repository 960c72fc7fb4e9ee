/**
 * A path that stays inside the folder it is relative to, for every reader: not empty, at most
 * `maxLength` characters, `/`-separated without ".", ".." or empty parts, and without a
 * backslash, a NUL or a drive letter ("C:"), which make a path mean something else on Windows.
 */
export function isRelativePathInside(path: string, maxLength: number): boolean {
  if (path.length === 0 || path.length > maxLength) return false
  if (path.includes('\\') || path.includes('\0')) return false
  if (/^[A-Za-z]:/.test(path)) return false
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
}
