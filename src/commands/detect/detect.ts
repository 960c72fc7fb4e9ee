import { MAX_MATRIX_JOBS } from '../../constants.js'
import type { RepoConfig } from '../../core/config.js'
import type { Ledger } from '../../core/ledger.js'
import type { Why } from '../../core/changes.js'
import type { ChangeMapping } from '../../core/changes.js'
import { installsIntoInterpreter } from '../../core/batching.js'
import { addWatchedChanges, dropIgnoredChanges, emptyWhy, mapChanges, trainingSettingsDiffer } from '../../core/changes.js'
import { renderDetectSummary } from '../../core/detect-summary.js'
import type { PathMatcher } from '../../core/globs.js'
import { compileGlobs } from '../../core/globs.js'
import type { Model } from '../../core/models.js'
import { selectModels } from '../../core/model-selection.js'
import { UserError, isUserError } from '../../errors.js'
import type { RunContext } from '../../ports/event.js'
import type { PullRequestFiles } from '../../ports/pull-requests.js'
import { loadConfigParser } from '../../repository/config-parser.js'
import type { RepositoryPorts } from '../../repository/repository.js'
import { Repository } from '../../repository/repository.js'
import type { BatchEntry, MatrixEntry } from '../../core/matrix.js'
import { batchEntries } from './batches.js'
import type { ChangeRange } from './change-range.js'
import { resolveChangeRange } from './change-range.js'

export type { MatrixEntry } from '../../core/matrix.js'

export interface DetectPorts extends RepositoryPorts {
  /** The hosting service's list of a pull request's files, loaded only when git cannot answer. */
  pullRequestFiles?: () => Promise<PullRequestFiles>
  /** The default branch's newest ledger, whose training times balance batches: read only past `maxJobs`. */
  ledger?: () => Promise<Ledger | undefined>
}

export interface DetectRequest {
  context: RunContext
  /** The `models` input: "all" or names, for runs of events other than push and pull request. */
  models: string
  /** Where `models` was given, as errors name it (default `input "models"`; the CLI's `--models`, GitLab's `variable MODEL_CI_MODELS`). */
  modelsShownAs?: string
  /** How to give detect the history it needs, for its error when git cannot say what changed (default: actions/checkout's). */
  checkoutAdvice?: string
  configFile: string
  /** The most jobs the matrix may have (default MAX_MATRIX_JOBS); past it, models are batched. */
  maxJobs?: number
  /** How many of a batched job's models train at once (default 1); no job of one model has it. */
  jobs?: number
}

export interface DetectResult {
  /** One entry per model, or past `maxJobs` one per batch of models (see batches.ts). */
  matrix: { include: MatrixEntry[] | BatchEntry[] }
  models: string[]
  deleted: string[]
  /** Folders the `models` globs match that hold Python files but no model.yml or src/train.py (see Repository.lookalikeFolders). */
  lookalikes: string[]
  /** Where the diff starts (the merge-base for a pull request); empty when nothing was diffed. */
  baseSha: string
  /** Where it ends: the pull request's head, not GitHub's merge commit. */
  headSha: string
  summary: string
}

/** Finds the models that the run's changes touch and describes their matrix jobs. */
export async function detect(ports: DetectPorts, request: DetectRequest): Promise<DetectResult> {
  // Listing the repository and diffing run side by side: each is a git process.
  const rangePromise = ports.git ? resolveChangeRange(ports.git.git, request.context, ports.logger) : noGitRange(request.context)
  const changes = rangePromise.then((resolved) =>
    resolved.kind === 'diff' || resolved.kind === 'no-history' ? changedPaths(ports, request, resolved) : undefined
  )
  // Settled here so that a failed listing does not leave the diff's rejection unhandled.
  changes.catch(() => undefined)
  // After a diff, every model's model.yml is read, for the `watch` globs.
  const repository = await Repository.read(ports, request.configFile, { allModelFiles: request.context.trigger.kind !== 'manual' })
  refuseNoModels(ports, request.configFile, repository)
  // A repository of no more models than a matrix holds gets a matrix whatever changed: the parser
  // of their configs (a good part of detect's start-up) loads while git still works.
  if (repository.models.length <= MAX_MATRIX_JOBS) void loadConfigParser()
  const range = await rangePromise
  const maxJobs = request.maxJobs ?? MAX_MATRIX_JOBS
  const ledger = readOnce(ports.ledger)
  // The ledger is read from the hosting service (several requests): past maxJobs it is started as
  // soon as the count of models is known, and arrives while their model.yml files are parsed.
  const readLedgerPast = (count: number) => {
    if (ledger && count > maxJobs) ledger().catch(() => undefined)
  }
  const picked = await pickModels(ports, request, repository, range, changes, readLedgerPast)
  readLedgerPast(picked.models.length)
  const { entries, trainsAlone } = await matrixEntries(repository, picked.models)
  const batching = entries.length > maxJobs ? await batchEntries(entries, maxJobs, { jobs: request.jobs ?? 1, trainsAlone }, ledger, ports.logger) : undefined
  const lookalikes = await repository.lookalikeFolders()
  const summary = renderDetectSummary({
    range: describeRange(range, picked.note),
    picked: picked.models.map((model) => ({ model: model.name, path: model.path, why: picked.why.get(model.name) ?? emptyWhy() })),
    deleted: picked.deleted,
    batches: batching && {
      jobs: batching.entries.length,
      maxJobs,
      balancedBy: batching.balancedBy,
      atOnce: request.jobs ?? 1,
      inTurn: batching.entries.filter((entry) => entry.jobs === 1 && entry.models.length > 1).length
    },
    lookalikes
  })
  return {
    matrix: { include: batching?.entries ?? entries },
    models: picked.models.map((model) => model.name),
    deleted: picked.deleted,
    lookalikes,
    // Without git the merge-base is unknown: an empty base-sha says so rather than guess.
    baseSha: range.kind === 'diff' ? range.base : '',
    headSha: range.head,
    summary
  }
}

