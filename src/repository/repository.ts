import { MODEL_CONFIG_FILE } from '../constants.js'
import { UserError } from '../errors.js'
import type { ModelConfig, ModelOverrides, RepoConfig } from '../core/config.js'
// Not from ../core/config.js, which would bring the parser, loaded on first use (see config-parser.ts).
import { REQUIREMENTS_LOOKED_FOR, defaultRepoConfig } from '../core/config/defaults.js'
import { resolveModelConfig, trainingConfigKey } from '../core/config/resolve.js'
import { filesMatching, fingerprint } from '../core/fingerprint.js'
import type { PathMatcher } from '../core/globs.js'
import { compileGlobs, compileModelDirGlobs, globBases } from '../core/globs.js'
import type { Model } from '../core/models.js'
import { MARKER_FILES, lookalikeFolders, markerFolders, modelsAmong } from '../core/models.js'
import type { FileEntry } from '../ports/git.js'
import type { Logger } from '../ports/logger.js'
import type { Workspace } from '../ports/workspace.js'
import type { CommittedFiles, FilesAndTrees } from './committed-files.js'
import type { ConfigParser } from './config-parser.js'
import { loadConfigParser } from './config-parser.js'
import { GitCommittedFiles } from './git-committed-files.js'
import { ListedCommittedFiles } from './listed-committed-files.js'
import type { ScopedGit } from './scoped-git.js'

export interface RepositoryPorts {
  /** Git for the workspace, or undefined when the checkout has no git repository. */
  git: ScopedGit | undefined
  workspace: Workspace
  logger: Logger
  /** Lists the files of the workspace when there is no git (hashes them as git would). */
  listFilesWithoutGit: () => FileEntry[]
  /**
   * model.yml files (workspace-relative) read as checked out rather than as committed: local
   * mode's uncommitted edits, read as model-ci.yml always is. Absent in CI, where they are the same.
   */
  checkedOutModelFiles?: ReadonlySet<string>
}

/** The files of a model folder that the repository looks up: what marks a model, and its default requirements. */
const MODEL_FOLDER_FILES = [...MARKER_FILES, ...REQUIREMENTS_LOOKED_FOR]
/** What a model.yml with a `watch` key holds: the key, or a backslash of an escape spelling it ("w\x61tch"). */
const MAY_WATCH = /watch|\\/

export interface ReadOptions {
  /**
   * Start reading every model's model.yml and folder tree as soon as git has listed them, while
   * the models are worked out from the listing: detect reads them all to find the `watch` globs.
   */
  allModelFiles?: boolean
}

/**
 * A model whose files `Repository.load` has read: its model.yml, parsed on first use (a UserError
 * when it does not parse, so that one model's bad file is that model's error), its resolved config
 * and its fingerprint.
 */
export interface LoadedModel {
  readonly model: Model
  overrides(): ModelOverrides
  config(): ModelConfig
  fingerprint(): string
}

/**
 * The checked-out repository as every command sees it: model-ci.yml, the models, and each model's
 * resolved config and fingerprint, from the files committed at HEAD. `detect` and `train` read it
 * the same way, so the fingerprint `train` computes is the one `detect` put in the matrix.
 *
 * A monorepo commits tens of thousands of files, so it reads only what it is asked about: `read`
 * finds the models; `load` reads the model.yml of some and what their fingerprints hash, and
 * returns them loaded: there is no way to ask for a config before its files are read.
 */
export class Repository {
  readonly isModelDir: PathMatcher
  readonly isShared: PathMatcher
  readonly isIgnored: PathMatcher
  readonly models: Model[]
  private readonly parsedOverrides = new Map<string, ModelOverrides>()
  /** Models whose model.yml `name` mismatch was warned about, once each. */
  private readonly checkedNames = new Set<string>()
  private readonly modelFiles = new Map<string, string | undefined>()
  private treeIds = new Map<string, string>()
  private sharedFiles: Promise<readonly FileEntry[]> | undefined
  /** Files below the bases of the `watch` globs read so far, by path. */
  private readonly watchableFiles = new Map<string, FileEntry>()
  private readonly listedWatchBases = new Set<string>()
  /** What `read` started reading for `allModelFiles`, and whether it is done. */
  private readingAll: Promise<void> | undefined
  private allRead = false

