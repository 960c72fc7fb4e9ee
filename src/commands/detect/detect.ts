import { MAX_MATRIX_JOBS, MODEL_CONFIG_FILE } from '../../constants.js'
import type { ModelConfig, ModelOverrides, RepoConfig } from '../../core/config.js'
import { parseRepoConfig } from '../../core/config.js'
import type { Why } from '../../core/changes.js'
import { emptyWhy, mapChanges, trainingSettingsDiffer } from '../../core/changes.js'
import { renderDetectSummary } from '../../core/detect-summary.js'
import { fingerprintModels } from '../../core/fingerprint.js'
import type { PathMatcher } from '../../core/globs.js'
import { compileGlobs, compileModelDirGlobs } from '../../core/globs.js'
import type { Model } from '../../core/models.js'
import { discoverModels } from '../../core/models.js'
import { selectModels } from '../../core/model-selection.js'
import { UserError } from '../../errors.js'
import type { RunContext } from '../../ports/event.js'
import type { FileEntry } from '../../ports/git.js'
import type { Logger } from '../../ports/logger.js'
import type { PullRequestFiles } from '../../ports/pull-requests.js'
import type { Workspace } from '../../ports/workspace.js'
import { loadModelConfig, readModelOverrides } from '../model-configs.js'
import type { ChangeRange } from './change-range.js'
import { resolveChangeRange } from './change-range.js'
import type { ScopedGit } from '../scoped-git.js'

export interface MatrixEntry {
  model: string
  path: string
  'runs-on': string | string[]
  python: string
  'timeout-minutes': number
  fingerprint: string
}

export interface DetectPorts {
  /** Git for the workspace, or undefined when the checkout has no git repository. */
  git: ScopedGit | undefined
  workspace: Workspace
  logger: Logger
  /** Lists the files of the workspace when there is no git (hashes them as git would). */
  listFilesWithoutGit: () => FileEntry[]
  /** The hosting service's list of a pull request's files, loaded only when git cannot answer. */
  pullRequestFiles?: () => Promise<PullRequestFiles>
}

export interface DetectRequest {
  context: RunContext
  /** The `models` input: "all" or names, for manual and scheduled runs. */
  models: string
  configFile: string
}

export interface DetectResult {
  matrix: { include: MatrixEntry[] }
  models: string[]
  deleted: string[]
  /** Where the diff starts (the merge-base for a pull request); empty when nothing was diffed. */
  baseSha: string
  /** Where it ends: the pull request's head, not GitHub's merge commit. */
  headSha: string
  summary: string
}

/** Finds the models that the run's changes touch and describes their matrix jobs. */
export async function detect(ports: DetectPorts, request: DetectRequest): Promise<DetectResult> {
  const { git, workspace, logger } = ports
  const repoConfig = parseRepoConfig(workspace.readText(request.configFile), request.configFile)
  const isModelDir = compileModelDirGlobs(repoConfig.models)
  const isShared = compileGlobs(repoConfig.shared)

  const [range, listing] = await Promise.all([
    git ? resolveChangeRange(git.git, request.context, logger) : noGitRange(request.context),
    git ? git.listFiles('HEAD') : Promise.resolve(ports.listFilesWithoutGit())
  ])
  const models = discoverModels(
    listing.map((entry) => entry.path),
    isModelDir,
    request.configFile
  )
  const committed = new Set(listing.map((entry) => entry.path))
  const overrides = new Map<string, ModelOverrides>()
  const overridesOf = (model: Model) => {
    let parsed = overrides.get(model.name)
    if (!parsed) overrides.set(model.name, (parsed = readModelOverrides(workspace, model, logger)))
    return parsed
  }

  const picked = await pickModels({ ports, request, repoConfig, range, models, isModelDir, isShared, committed, overridesOf })
  const configs = picked.models.map((model) =>
    loadModelConfig(repoConfig, model, (path) => committed.has(path), overridesOf(model))
  )
  const include = matrixEntries(configs, listing, isShared)
  const summary = renderDetectSummary({
    range: describeRange(range, picked.note),
    picked: picked.models.map((model) => ({ model: model.name, path: model.path, why: picked.why.get(model.name) ?? emptyWhy() })),
    deleted: picked.deleted
  })
  return {
    matrix: { include },
    models: picked.models.map((model) => model.name),
    deleted: picked.deleted,
    // Without git the merge-base is unknown: an empty base-sha says so rather than guess.
    baseSha: range.kind === 'diff' ? range.base : '',
    headSha: range.head,
    summary
  }
}

