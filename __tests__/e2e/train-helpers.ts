/**
 * What the `train` end-to-end suites share: a checkout with a git history, the emulator, one call
 * that runs `command: train` as a matrix job of a new workflow run, the artifact downloaded back
 * with the real @actions/artifact client, and the checks every failure must pass.
 *
 * Jobs of one suite share the workspace and RUNNER_TEMP paths, as jobs on GitHub's runners do
 * (`/home/runner/work/...`): the cache version hashes the absolute paths, so a later job finds
 * what an earlier one saved only at the same paths.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { expect } from '@jest/globals'
import type { FailurePhase, Manifest } from '../../src/core/manifest.js'
import { ZERO_SHA, exampleRepository, pushEvent } from '../../__fixtures__/events.js'
import type { ArtifactRecord, Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import { applyEnv, sha256 } from '../emulator/test-support.js'
import { folderFiles, git, makeTempDir, removeDir } from '../harness/git-repo.js'
import type { Annotation, JobEvent, JobResult } from '../harness/job-runner.js'
import { ACTION_ROOT, runJob } from '../harness/job-runner.js'
import { TEST_PYTHON, requireTestPython } from '../harness/python.js'
import { ensureBundle } from './detect-helpers.js'
import { expectOneError, logOf, withoutDeprecationWarnings } from './job-checks.js'


/** The job id every train job runs as; the runtime token that downloads an artifact must name it too. */
const TRAIN_JOB = 'train'

export interface TrainSuite {
  gh: Emulator
  /** GITHUB_WORKSPACE: a git repository the suite commits models to. */
  workspace: string
  /** RUNNER_TEMP of every job: venvs and the artifact's staging folder live here. */
  runnerTemp: string
  /** A folder outside the checkout for what the training scripts leave behind (traces, env dumps). */
  scratch: string
  /** Stops the emulator and removes the suite's temp folder. */
  close(): Promise<void>
}

/** A temp folder with an empty git repository and a running emulator. */
export async function startTrainSuite(name: string): Promise<TrainSuite> {
  requireTestPython()
  ensureBundle()
  const root = makeTempDir(`model-ci-${name}-`)
  const workspace = join(root, 'repo')
  const runnerTemp = join(root, 'runner-temp')
  const scratch = join(root, 'scratch')
  for (const dir of [workspace, runnerTemp, scratch]) mkdirSync(dir, { recursive: true })
  await git(workspace, ['init', '--quiet', '--initial-branch=main'])
  // The workspace's history is GitHub's too: its main is the default branch the compare API knows.
  const gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main', gitDir: workspace })
  return {
    gh,
    workspace,
    runnerTemp,
    scratch,
    close: async () => {
      await gh.close()
      removeDir(root)
    }
  }
}