  private constructor(
    private readonly ports: RepositoryPorts,
    private readonly files: CommittedFiles,
    readonly config: RepoConfig,
    readonly configFile: string,
    private readonly modelFolderFiles: ReadonlyMap<string, FileEntry>,
    markers: ReadonlyMap<string, string>
  ) {
    this.isModelDir = compileModelDirGlobs(config.models)
    this.isShared = compileGlobs(config.shared)
    this.isIgnored = compileGlobs(config.ignore)
    this.models = modelsAmong(markers, this.isModelDir, configFile)
  }

  /** Reads the checkout: model-ci.yml from the working tree, the models as committed at HEAD. */
  static async read(ports: RepositoryPorts, configFile: string, options: ReadOptions = {}): Promise<Repository> {
    const text = ports.workspace.readText(configFile)
    const config = text === undefined ? defaultRepoConfig() : (await loadConfigParser()).parseRepoConfig(text, configFile)
    const files: CommittedFiles = ports.git
      ? new GitCommittedFiles(ports.git)
      : new ListedCommittedFiles(ports.listFilesWithoutGit(), ports.workspace)
    const found = await files.findFiles(globBases(config.models), MODEL_FOLDER_FILES)
    // The files of MODEL_FOLDER_FILES in model folders (and a few more: see CommittedFiles.findFiles), by path.
    const modelFolderFiles = new Map<string, FileEntry>()
    for (const entry of found) modelFolderFiles.set(entry.path, entry)
    const markers = markerFolders(modelFolderFiles.keys())
    // Started before the models are worked out from the listing, which takes a while in a monorepo.
    const reading = options.allModelFiles ? readEveryModelFile(files, modelFolderFiles, markers) : undefined
    // Awaited by load: failing before then (an invalid model name) must not leave it unhandled.
    reading?.catch(() => undefined)
    const repository = new Repository(ports, files, config, configFile, modelFolderFiles, markers)
    if (reading) {
      repository.readingAll = repository.keepModelFiles(reading)
      repository.readingAll.catch(() => undefined)
    }
    return repository
  }

  /**
   * Reads the model.yml of each model as committed (with git in one `cat-file --batch` call, which
   * in a monorepo of thousands of models costs a fraction of reading the files one by one), and
   * what their fingerprints hash: the tree of each model's folder, the files of the `shared` globs
   * and of each model's `watch` globs. Returns the models loaded, in the order given.
   */
  async load(models: readonly Model[]): Promise<LoadedModel[]> {
    const parsing = loadConfigParser()
    const sharedFiles = await this.readUnread(models)
    const parser = await parsing
    await this.readWatchableFiles(models, parser)
    return models.map((model) => this.loaded(model, parser, sharedFiles))
  }

  private loaded(model: Model, parser: ConfigParser, sharedFiles: readonly FileEntry[]): LoadedModel {
    const modelTree = this.treeIds.get(model.path)
    // Every model folder holds a committed marker file, so git has its tree.
    if (modelTree === undefined) throw new Error(`Repository.load: git gave no tree for ${model.path}`)
    let resolved: ModelConfig | undefined
    const overrides = () => this.overrides(model, parser)
    const config = () => (resolved ??= this.modelConfig(model, overrides()))
    return {
      model,
      overrides,
      config,
      fingerprint: () =>
        fingerprint({ modelTree, watchedFiles: this.watchedFiles(config()), sharedFiles, trainingConfig: trainingConfigKey(config()) })
    }
  }

  /**
   * Reads every model's model.yml (with `allModelFiles`, what `read` started) and returns the
   * models whose file can hold a `watch` key. The others have none, and are not parsed to tell:
   * parsing 2,000 files takes a while, and a watch key is rare.
   */
  async findModelsThatMayWatch(): Promise<Model[]> {
    await this.readUnread(this.models)
    return this.models.filter((model) => this.mayWatch(model))
  }