/** GitHub refuses a matrix of more jobs than this; the error says what to do instead. */
export function assertMatrixFits(result: DetectResult): void {
  if (result.models.length > MAX_MATRIX_JOBS) {
    throw new UserError(
      `${result.models.length} models changed, more than the ${MAX_MATRIX_JOBS} jobs GitHub allows in one matrix; split the change, narrow "shared" in model-ci.yml, or run detect with the "models" input on a workflow_dispatch to train a subset`
    )
  }
}

interface Picked {
  models: Model[]
  why: Map<string, Why>
  deleted: string[]
  note?: string
}

async function pickModels(args: {
  ports: DetectPorts
  request: DetectRequest
  repoConfig: RepoConfig
  range: ChangeRange
  models: Model[]
  isModelDir: PathMatcher
  isShared: PathMatcher
  committed: ReadonlySet<string>
  overridesOf: (model: Model) => ModelOverrides
}): Promise<Picked> {
  const { ports, request, range, models } = args
  if (range.kind === 'selection') {
    const chosen = selectModels(request.models, models, 'models')
    return everyOne(chosen, `chosen by the "models" input of the ${request.context.eventName} run`)
  }
  if (range.kind === 'everything') return everyOne(models, range.note)

  const changes = await changedPaths(ports, request, range)
  if (!changes.complete) {
    const note = `the pull request changes more files than GitHub's API lists (${changes.paths.length}), so every model trains`
    ports.logger.warning(`model-ci detect: ${note}; check out with fetch-depth: 0 so that git can list every change`)
    return { ...everyOne(models, note), deleted: mapChanges(mappingInput(args, changes.paths)).deleted }
  }
  const mapping = mapChanges(mappingInput(args, changes.paths))
  if (changes.paths.includes(request.configFile) && (await configRetrainsAll(ports, request, range, args.repoConfig))) {
    const note = `${request.configFile} changed "models", "shared" or "defaults"`
    return { ...everyOne(models, note, mapping.selected), deleted: mapping.deleted }
  }
  const byName = new Map(models.map((model) => [model.name, model]))
  return {
    models: [...mapping.selected.keys()].sort().map((name) => byName.get(name) as Model),
    why: mapping.selected,
    deleted: mapping.deleted,
    note: range.kind === 'diff' ? range.note : `git could not list the changes (${range.reason}); the pull request's files from GitHub's API were used`
  }
}

/**
 * Whether a change to model-ci.yml retrains every model. Without git the base version cannot be
 * read, and a change that cannot be compared is taken as one that matters.
 */
async function configRetrainsAll(ports: DetectPorts, request: DetectRequest, range: ChangeRange, head: RepoConfig): Promise<boolean> {
  if (range.kind !== 'diff' || !ports.git) return true
  const before = await ports.git.readFile(range.base, request.configFile)
  return trainingSettingsDiffer(before, head, request.configFile)
}

function mappingInput(
  args: { models: Model[]; isModelDir: PathMatcher; isShared: PathMatcher; committed: ReadonlySet<string>; overridesOf: (model: Model) => ModelOverrides; ports: DetectPorts },
  changedPaths: string[]
) {
  return {
    changedPaths,
    models: args.models,
    isModelDir: args.isModelDir,
    isShared: args.isShared,
    watchers: watchers(args.ports.workspace, args.models, args.committed, args.overridesOf)
  }
}

/**
 * The models with `watch` globs. Reading every model.yml is cheap, parsing every one is not
 * (2,000 of them in a large monorepo), so only texts that can hold a `watch` key are parsed.
 */