/** Writes `files` (repository-relative path → content; null deletes) and commits them; returns the commit. */
export async function commitFiles(workspace: string, files: Record<string, string | null>): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(workspace, path)
    if (content === null) {
      rmSync(full, { recursive: true, force: true })
    } else {
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, content)
    }
  }
  await git(workspace, ['add', '--all'])
  await git(workspace, ['-c', 'user.name=Mona Lisa', '-c', 'user.email=mona@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'change models'])
  return git(workspace, ['rev-parse', 'HEAD'])
}

/** Copies the example project `examples/<example>` into the suite's checkout and commits it; returns the commit. */
export async function commitExample(suite: TrainSuite, example: string): Promise<string> {
  cpSync(join(ACTION_ROOT, 'examples', example), suite.workspace, { recursive: true })
  return commitFiles(suite.workspace, {})
}

/** The files of a fixture folder under `__fixtures__/`, as `commitFiles` takes them, placed at `into`. */
export function fixtureFiles(fixture: string, into: string): Record<string, string> {
  return folderFiles(join(ACTION_ROOT, '__fixtures__', fixture), { into })
}

/**
 * Removes what a fresh checkout would not have (outputs, metrics files), as a new job on a new
 * runner starts without them; the workspace path stays the same.
 */
export async function cleanCheckout(workspace: string): Promise<void> {
  await git(workspace, ['clean', '-fdxq'])
}

export interface TrainJobOptions {
  model: string
  sha: string
  /** The workflow run; a new push run on main when absent. */
  runId?: number
  runAttempt?: number
  /** More `with:` values beside command, model and python. */
  inputs?: Record<string, string>
  /** More variables of the job's environment (the training sees them). */
  env?: Record<string, string>
  /** The job's event; a push to main (from an all-zero `before`) when absent. */
  event?: JobEvent
}

export interface TrainJob extends JobResult {
  runId: number
  errors: Annotation[]
  warnings: Annotation[]
}

export function pushJobEvent(before: string, after: string, branch = 'main'): JobEvent {
  return { name: 'push', payload: pushEvent({ ref: `refs/heads/${branch}`, before, after }) }
}

/** Runs `command: train` for one model as the `train` job of a push run on main (or of `options.event`'s run), with the test venv's Python. */
export async function runTrain(suite: TrainSuite, options: TrainJobOptions): Promise<TrainJob> {
  const { gh } = suite
  const runId = options.runId ?? gh.addWorkflowRun({ head_sha: options.sha, head_branch: 'main', event: 'push' }).id
  const runAttempt = options.runAttempt ?? 1
  const { env, token } = gh.runnerEnv({ runId, jobId: TRAIN_JOB })
  const result = await runJob({
    workspace: suite.workspace,
    event: options.event ?? pushJobEvent(ZERO_SHA, options.sha),
    inputs: { command: 'train', model: options.model, python: TEST_PYTHON, ...options.inputs },
    // The emulator's variables give the attempt of its run record; the job's own attempt wins.
    env: { ...env, GITHUB_RUN_ATTEMPT: String(runAttempt), ...options.env },
    token,
    runId,
    runAttempt,
    jobId: TRAIN_JOB,
    sha: options.sha,
    runnerTemp: suite.runnerTemp
  })
  return withAnnotationsByLevel(result, runId)
}

/** A job's result with its error and warning annotations apart, as the checks below read them. */
export function withAnnotationsByLevel(result: JobResult, runId: number): TrainJob {
  return {
    ...result,
    runId,
    errors: result.annotations.filter((annotation) => annotation.level === 'error'),
    warnings: result.annotations.filter((annotation) => annotation.level === 'warning')
  }
}

/** A successful job: exit 0, no error annotation, nothing on stderr (but the unzip's deprecation warning, on a download). */
export function expectTrained(job: TrainJob): void {
  if (job.exitCode !== 0 || job.errors.length > 0 || withoutDeprecationWarnings(job.stderr) !== '') throw new Error(`the train job failed\n${logOf(job)}`)
}

/**
 * A job that failed the way a user can act on: exit code 1, exactly one error annotation whose
 * first line names the phase, followed by at most a few indented lines of the cause, and no stack
 * trace anywhere in the log. Returns the annotation's message as the runner shows it.
 */
export function expectFailedIn(job: TrainJob, phase: FailurePhase): string {
  const message = expectOneError(job)
  const [headline, ...cause] = message.split('\n')
  expect(headline).toContain(`the ${phase} phase failed`)
  expect(cause.length).toBeLessThanOrEqual(5)
  return message
}

/** The emulator's record of the one finalized artifact of this name in the run. */
export function artifactRecord(gh: Emulator, runId: number, name: string): ArtifactRecord {
  const records = gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === runId && artifact.name === name && artifact.finalized)
  if (records.length !== 1) throw new Error(`expected one artifact "${name}" in run ${runId}, found ${records.length}`)
  return records[0]
}

export interface DownloadedArtifact {
  manifest: Manifest
  /** Every file of the artifact by its path inside it (`manifest.json`, `outputs/...`). */
  files: Map<string, Buffer>
}

/**
 * Runs `work` in this process as a step of `runId`'s train job would: the runner's variables set
 * (the @actions clients read them when called) and the clients' request logs kept off the test's
 * output. Everything is put back afterwards.
 */
export async function asTrainJob<T>(suite: TrainSuite, runId: number, work: () => Promise<T>): Promise<T> {
  const { env } = suite.gh.runnerEnv({ runId, jobId: TRAIN_JOB })
  const restoreEnv = applyEnv({ ...env, RUNNER_TEMP: suite.runnerTemp, GITHUB_WORKSPACE: suite.workspace })
  const restoreStdout = muteStdout()
  try {
    return await work()
  } finally {
    restoreStdout()
    restoreEnv()
  }
}

/**
 * Every file of an artifact of `runId`, downloaded the way `report` will: the real @actions/artifact
 * client in this process, checking the zip against `expectedDigest` (the step's `digest` output).
 */
export async function downloadArtifactFiles(suite: TrainSuite, runId: number, artifactId: number, expectedDigest: string): Promise<Map<string, Buffer>> {
  const destination = makeTempDir('model-ci-download-')
  try {
    const { digestMismatch } = await asTrainJob(suite, runId, async () => {
      const { DefaultArtifactClient } = await import('@actions/artifact')
      return new DefaultArtifactClient().downloadArtifact(artifactId, { path: destination, expectedHash: expectedDigest })
    })
    if (digestMismatch) throw new Error(`artifact ${artifactId} does not match its digest ${expectedDigest}`)
    return readTree(destination)
  } finally {
    removeDir(destination)
  }
}