  /** Whether the model's model.yml (read already) can hold a `watch` key. */
  private mayWatch(model: Model): boolean {
    const text = this.modelFileText(model)
    return text !== undefined && MAY_WATCH.test(text)
  }

  /**
   * Folders the `models` globs match that hold Python files but neither model.yml nor
   * src/train.py, so they are no model (see lookalikeFolders): a model.yml forgotten, most often.
   * Looked for among the folders beside the models read so far, which reading their trees lists
   * at no cost (see CommittedFiles.readFilesAndTrees); only when some are not models are their
   * files listed. Without git, and for a folder beside no model, none are found.
   */
  async lookalikeFolders(): Promise<string[]> {
    const modelPaths = new Set(this.models.map((model) => model.path))
    const candidates = [...this.treeIds.keys()].filter((dir) => !modelPaths.has(dir) && this.isModelDir(dir))
    if (candidates.length === 0) return []
    const pythonFiles = (await this.files.filesUnder(candidates)).filter((file) => file.path.endsWith('.py')).map((file) => file.path)
    return lookalikeFolders(pythonFiles, this.models, this.isModelDir)
  }

  model(name: string): Model | undefined {
    return this.models.find((model) => model.name === name)
  }

  /**
   * A model's model.yml, parsed once. The directory names the model: a `name` key that says
   * otherwise (left behind when the directory was renamed) draws a warning, not an error.
   */
  private overrides(model: Model, parser: ConfigParser): ModelOverrides {
    const parsed = this.parse(model, parser)
    if (!this.checkedNames.has(model.name)) {
      this.checkedNames.add(model.name)
      if (parsed.name !== undefined && parsed.name !== model.name) {
        const file = modelFilePath(model)
        this.ports.logger.warning(
          `${file}: "name" is ${JSON.stringify(parsed.name)} but the model is named after its directory, "${model.name}"; remove "name" or set it to the directory's name`,
          { file }
        )
      }
    }
    return parsed
  }

  /**
   * The model's model.yml text as committed, without parsing it (undefined when it has none), or
   * as checked out when it is among `checkedOutModelFiles`. The readers of the repository's files
   * (readUnread, keepModelFiles) have read every model file they were asked for, and only they lead here.
   */
  private modelFileText(model: Model): string | undefined {
    const path = modelFilePath(model)
    if (this.ports.checkedOutModelFiles?.has(path)) return this.ports.workspace.readText(path)
    return this.modelFiles.get(path)
  }

  private modelConfig(model: Model, overrides: ModelOverrides): ModelConfig {
    if (overrides.metricsFrom === 'mlflow' && !this.config.mlflow) {
      const file = modelFilePath(model)
      throw new UserError(`${file}: "metrics-from: mlflow" reads the metrics from the training's MLflow run, which needs an mlflow: block in model-ci.yml (see model-ci's docs/mlflow.md); add one, or remove metrics-from`, { file })
    }
    return resolveModelConfig(this.config, model, overrides, {
      requirementsFound: REQUIREMENTS_LOOKED_FOR.find((path) => this.modelFolderFiles.has(`${model.path}/${path}`))
    })
  }

  /** model.yml parsed, without the warnings `overrides` gives, which `load` must not give early. */
  private parse(model: Model, parser: ConfigParser): ModelOverrides {
    let parsed = this.parsedOverrides.get(model.name)
    if (!parsed) {
      const text = this.modelFileText(model)
      parsed = text === undefined ? {} : parser.parseModelOverrides(text, modelFilePath(model))
      this.parsedOverrides.set(model.name, parsed)
    }
    return parsed
  }