function watchers(
  workspace: Workspace,
  models: readonly Model[],
  committed: ReadonlySet<string>,
  overridesOf: (model: Model) => ModelOverrides
): Array<{ model: string; matches: PathMatcher }> {
  const found: Array<{ model: string; matches: PathMatcher }> = []
  for (const model of models) {
    const file = `${model.path}/${MODEL_CONFIG_FILE}`
    if (!committed.has(file)) continue
    const text = workspace.readText(file)
    // A key spelled with escapes ("w\x61tch") needs a backslash, so this test misses none.
    if (text === undefined || !/watch|\\/.test(text)) continue
    const watch = overridesOf(model).watch
    if (watch && watch.length > 0) found.push({ model: model.name, matches: compileGlobs(watch) })
  }
  return found
}

function everyOne(models: readonly Model[], note: string, why = new Map<string, Why>()): Picked {
  const all = new Map<string, Why>()
  for (const model of models) {
    const reasons = why.get(model.name) ?? emptyWhy()
    all.set(model.name, { ...reasons, notes: [...reasons.notes, note] })
  }
  return { models: [...models], why: all, deleted: [], note }
}

async function changedPaths(
  ports: DetectPorts,
  request: DetectRequest,
  range: Extract<ChangeRange, { kind: 'diff' | 'no-history' }>
): Promise<{ paths: string[]; complete: boolean }> {
  if (range.kind === 'diff' && ports.git) {
    return { paths: await ports.git.changedPaths(range.base, range.head), complete: true }
  }
  const reason = range.kind === 'no-history' ? range.reason : 'there is no git repository'
  const trigger = request.context.trigger
  if (trigger.kind !== 'pull_request' || trigger.number === undefined || !ports.pullRequestFiles) {
    throw new UserError(
      `model-ci detect cannot tell what changed: ${reason}; check out the repository with actions/checkout (fetch-depth 1 is enough, detect deepens it) and keep its credentials (persist-credentials: true)`
    )
  }
  ports.logger.info(`Git cannot list the changes (${reason}); asking GitHub for the pull request's files`)
  const client = await ports.pullRequestFiles()
  let listed: Awaited<ReturnType<PullRequestFiles['listFiles']>>
  try {
    listed = await client.listFiles(trigger.number)
  } catch (error) {
    throw new UserError(
      `model-ci detect cannot tell what changed: ${reason}, and GitHub's pull request files API failed (${(error as Error).message}); check out the repository with actions/checkout, or give the job "pull-requests: read"`
    )
  }
  const paths = listed.files.flatMap((file) =>
    file.previousFilename !== undefined ? [file.filename, file.previousFilename] : [file.filename]
  )
  const scoped = ports.git ? ports.git.scopePaths(paths) : paths
  const complete = listed.complete && (trigger.changedFiles === undefined || listed.files.length >= trigger.changedFiles)
  return { paths: scoped, complete }
}

function noGitRange(context: RunContext): Promise<ChangeRange> {
  const trigger = context.trigger
  if (trigger.kind === 'manual') return Promise.resolve({ kind: 'selection', head: context.sha })
  const [base, head] = trigger.kind === 'pull_request' ? [trigger.baseSha, trigger.headSha] : [trigger.before, trigger.after]
  return Promise.resolve({ kind: 'no-history', base, head, reason: 'the checkout has no git repository' })
}

function matrixEntries(configs: readonly ModelConfig[], listing: readonly FileEntry[], isShared: PathMatcher): MatrixEntry[] {
  const fingerprints = fingerprintModels(configs, listing, isShared)
  return configs.map((config) => ({
    model: config.name,
    path: config.path,
    'runs-on': config.runsOn,
    python: config.python,
    'timeout-minutes': config.timeoutMinutes,
    fingerprint: fingerprints.get(config.name) as string
  }))
}

function describeRange(range: ChangeRange, note: string | undefined): { base?: string; head: string; note?: string } {
  switch (range.kind) {
    case 'diff':
      return { base: range.base, head: range.head, note }
    case 'no-history':
    case 'everything':
    case 'selection':
      return { head: range.head, note }
  }
}
