import { createHash } from 'node:crypto'
import type { FileEntry } from '../ports/git.js'
import type { PathMatcher } from './globs.js'

export interface FingerprintInput {
  /** The git tree id of the model's directory: every file in it, their modes and contents. */
  modelTree: string
  /** Files matched by the model's `watch` globs. */
  watchedFiles: readonly FileEntry[]
  /**
   * Files matched by the repository's `shared` globs: one list for every model, which must not
   * change once fingerprinted (it is sorted and written out once).
   */
  sharedFiles: readonly FileEntry[]
  /** The part of the model's resolved config that affects training, as a plain JSON value. */
  trainingConfig: unknown
}

// Version 2: the model's directory counts by its git tree id instead of by its files one by one.
const VERSION = 'model-ci fingerprint 2'

/**
 * `sha256:<hex>` of everything a model's training reads: the git tree of its directory, the
 * committed files of its `watch` globs and of the `shared` globs (path, mode and blob id), and its
 * training config. Two trainings with the same fingerprint read the same inputs, so the earlier
 * outputs can be reused.
 */
export function fingerprint(input: FingerprintInput): string {
  // One string, hashed in one call: detect fingerprints every model it picks, thousands of them.
  const text = `${VERSION}\nconfig ${JSON.stringify(input.trainingConfig)}\nmodel ${input.modelTree}\n${fileSection('watch', input.watchedFiles)}${fileSection('shared', input.sharedFiles)}`
  return `sha256:${createHash('sha256').update(text).digest('hex')}`
}

/** The shared section by list: every model of a repository hashes the same shared files, sorted and written once. */
const sharedSections = new WeakMap<readonly FileEntry[], string>()

function fileSection(name: 'watch' | 'shared', files: readonly FileEntry[]): string {
  const cached = name === 'shared' ? sharedSections.get(files) : undefined
  if (cached !== undefined) return cached
  let text = `${name} ${files.length}\n`
  for (const file of sortedByPath(files)) text += `${file.mode} ${file.oid} ${file.path}\0`
  if (name === 'shared') sharedSections.set(files, text)
  return text
}

function sortedByPath(files: readonly FileEntry[]): FileEntry[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

export function filesMatching(files: Iterable<FileEntry>, matches: PathMatcher): FileEntry[] {
  const matching: FileEntry[] = []
  for (const file of files) if (matches(file.path)) matching.push(file)
  return matching
}