  /** Reads the model.yml and folder tree of those of `models` not read yet, and the shared files. */
  private async readUnread(models: readonly Model[]): Promise<readonly FileEntry[]> {
    await this.readingAll
    if (this.allRead) return this.readSharedFiles()
    const unread = models
      .map((model) => this.modelFolderFiles.get(modelFilePath(model)))
      .filter((entry) => entry !== undefined && !this.modelFiles.has(entry.path)) as FileEntry[]
    const dirs = models.map((model) => model.path).filter((dir) => !this.treeIds.has(dir))
    const [read, sharedFiles] = await Promise.all([
      unread.length > 0 || dirs.length > 0 ? this.files.readFilesAndTrees(unread, dirs) : undefined,
      this.readSharedFiles()
    ])
    if (read) this.keep(read, unread)
    return sharedFiles
  }

  private async keepModelFiles(reading: Promise<{ read: FilesAndTrees; files: FileEntry[] }>): Promise<void> {
    const [{ read, files }] = await Promise.all([reading, this.readSharedFiles()])
    this.keep(read, files)
    this.allRead = true
  }

  private keep(read: FilesAndTrees, files: readonly FileEntry[]): void {
    for (const file of files) this.modelFiles.set(file.path, read.texts.get(file.path))
    if (this.treeIds.size === 0) this.treeIds = read.treeIds
    else for (const [dir, id] of read.treeIds) this.treeIds.set(dir, id)
  }

  private readSharedFiles(): Promise<readonly FileEntry[]> {
    this.sharedFiles ??= (async () => {
      const candidates = this.config.shared.length > 0 ? await this.files.filesUnder(globBases(this.config.shared)) : []
      return filesMatching(candidates, this.isShared)
    })()
    return this.sharedFiles
  }

  /**
   * Lists the files below the bases of the models' `watch` globs. Parsing every model.yml is slow
   * (2,000 of them in a large monorepo), so only texts that can hold a `watch` key are parsed; one
   * that does not parse is left for `overrides` to report where it always has.
   */
  private async readWatchableFiles(models: readonly Model[], parser: ConfigParser): Promise<void> {
    const globs: string[] = []
    for (const model of models) {
      if (!this.mayWatch(model)) continue
      try {
        globs.push(...(this.parse(model, parser).watch ?? []))
      } catch {
        continue
      }
    }
    const bases = globBases(globs).filter((base) => !this.isWatchBaseListed(base))
    if (bases.length === 0) return
    for (const file of await this.files.filesUnder(bases)) this.watchableFiles.set(file.path, file)
    for (const base of bases) this.listedWatchBases.add(base)
  }

  private watchedFiles(config: ModelConfig): FileEntry[] {
    if (config.watch.length === 0) return []
    for (const base of globBases(config.watch)) {
      // load() lists them for every model whose model.yml parses, and only such a model has a config.
      if (!this.isWatchBaseListed(base)) throw new Error(`Repository: the watched files of ${config.path} were not listed`)
    }
    return filesMatching(this.watchableFiles.values(), compileGlobs(config.watch))
  }

  private isWatchBaseListed(base: string): boolean {
    if (this.listedWatchBases.has('') || this.listedWatchBases.has(base)) return true
    for (let slash = base.indexOf('/'); slash !== -1; slash = base.indexOf('/', slash + 1)) {
      if (this.listedWatchBases.has(base.slice(0, slash))) return true
    }
    return false
  }
}

/**
 * The model.yml and the tree of every folder that holds a marker file: more than the models'
 * (the listing may name a few files outside them), read before the models are known.
 */
async function readEveryModelFile(
  files: CommittedFiles,
  modelFolderFiles: ReadonlyMap<string, FileEntry>,
  markers: ReadonlyMap<string, string>
): Promise<{ read: FilesAndTrees; files: FileEntry[] }> {
  const modelFiles: FileEntry[] = []
  for (const dir of markers.keys()) {
    const entry = modelFolderFiles.get(`${dir}/${MODEL_CONFIG_FILE}`)
    if (entry) modelFiles.push(entry)
  }
  return { read: await files.readFilesAndTrees(modelFiles, [...markers.keys()]), files: modelFiles }
}

function modelFilePath(model: Model): string {
  return `${model.path}/${MODEL_CONFIG_FILE}`
}