/** A model's artifact of `runId` (see downloadArtifactFiles), with its manifest parsed. */
export async function downloadArtifact(suite: TrainSuite, runId: number, artifactId: number, expectedDigest: string): Promise<DownloadedArtifact> {
  const files = await downloadArtifactFiles(suite, runId, artifactId, expectedDigest)
  const manifestText = files.get('manifest.json')
  if (manifestText === undefined) throw new Error(`artifact ${artifactId} has no manifest.json; it holds ${[...files.keys()].join(', ')}`)
  return { manifest: JSON.parse(manifestText.toString('utf8')) as Manifest, files }
}

/**
 * Uploads artifacts into run `runId` as its jobs would, with the real client in this process:
 * each `files` map (path in the artifact → content) becomes artifact `name`. Returns their ids.
 */
export async function seedArtifacts(suite: TrainSuite, runId: number, artifacts: Array<{ name: string; files: Record<string, string> }>): Promise<number[]> {
  const root = makeTempDir('model-ci-seed-')
  try {
    return await asTrainJob(suite, runId, async () => {
      const { DefaultArtifactClient } = await import('@actions/artifact')
      const client = new DefaultArtifactClient()
      const ids: number[] = []
      for (const [index, artifact] of artifacts.entries()) {
        const dir = join(root, String(index))
        const paths = Object.entries(artifact.files).map(([path, content]) => {
          const full = join(dir, path)
          mkdirSync(dirname(full), { recursive: true })
          writeFileSync(full, content)
          return full
        })
        const { id } = await client.uploadArtifact(artifact.name, paths, dir, { compressionLevel: 1 })
        ids.push(id as number)
      }
      return ids
    })
  } finally {
    removeDir(root)
  }
}

/** The manifest lists every output file of the artifact, and nothing else, with its exact size and sha256. */
export function expectFilesMatchManifest(artifact: DownloadedArtifact): void {
  const listed = artifact.manifest.files.map((file) => `outputs/${file.path}`).sort()
  const present = [...artifact.files.keys()].filter((path) => path !== 'manifest.json').sort()
  expect(present).toEqual(listed)
  for (const file of artifact.manifest.files) {
    const bytes = artifact.files.get(`outputs/${file.path}`) as Buffer
    expect({ path: file.path, size: bytes.length, sha256: sha256(bytes) }).toEqual(file)
  }
}

/** Every file below `root` by its "/"-separated relative path. */
function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else files.set(relative(root, full).split('\\').join('/'), readFileSync(full))
    }
  }
  walk(root)
  return files
}

/** The client logs every request through @actions/core to stdout; a test's output need not show it. */
function muteStdout(): () => void {
  const write = process.stdout.write
  process.stdout.write = ((...args: unknown[]): boolean => {
    const callback = args.find((argument) => typeof argument === 'function') as (() => void) | undefined
    if (callback) process.nextTick(callback)
    return true
  }) as typeof process.stdout.write
  return () => {
    process.stdout.write = write
  }
}

/**
 * Writes a pure-Python wheel `<name>-<version>-py3-none-any.whl` holding one module, `<name>.py`,
 * into `dir`, for pip to install with `--no-index --find-links <dir>`: no network, no build step.
 */
export function buildWheel(dir: string, name: string, version: string, moduleSource: string): Promise<string> {
  mkdirSync(dir, { recursive: true })
  const script = `
import base64, hashlib, sys, zipfile
name, version, folder, source = sys.argv[1:5]
info = f"{name}-{version}.dist-info"
files = {
    f"{name}.py": source,
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: model-ci-tests\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
def record(text):
    data = text.encode()
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest},{len(data)}"
path = f"{folder}/{name}-{version}-py3-none-any.whl"
with zipfile.ZipFile(path, "w") as wheel:
    for member, text in files.items():
        wheel.writestr(member, text)
    wheel.writestr(f"{info}/RECORD", "".join(f"{member},{record(text)}\\n" for member, text in files.items()) + f"{info}/RECORD,,\\n")
print(path)
`
  return new Promise((resolve, reject) => {
    execFile(TEST_PYTHON, ['-c', script, name, version, dir, moduleSource], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`building the wheel of ${name} failed: ${stderr || error.message}`))
      else resolve(stdout.trim())
    })
  })
}