/**
 * A model-ci.yml whose `models` globs find no model is a mistake (`modles/*`), not a repository
 * where nothing changed: said in one line naming the globs, before anything else.
 */
function refuseNoModels(ports: DetectPorts, configFile: string, repository: Repository): void {
  if (repository.models.length > 0 || ports.workspace.readText(configFile) === undefined) return
  const globs = repository.config.models.map((glob) => JSON.stringify(glob)).join(', ')
  throw new UserError(
    `${configFile}: "models" (${globs}) matches no model folder: a folder that holds model.yml or src/train.py, committed; fix the glob, or commit a model`,
    { file: configFile }
  )
}

interface Picked {
  models: Model[]
  why: Map<string, Why>
  deleted: string[]
  note?: string
}

async function pickModels(
  ports: DetectPorts,
  request: DetectRequest,
  repository: Repository,
  range: ChangeRange,
  changesOfRange: Promise<ChangedPaths | undefined>,
  readLedgerPast: (count: number) => void
): Promise<Picked> {
  const models = repository.models
  if (range.kind === 'selection') {
    const chosen = selectModels(request.models, models, { input: 'models', shownAs: request.modelsShownAs, event: request.context.eventName })
    return everyOne(chosen, `chosen by the "models" input of the ${request.context.eventName} run`)
  }
  if (range.kind === 'everything') return everyOne(models, range.note)

  // The changes are mapped to models while every model.yml is still being read, and the `watch`
  // globs found in them are applied after. Either failing fails this, first failure first.
  const changesAndWatching = Promise.all([changesOfRange, repository.findModelsThatMayWatch()])
  changesAndWatching.catch(() => undefined)
  const changes = await Promise.race([changesOfRange, changesAndWatching.then(([paths]) => paths)])
  if (!changes) throw new Error(`no changed paths for a ${range.kind} range`)
  const mapping = mapChanges({ changedPaths: changes.paths, models, isModelDir: repository.isModelDir, isShared: repository.isShared, isIgnored: repository.isIgnored, watchers: [] })
  // A matrix needs the models' configs: their parser loads while git still reads.
  void loadConfigParser()
  const [, mayWatch] = await changesAndWatching
  addWatchedChanges(mapping, changes.paths, await watchers(repository, mayWatch))
  if (!changes.complete) {
    const note = `the pull request changes more files than GitHub's API lists (${changes.paths.length}), so every model trains`
    ports.logger.warning(`model-ci detect: ${note}; check out with fetch-depth: 0 so that git can list every change`)
    return { ...everyOne(models, note, mapping.selected), deleted: mapping.deleted }
  }
  const configNote = changes.paths.includes(request.configFile) ? await configRetrainsAll(ports, request, range, repository.config) : undefined
  if (configNote !== undefined) return { ...everyOne(models, configNote, mapping.selected), deleted: mapping.deleted }
  // `ignore` globs only take models away: past maxJobs now is past it most likely after them too.
  readLedgerPast(mapping.selected.size)
  dropIgnoredChanges(mapping, await ignoringModels(repository, mapping))
  return {
    models: models.filter((model) => mapping.selected.has(model.name)),
    why: mapping.selected,
    deleted: mapping.deleted,
    note: range.kind === 'diff' ? range.note : `git could not list the changes (${range.reason}); the pull request's files from GitHub's API were used`
  }
}

