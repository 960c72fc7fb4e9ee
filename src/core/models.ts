import { MODEL_CONFIG_FILE } from '../constants.js'
import { UserError } from '../errors.js'
import { MODEL_NAME_PATTERN } from './config/types.js'
import { FolderIndex } from './folder-index.js'
import type { PathMatcher } from './globs.js'

// Model artifacts are named model-ci-<model>; the ledger's artifact is model-ci-ledger.
const RESERVED_NAMES = new Set(['ledger'])

/** A model: a directory matched by the `models` globs that holds model.yml or src/train.py. */
export interface Model {
  name: string
  /** Repository-relative posix path of the model's directory. */
  path: string
}

/** The files that make a directory matched by the `models` globs a model, relative to it. */
export const MARKER_FILES: readonly string[] = [MODEL_CONFIG_FILE, 'src/train.py']
const MARKER_SUFFIXES = MARKER_FILES.map((file) => `/${file}`)

/** The model directory that `path` marks (its model.yml or src/train.py), if it is one. */
export function markedModelDir(path: string, isModelDir: PathMatcher): string | undefined {
  for (const marker of MARKER_SUFFIXES) {
    if (path.endsWith(marker)) {
      const dir = path.slice(0, -marker.length)
      if (dir.length > 0 && isModelDir(dir)) return dir
    }
  }
  return undefined
}

/**
 * Each folder that holds a marker file (model.yml or src/train.py) among `paths`, with the first
 * such file, in the order of `paths`.
 */
export function markerFolders(paths: Iterable<string>): Map<string, string> {
  const folders = new Map<string, string>()
  for (const path of paths) {
    for (const marker of MARKER_SUFFIXES) {
      if (!path.endsWith(marker) || path.length === marker.length) continue
      const dir = path.slice(0, -marker.length)
      if (!folders.has(dir)) folders.set(dir, path)
      break
    }
  }
  return folders
}

/**
 * The models among the folders of markerFolders (those the `models` globs match), sorted by name.
 * A model directory whose name is not a valid model name, or two directories with the same name,
 * are errors that name them.
 */
export function modelsAmong(markers: ReadonlyMap<string, string>, isModelDir: PathMatcher, configFile: string): Model[] {
  const byName = new Map<string, Model>()
  for (const [dir, path] of markers) {
    if (!isModelDir(dir)) continue
    const name = dir.slice(dir.lastIndexOf('/') + 1)
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw new UserError(
        `${dir}: "${name}" is not a valid model name; rename the directory to start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100 characters), or exclude it from "models" in ${configFile}`,
        { file: path }
      )
    }
    if (RESERVED_NAMES.has(name)) {
      throw new UserError(
        `${dir}: "${name}" is reserved (model-ci stores its ledger as the artifact model-ci-${name}); rename the directory, or exclude it from "models" in ${configFile}`,
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

/**
 * The folders matched by the `models` globs that hold Python files (at any depth) but are no model,
 * lie inside none and hold none: most often a model whose model.yml was forgotten. Of nested
 * matching folders, the outermost is named. `pythonFiles` are repository-relative paths.
 */
export function lookalikeFolders(pythonFiles: Iterable<string>, models: readonly Model[], isModelDir: PathMatcher): string[] {
  let inModel: FolderIndex<true> | undefined
  let holdingModels: Set<string> | undefined
  const found = new Set<string>()
  for (const path of pythonFiles) {
    // Built on the first file to look at: most repositories have none outside their models.
    inModel ??= new FolderIndex(models.map((model) => [model.path, true] as const))
    if (inModel.owner(path)) continue
    holdingModels ??= foldersHolding(models)
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      const folder = path.slice(0, slash)
      if (holdingModels.has(folder) || !isModelDir(folder)) continue
      found.add(folder)
      break
    }
  }
  return [...found].sort()
}

/** Every folder that holds a model, at any depth. */
function foldersHolding(models: readonly Model[]): Set<string> {
  const folders = new Set<string>()
  for (const { path } of models) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) folders.add(path.slice(0, slash))
  }
  return folders
}
