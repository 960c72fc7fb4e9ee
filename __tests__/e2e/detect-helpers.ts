/**
 * What the detect end-to-end suites share: the bundle, a seed repository of models, and one call
 * that runs `command: detect` on a checkout and reads its outputs as a workflow would.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { FileChanges, GitOrigin } from '../harness/git-repo.js'
import type { JobEvent, JobResult, RunJobOptions } from '../harness/job-runner.js'
import { ACTION_ROOT, runJob } from '../harness/job-runner.js'

/** The six outputs DESIGN.md section 5 gives `detect`, in its order. */
export const DETECT_OUTPUTS = ['matrix', 'models', 'has-models', 'deleted', 'base-sha', 'head-sha'] as const

export interface MatrixEntry {
  model: string
  path: string
  'runs-on': string | string[]
  python: string
  'timeout-minutes': number
  fingerprint: string
}

/** A job of a matrix batched past `max-jobs` (DESIGN.md section 9). */
export interface BatchEntry {
  batch: string
  models: string[]
  paths: string[]
  /** How many of its models train at once. */
  jobs: number
  'runs-on': string | string[]
  python: string
  'timeout-minutes': number
  fingerprints: string[]
}

/**
 * Builds dist/ when it is missing. The lead keeps dist/ current, so this normally does nothing. The
 * bundle is built aside and moved into place in one rename, so that another jest worker doing the
 * same at the same time never runs half a bundle.
 */
export function ensureBundle(): void {
  const dist = join(ACTION_ROOT, 'dist')
  if (existsSync(join(dist, 'index.js'))) return
  const staging = mkdtempSync(join(ACTION_ROOT, '.dist-staging-'))
  try {
    execFileSync(process.execPath, [join(ACTION_ROOT, 'scripts', 'bundle.mjs'), staging], { cwd: ACTION_ROOT, stdio: 'inherit' })
    // rename(2) replaces an empty dist/ and fails on a full one: then another worker won the race.
    renameSync(staging, dist)
  } catch (error) {
    if (!existsSync(join(dist, 'index.js'))) throw error
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** A model's files as the seed repositories lay them out: src/train.py, src/requirements.txt. */
export function modelFiles(name: string, version = 1): FileChanges {
  return {
    [`models/${name}/src/train.py`]: `# ${name} v${version}\nprint("training ${name}")\n`,
    [`models/${name}/src/requirements.txt`]: 'scikit-learn\n'
  }
}

/** The first commit of a repository: the models, a shared script, a README and `extra` files. */
export async function seedRepository(origin: GitOrigin, models: string[], extra: FileChanges = {}): Promise<string> {
  const files: FileChanges = {
    'README.md': '# models\n',
    'scripts/preprocess.py': 'print("preprocess")\n',
    'data/processed/features.csv': 'a,b\n1,2\n',
    ...extra
  }
  for (const name of models) Object.assign(files, modelFiles(name))
  return origin.commit(origin.defaultBranch, files, { message: 'seed' })
}

export interface DetectRun extends JobResult {
  /** The parsed `matrix` output (undefined when the step did not set it). */
  matrix: { include: MatrixEntry[] } | undefined
  /** The parsed `models` output. */
  models: string[] | undefined
  /** The parsed `deleted` output. */
  deleted: string[] | undefined
}

/** Runs `command: detect` as a step on `workspace` for `event`, with `inputs` beside `command`. */
export async function runDetect(
  workspace: string,
  event: JobEvent,
  inputs: Record<string, string> = {},
  options: Partial<Omit<RunJobOptions, 'workspace' | 'event' | 'inputs'>> = {}
): Promise<DetectRun> {
  const result = await runJob({ workspace, event, inputs: { command: 'detect', ...inputs }, jobId: 'detect', ...options })
  const parse = <T>(name: string): T | undefined => (result.outputs[name] === undefined ? undefined : (JSON.parse(result.outputs[name]) as T))
  return {
    ...result,
    matrix: parse<{ include: MatrixEntry[] }>('matrix'),
    models: parse<string[]>('models'),
    deleted: parse<string[]>('deleted')
  }
}

/** Fails with the step's log, which says more than "expected 0, received 1". */
export function expectSuccess(run: DetectRun): void {
  if (run.exitCode !== 0 || run.annotations.some((annotation) => annotation.level === 'error')) {
    throw new Error(`detect failed (exit ${run.exitCode})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
  }
}

/** The entries of a batched matrix: each has `batch` and `models`, none has `model`. */
export function batchEntries(run: DetectRun): BatchEntry[] {
  const include = (run.matrix?.include ?? []) as unknown as Array<Partial<BatchEntry & MatrixEntry>>
  if (include.length === 0 || include.some((entry) => entry.batch === undefined || !Array.isArray(entry.models) || 'model' in entry)) {
    throw new Error(`detect set no batched matrix\nmatrix: ${run.outputs.matrix}\nstdout:\n${run.stdout}`)
  }
  return include as BatchEntry[]
}

/** The models of the matrix, in its order. */
export function matrixModels(run: DetectRun): string[] {
  if (!run.matrix) throw new Error(`detect set no matrix output\nstdout:\n${run.stdout}`)
  return run.matrix.include.map((entry) => entry.model)
}
