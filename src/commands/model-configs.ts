import { MODEL_CONFIG_FILE } from '../constants.js'
import type { ModelConfig, ModelOverrides, RepoConfig } from '../core/config.js'
import { parseModelOverrides, resolveModelConfig } from '../core/config.js'
import type { Model } from '../core/models.js'
import type { Logger } from '../ports/logger.js'
import type { Workspace } from '../ports/workspace.js'

/** The committed files a model's config depends on, looked up by workspace-relative path. */
export type FileExists = (path: string) => boolean

/** Resolves a model's config: its model.yml over the repository's defaults. */
export function loadModelConfig(repo: RepoConfig, model: Model, exists: FileExists, overrides: ModelOverrides): ModelConfig {
  return resolveModelConfig(repo, model, overrides, {
    hasDefaultRequirements: exists(`${model.path}/src/requirements.txt`)
  })
}

/**
 * Reads a model's model.yml. The directory names the model: a `name` key that says otherwise
 * (left behind when the directory was renamed) draws a warning, not an error.
 */
export function readModelOverrides(workspace: Workspace, model: Model, logger: Logger): ModelOverrides {
  const file = `${model.path}/${MODEL_CONFIG_FILE}`
  const overrides = parseModelOverrides(workspace.readText(file), file)
  if (overrides.name !== undefined && overrides.name !== model.name) {
    logger.warning(
      `${file}: "name" is ${JSON.stringify(overrides.name)} but the model is named after its directory, "${model.name}"; remove "name" or set it to the directory's name`,
      { file }
    )
  }
  return overrides
}
