import { Repository } from '../repository/repository.js'
import { mapChanges } from '../core/changes.js'
import { compileGlobs } from '../core/globs.js'
import type { PathMatcher } from '../core/globs.js'
import { isUserError } from '../errors.js'
import type { Logger } from '../ports/logger.js'
import type { LocalWorkspace } from './local-workspace.js'

/** Says nothing: train() reads the same files and gives their warnings, once. */
const QUIET: Logger = { info: () => undefined, debug: () => undefined, warning: () => undefined, group: (_title, work) => work() }

/**
 * The models among `models` whose inputs are among `uncommittedFiles` (tracked files with
 * uncommitted changes, repository-relative, as warnIfUncommitted returns them): a file in the
 * model's folder, in its `watch` globs or in the `shared` globs, or model-ci.yml (every model).
 * Their fingerprint is made from commits, so the run-cache entry it keys holds a training of the
 * committed files, not of those checked out: such a model must train without the run-cache.
 */
export async function modelsWithUncommittedInputs(
  workspace: LocalWorkspace,
  models: readonly string[],
  uncommittedFiles: readonly string[]
): Promise<Set<string>> {
  const changed = workspace.ports.git?.scopePaths(uncommittedFiles) ?? []
  if (changed.length === 0) return new Set()
  if (changed.includes(workspace.configFile)) return new Set(models)
  const repository = await Repository.read({ ...workspace.ports, logger: QUIET }, workspace.configFile)
  const known = models.flatMap((name) => repository.model(name) ?? [])
  const watchers: Array<{ model: string; matches: PathMatcher }> = []
  for (const loaded of await repository.load(known)) {
    try {
      const watch = loaded.config().watch
      if (watch.length > 0) watchers.push({ model: loaded.model.name, matches: compileGlobs(watch) })
    } catch (error) {
      // A model.yml to fix: train() tells it as that model's error.
      if (!isUserError(error)) throw error
    }
  }
  const mapping = mapChanges({ changedPaths: changed, models: repository.models, isModelDir: repository.isModelDir, isShared: repository.isShared, watchers })
  return new Set(models.filter((name) => mapping.selected.has(name)))
}
