import type { RepoConfig } from './config.js'
import type { PathMatcher } from './globs.js'
import { compileGlobs, matchesNothing } from './globs.js'
import { FolderIndex } from './folder-index.js'
import type { Model } from './models.js'
import { markedModelDir } from './models.js'

/** Why a model was picked for training: the changed files that touch it, by kind. */
export interface Why {
  /** Changed files inside the model's directory. */
  files: string[]
  /** Changed files matched by the model's own `watch` globs. */
  watched: string[]
  /** Changed files matched by the repository's `shared` globs (the same list for every model). */
  shared: string[]
  /** Reasons that are not a file: a config change, a first push, a manual selection. */
  notes: string[]
}

export interface ChangeMapping {
  /** The models to train, by name, with why. */
  selected: Map<string, Why>
  /** Names of models that existed at the base and are gone at the head (deleted or renamed away). */
  deleted: string[]
}

export interface ChangeMappingInput {
  changedPaths: readonly string[]
  /** The models at the head. */
  models: readonly Model[]
  isModelDir: PathMatcher
  isShared: PathMatcher
  /** model-ci.yml's `ignore`: changed paths that pick no model, not even through `shared` or `watch`. */
  isIgnored?: PathMatcher
  watchers: ReadonlyArray<{ model: string; matches: PathMatcher }>
}

export function emptyWhy(): Why {
  return { files: [], watched: [], shared: [], notes: [] }
}

/**
 * Maps changed paths to the models they touch. A path inside a model's directory picks that
 * model; a `shared` path picks every model; a model's `watch` globs pick that model. A changed
 * model.yml or src/train.py in a directory that is no longer a model marks a deleted model, which
 * also covers a renamed one: git reports a rename as a deletion plus an addition.
 */
export function mapChanges(input: ChangeMappingInput): ChangeMapping {
  const isIgnored = input.isIgnored === undefined || matchesNothing(input.isIgnored) ? undefined : input.isIgnored
  if (isIgnored) return mapChanges({ ...input, changedPaths: input.changedPaths.filter((path) => !isIgnored(path)), isIgnored: undefined })
  const modelsByDir = new FolderIndex(input.models.map((model) => [model.path, model] as const))
  const presentNames = new Set(input.models.map((model) => model.name))
  const selected = new Map<string, Why>()
  const sharedFiles: string[] = []
  const deleted = new Set<string>()
  // A diff lists a folder's paths one after the other (tens of thousands in a monorepo): while
  // they run, one prefix test answers. Only without nested models, where an inner one could hold
  // the next path.
  const runs = !modelsByDir.nested
  const isShared = matchesNothing(input.isShared) ? undefined : input.isShared
  let runPrefix = ''
  let runFiles: string[] | undefined

  for (const path of input.changedPaths) {
    if (isShared?.(path)) sharedFiles.push(path)
    if (runFiles !== undefined && path.startsWith(runPrefix)) {
      runFiles.push(path)
      continue
    }
    const owner = modelsByDir.owner(path)
    runFiles = undefined
    if (owner) {
      const files = whyOf(selected, owner.name).files
      files.push(path)
      if (runs) {
        runPrefix = `${owner.path}/`
        runFiles = files
      }
    } else {
      const goneDir = markedModelDir(path, input.isModelDir)
      if (goneDir !== undefined && !modelsByDir.has(goneDir)) {
        const name = goneDir.slice(goneDir.lastIndexOf('/') + 1)
        if (!presentNames.has(name)) deleted.add(name)
      }
    }
  }
  if (sharedFiles.length > 0) {
    for (const model of input.models) whyOf(selected, model.name).shared = sharedFiles
  }
  const mapping = { selected, deleted: [...deleted].sort() }
  addWatchedChanges(mapping, input.changedPaths, input.watchers)
  return mapping
}

/**
 * Adds the models that the changed paths pick through their own `watch` globs. mapChanges does it
 * with its `watchers`; detect maps the changes with none while model.yml files are still being read.
 */
export function addWatchedChanges(mapping: ChangeMapping, changedPaths: readonly string[], watchers: ChangeMappingInput['watchers']): void {
  if (watchers.length === 0) return
  for (const path of changedPaths) {
    for (const watcher of watchers) {
      if (watcher.matches(path)) whyOf(mapping.selected, watcher.model).watched.push(path)
    }
  }
}

/**
 * Drops the models picked only by changes to their own files that their model.yml's `ignore`
 * globs (relative to the model directory) match: a README edit does not retrain the model.
 */
export function dropIgnoredChanges(mapping: ChangeMapping, ignoring: ReadonlyArray<{ model: Model; ignore: readonly string[] }>): void {
  for (const { model, ignore } of ignoring) {
    const why = mapping.selected.get(model.name)
    if (!why || ignore.length === 0 || why.watched.length > 0 || why.shared.length > 0 || why.notes.length > 0) continue
    const isIgnored = compileGlobs(ignore.map((glob) => `${model.path}/${glob}`))
    if (why.files.every(isIgnored)) mapping.selected.delete(model.name)
  }
}

/** The reasons recorded for `model`, made empty the first time it is picked. */
function whyOf(selected: Map<string, Why>, model: string): Why {
  let why = selected.get(model)
  if (!why) selected.set(model, (why = emptyWhy()))
  return why
}

/**
 * Whether a change to model-ci.yml changes what or how models train: its `models`, `shared` or
 * `defaults`. Metric policies and environments only change reports and promotions.
 */
export function trainingSettingsDiffer(before: RepoConfig, after: RepoConfig): boolean {
  const settings = (config: RepoConfig) => JSON.stringify([config.models, config.shared, config.defaults])
  return settings(before) !== settings(after)
}