/**
 * Why a change to model-ci.yml retrains every model (the note for each model), or undefined when
 * it does not. A change that cannot be compared is taken as one that matters: without git the base
 * version cannot be read, and a base version that does not parse cannot be compared (warned).
 */
async function configRetrainsAll(ports: DetectPorts, request: DetectRequest, range: ChangeRange, head: RepoConfig): Promise<string | undefined> {
  const file = request.configFile
  if (range.kind !== 'diff' || !ports.git) return `${file} changed, and without git its base version cannot be compared with it`
  const [before, parser] = await Promise.all([ports.git.readFile(range.base, file), loadConfigParser()])
  const base = range.base.slice(0, 7)
  let previous: RepoConfig
  try {
    previous = parser.parseRepoConfig(before, `${file} at the base commit ${base}`)
  } catch (error) {
    if (!isUserError(error)) throw error
    ports.logger.warning(`model-ci detect: ${error.message}; every model trains, since what changed in ${file} cannot be told`)
    return `${file} changed, and its version at the base commit ${base} does not parse, so what changed cannot be told`
  }
  return trainingSettingsDiffer(previous, head) ? `${file} changed "models", "shared" or "defaults"` : undefined
}

/** The picked models whose model.yml has `ignore` globs, with them. */
async function ignoringModels(repository: Repository, mapping: ChangeMapping): Promise<Array<{ model: Model; ignore: readonly string[] }>> {
  const picked = repository.models.filter((model) => mapping.selected.has(model.name))
  if (picked.length === 0) return []
  return (await repository.load(picked)).flatMap((loaded) => {
    const ignore = loaded.overrides().ignore
    return ignore && ignore.length > 0 ? [{ model: loaded.model, ignore }] : []
  })
}

/** The models with `watch` globs, among those whose model.yml may hold some. */
async function watchers(repository: Repository, mayWatch: readonly Model[]): Promise<Array<{ model: string; matches: PathMatcher }>> {
  if (mayWatch.length === 0) return []
  const found: Array<{ model: string; matches: PathMatcher }> = []
  for (const loaded of await repository.load(mayWatch)) {
    const watch = loaded.overrides().watch
    if (watch && watch.length > 0) found.push({ model: loaded.model.name, matches: compileGlobs(watch) })
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

interface ChangedPaths {
  paths: string[]
  /** False when the hosting service listed fewer files than the pull request changes. */
  complete: boolean
}

async function changedPaths(
  ports: DetectPorts,
  request: DetectRequest,
  range: Extract<ChangeRange, { kind: 'diff' | 'no-history' }>
): Promise<ChangedPaths> {
  if (range.kind === 'diff' && ports.git) {
    const listed = await range.listed
    return { paths: listed ? ports.git.scopePaths(listed) : await ports.git.changedPaths(range.base, range.head), complete: true }
  }
  const reason = range.kind === 'no-history' ? range.reason : 'there is no git repository'
  const trigger = request.context.trigger
  if (trigger.kind !== 'pull_request' || trigger.number === undefined || !ports.pullRequestFiles) {
    throw new UserError(
      `model-ci detect cannot tell what changed: ${reason}; ${request.checkoutAdvice ?? 'check out the repository with actions/checkout (fetch-depth 1 is enough, detect deepens it) and keep its credentials (persist-credentials: true)'}`
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
  const head = trigger.kind === 'pull_request' ? trigger.headSha : trigger.after
  return Promise.resolve({ kind: 'no-history', head, reason: 'the checkout has no git repository' })
}

/** The models' matrix entries, and those of them that must train alone in a batch (see installsIntoInterpreter). */
async function matrixEntries(repository: Repository, models: readonly Model[]): Promise<{ entries: MatrixEntry[]; trainsAlone: Set<string> }> {
  // After a diff, every model's files were read to find the `watch` globs, and this reads nothing.
  const loaded = await repository.load(models)
  const trainsAlone = new Set<string>()
  const entries = loaded.map((model): MatrixEntry => {
    const config = model.config()
    if (installsIntoInterpreter(config)) trainsAlone.add(config.name)
    return {
      model: config.name,
      path: config.path,
      'runs-on': config.runsOn,
      python: config.python,
      'timeout-minutes': config.timeoutMinutes,
      fingerprint: model.fingerprint()
    }
  })
  return { entries, trainsAlone }
}

/** `read`, calling its reader once however often it is called. */
function readOnce<T>(read: (() => Promise<T>) | undefined): (() => Promise<T>) | undefined {
  let reading: Promise<T> | undefined
  return read && (() => (reading ??= read()))
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
