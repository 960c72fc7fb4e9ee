import { MODEL_CONFIG_FILE } from '../constants.js'
import type { ModelConfig, ModelOverrides, RepoConfig } from '../core/config.js'
import { parseModelOverrides, parseRepoConfig, resolveModelConfig } from '../core/config.js'
import { fingerprintModels } from '../core/fingerprint.js'
import type { PathMatcher } from '../core/globs.js'
import { compileGlobs, compileModelDirGlobs } from '../core/globs.js'
import type { Model } from '../core/models.js'
import { discoverModels } from '../core/models.js'
import type { FileEntry } from '../ports/git.js'
import type { Logger } from '../ports/logger.js'
import type { Workspace } from '../ports/workspace.js'
import type { ScopedGit } from './scoped-git.js'

export interface RepositoryPorts {
  /** Git for the workspace, or undefined when the checkout has no git repository. */
  git: ScopedGit | undefined
  workspace: Workspace
  logger: Logger
  /** Lists the files of the workspace when there is no git (hashes them as git would). */
  listFilesWithoutGit: () => FileEntry[]
}

/**
 * The checked-out repository as every command sees it: model-ci.yml, the committed files, the
 * models, and each model's resolved config and fingerprint. `detect` and `train` read it the same
 * way, so the fingerprint `train` computes is the one `detect` put in the matrix.
 */
export class Repository {
  readonly isModelDir: PathMatcher
  readonly isShared: PathMatcher
  readonly models: Model[]
  private readonly committed: Map<string, FileEntry>
  private readonly overridesByModel = new Map<string, ModelOverrides>()
  private readonly modelFiles = new Map<string, string | undefined>()

  private constructor(
    private readonly ports: RepositoryPorts,
    readonly config: RepoConfig,
    readonly configFile: string,
    readonly files: FileEntry[]
  ) {
    this.isModelDir = compileModelDirGlobs(config.models)
    this.isShared = compileGlobs(config.shared)
    this.committed = new Map()
    for (const entry of files) this.committed.set(entry.path, entry)
    this.models = discoverModels(this.committed.keys(), this.isModelDir, configFile)
  }

  /** Reads the checkout: model-ci.yml from the working tree, the files and model.yml as committed at HEAD. */
  static async read(ports: RepositoryPorts, configFile: string): Promise<Repository> {
    const config = parseRepoConfig(ports.workspace.readText(configFile), configFile)
    const files = ports.git ? await ports.git.listFiles('HEAD') : ports.listFilesWithoutGit()
    return new Repository(ports, config, configFile, files)
  }

  isCommitted(path: string): boolean {
    return this.committed.has(path)
  }

  /**
   * Reads every model's model.yml at once: with git in one `cat-file --batch` call, which in a
   * monorepo of thousands of models costs a fraction of reading the files one by one.
   */
  async readModelFiles(models: readonly Model[] = this.models): Promise<void> {
    const wanted = models.map((model) => this.committed.get(modelFilePath(model))).filter((entry) => entry !== undefined)
    if (this.ports.git) {
      const blobs = await this.ports.git.readBlobs(wanted.map((entry) => entry.oid))
      for (const entry of wanted) this.modelFiles.set(entry.path, blobs.get(entry.oid)?.toString('utf8'))
    } else {
      for (const entry of wanted) this.modelFiles.set(entry.path, this.ports.workspace.readText(entry.path))
    }
  }

  model(name: string): Model | undefined {
    return this.models.find((model) => model.name === name)
  }

  /**
   * A model's model.yml, parsed once. The directory names the model: a `name` key that says
   * otherwise (left behind when the directory was renamed) draws a warning, not an error.
   */
  overrides(model: Model): ModelOverrides {
    let parsed = this.overridesByModel.get(model.name)
    if (parsed) return parsed
    const file = modelFilePath(model)
    const text = this.modelFileText(model)
    parsed = text === undefined ? {} : parseModelOverrides(text, file)
    if (parsed.name !== undefined && parsed.name !== model.name) {
      this.ports.logger.warning(
        `${file}: "name" is ${JSON.stringify(parsed.name)} but the model is named after its directory, "${model.name}"; remove "name" or set it to the directory's name`,
        { file }
      )
    }
    this.overridesByModel.set(model.name, parsed)
    return parsed
  }

  /** The model's model.yml text as committed, without parsing it (undefined when it has none). */
  modelFileText(model: Model): string | undefined {
    const file = modelFilePath(model)
    if (!this.modelFiles.has(file)) {
      this.modelFiles.set(file, this.isCommitted(file) ? this.ports.workspace.readText(file) : undefined)
    }
    return this.modelFiles.get(file)
  }

  modelConfig(model: Model): ModelConfig {
    return resolveModelConfig(this.config, model, this.overrides(model), {
      hasDefaultRequirements: this.isCommitted(`${model.path}/src/requirements.txt`)
    })
  }

  fingerprints(configs: readonly ModelConfig[]): Map<string, string> {
    return fingerprintModels(configs, this.files, this.isShared)
  }
}

function modelFilePath(model: Model): string {
  return `${model.path}/${MODEL_CONFIG_FILE}`
}
