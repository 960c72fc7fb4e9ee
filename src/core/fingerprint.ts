import { createHash } from 'node:crypto'
import type { FileEntry } from '../ports/git.js'
import type { ModelConfig } from './config.js'
import { trainingConfigKey } from './config.js'
import type { PathMatcher } from './globs.js'
import { FolderIndex } from './folder-index.js'
import { compileGlobs } from './globs.js'

export interface FingerprintInput {
  /** Files committed in the model's directory. */
  modelFiles: readonly FileEntry[]
  /** Files matched by the model's `watch` globs. */
  watchedFiles: readonly FileEntry[]
  /** Files matched by the repository's `shared` globs. */
  sharedFiles: readonly FileEntry[]
  /** The part of the model's resolved config that affects training, as a plain JSON value. */
  trainingConfig: unknown
}

const VERSION = 'model-ci fingerprint 1'

/**
 * `sha256:<hex>` of everything a model's training reads: the committed files of its directory,
 * of its `watch` globs and of the `shared` globs (path, mode and blob id), and its training config.
 * Two trainings with the same fingerprint read the same inputs, so the earlier outputs can be reused.
 */
export function fingerprint(input: FingerprintInput): string {
  // One string, hashed in one call: detect fingerprints up to 256 models of thousands of files.
  let text = `${VERSION}\nconfig ${JSON.stringify(input.trainingConfig)}\n`
  for (const [section, files] of [
    ['model', input.modelFiles],
    ['watch', input.watchedFiles],
    ['shared', input.sharedFiles]
  ] as const) {
    text += `${section} ${files.length}\n`
    for (const file of sortedByPath(files)) text += `${file.mode} ${file.oid} ${file.path}\0`
  }
  return `sha256:${createHash('sha256').update(text).digest('hex')}`
}

function sortedByPath(files: readonly FileEntry[]): FileEntry[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Groups files by the directory in `dirs` that holds them; files in no such directory are left out. */
export function groupFilesByDir(files: readonly FileEntry[], dirs: ReadonlySet<string>): Map<string, FileEntry[]> {
  const groups = new Map<string, FileEntry[]>([...dirs].map((dir) => [dir, []]))
  const index = new FolderIndex([...groups])
  for (const file of files) index.owner(file.path)?.push(file)
  for (const [dir, group] of groups) if (group.length === 0) groups.delete(dir)
  return groups
}

export function filesMatching(files: readonly FileEntry[], matches: PathMatcher): FileEntry[] {
  return files.filter((file) => matches(file.path))
}

/** The fingerprint of each model, by name, from the files committed at one commit. */
export function fingerprintModels(
  configs: readonly ModelConfig[],
  listing: readonly FileEntry[],
  isShared: PathMatcher
): Map<string, string> {
  const sharedFiles = filesMatching(listing, isShared)
  const modelFiles = groupFilesByDir(listing, new Set(configs.map((config) => config.path)))
  return new Map(
    configs.map((config) => [
      config.name,
      fingerprint({
        modelFiles: modelFiles.get(config.path) ?? [],
        watchedFiles: config.watch.length > 0 ? filesMatching(listing, compileGlobs(config.watch)) : [],
        sharedFiles,
        trainingConfig: trainingConfigKey(config)
      })
    ])
  )
}
