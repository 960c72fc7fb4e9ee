import { MODEL_CONFIG_FILE } from '../constants.js'
import { UserError } from '../errors.js'
import { MODEL_NAME_PATTERN } from './config.js'
import type { PathMatcher } from './globs.js'

/** A model: a directory matched by the `models` globs that holds model.yml or src/train.py. */
export interface Model {
  name: string
  /** Repository-relative posix path of the model's directory. */
  path: string
}

const MARKER_FILES = [`/${MODEL_CONFIG_FILE}`, '/src/train.py']

/** The model directory that `path` marks (its model.yml or src/train.py), if it is one. */
export function markedModelDir(path: string, isModelDir: PathMatcher): string | undefined {
  for (const marker of MARKER_FILES) {
    if (path.endsWith(marker)) {
      const dir = path.slice(0, -marker.length)
      if (dir.length > 0 && isModelDir(dir)) return dir
    }
  }
  return undefined
}

/**
 * Finds the models among the repository's files, sorted by name. A model directory whose name
 * is not a valid model name, or two directories with the same name, are errors that name them.
 */
export function discoverModels(paths: Iterable<string>, isModelDir: PathMatcher, configFile: string): Model[] {
  const byName = new Map<string, Model>()
  const seenDirs = new Set<string>()
  for (const path of paths) {
    const dir = markedModelDir(path, isModelDir)
    if (dir === undefined || seenDirs.has(dir)) continue
    seenDirs.add(dir)
    const name = dir.slice(dir.lastIndexOf('/') + 1)
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw new UserError(
        `${dir}: "${name}" is not a valid model name; rename the directory to start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100 characters), or exclude it from "models" in ${configFile}`,
        { file: path }
      )
    }
    const other = byName.get(name)
    if (other) {
      throw new UserError(
        `${dir}: model name "${name}" is already used by ${other.path}; model names must be unique, so rename one of the directories or narrow "models" in ${configFile}`,
        { file: path }
      )
    }
    byName.set(name, { name, path: dir })
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
