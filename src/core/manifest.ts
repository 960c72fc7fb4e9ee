// The manifest: the versioned record `train` writes beside a trained model (DESIGN.md section 4),
// and the one place that reads it back. Pure: callers do the file and artifact I/O.
//
// `report` and `promote` read manifests from artifacts that pull-request runs (forks among them)
// uploaded, so parseManifest treats its input as hostile: size first, then every field checked,
// and every error one line that shows untrusted text escaped. buildManifest runs the same checks
// on what `train` is about to write, so a training whose outputs cannot be recorded (a file name
// with a backslash, too many files) fails in its own job, with the reason, rather than in `report`.
import * as z from 'zod/mini'
import { MODEL_NAME_PATTERN } from './config/types.js'
import { isRelativePathInside } from './relative-path.js'
import { checkMetricCount, checkMetrics, checkRecordObject, commitSha, describeIssue, fail, mebibytes, parseRecordJson, printable, runId, sha256Digest, showText, showValue, utcSeconds, utcTime, wholeNumber, type MetricsField } from './untrusted-record.js'

export const MANIFEST_FILE = 'manifest.json'

/**
 * The largest manifest model-ci reads. Readers of artifacts check a file's size against it before
 * reading the file. It leaves room for the most files and metrics a manifest may list: 100,000
 * files take about 15 MB as serializeManifest writes them.
 */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024

const MAX_FILES = 100_000
const MAX_PATH_LENGTH = 4096

export interface ManifestFile {
  /** Relative to the output folder, "/"-separated. */
  path: string
  size: number
  sha256: string
}

/** `mlflow`: model.yml's MLflow server, with `required: true`, could not be reached or refused. */
export type FailurePhase = 'install' | 'train' | 'evaluate' | 'metrics' | 'mlflow'

export interface Failure {
  phase: FailurePhase
  exit_code: number | null
  signal: string | null
  message: string
  log_tail: string
}

export interface Manifest {
  schema: 1
  model: string
  status: 'success' | 'failed'
  version: string
  fingerprint: string
  sha: string
  ref: string
  event: string
  run_id: number
  run_attempt: number
  created_at: string
  metrics: Record<string, number>
  files: ManifestFile[]
  python: string | null
  runner_os: string
  timings: { install_s: number | null; train_s: number | null; evaluate_s: number | null }
  cache: { dependencies: 'hit' | 'partial' | 'miss' | 'none'; run: 'hit' | 'miss' | 'off' }
  failure: Failure | null
  /**
   * The training's MLflow run (DESIGN.md section 9), or why there is none although model-ci.yml
   * turns MLflow on; null when MLflow is off. Absent in manifests written before MLflow support.
   */
  mlflow?: ManifestMlflow | null
}

export type ManifestMlflow = { run_id: string; experiment_id: string; url: string } | { skipped: string }

/** What `train` knows when it writes the manifest; the version, status and time text are derived. */
export interface ManifestInput {
  model: string
  fingerprint: string
  sha: string
  ref: string
  event: string
  runId: number
  runAttempt: number
  createdAt: Date
  metrics: Record<string, number>
  files: ManifestFile[]
  python: string | null
  runnerOs: string
  timings: Manifest['timings']
  cache: Manifest['cache']
  failure: Failure | null
  /** The training's MLflow run; null (the default) when MLflow is off. */
  mlflow?: ManifestMlflow | null
}

const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{3})?Z$/

/**
 * The version label of one training: `YYYY.MM.DD-HHMMSS-<sha7>-r<runId>`, with `.a<attempt>` for
 * a re-run attempt, in UTC. The fixed-width time comes first, so sorting labels as strings sorts
 * trainings by time; the commit and run make it unique and let a person find where it came from.
 */
export function versionLabel(input: { createdAt: Date; sha: string; runId: number; runAttempt: number }): string {
  // toISOString throws a RangeError for an invalid date; a year outside 0000-9999 does not match.
  const parts = UTC_SECONDS.exec(input.createdAt.toISOString())
  if (parts === null) throw new RangeError(`a version label needs a time in the years 0000 to 9999, got ${input.createdAt.toISOString()}`)
  const [, year, month, day, hours, minutes, seconds] = parts
  const attempt = input.runAttempt > 1 ? `.a${input.runAttempt}` : ''
  return `${year}.${month}.${day}-${hours}${minutes}${seconds}-${input.sha.slice(0, 7)}-r${input.runId}${attempt}`
}

/**
 * The manifest of one training, checked as `report` will check it. A failure makes it `failed`.
 * Throws a UserError when the result could not be read back: a file path or metric outside the
 * rules, more files or metrics than a manifest may list, or too many bytes in all.
 */
export function buildManifest(input: ManifestInput): Manifest {
  const written: Manifest = {
    schema: 1,
    model: input.model,
    status: input.failure === null ? 'success' : 'failed',
    version: versionLabel(input),
    fingerprint: input.fingerprint,
    sha: input.sha,
    ref: input.ref,
    event: input.event,
    run_id: input.runId,
    run_attempt: input.runAttempt,
    created_at: utcSeconds(input.createdAt),
    metrics: input.metrics,
    files: input.files,
    python: input.python,
    runner_os: input.runnerOs,
    timings: input.timings,
    cache: input.cache,
    failure: input.failure,
    mlflow: input.mlflow ?? null
  }
  const source = `the manifest of model ${showText(input.model)}`
  // The checked copy: it shares nothing with the caller's objects and has no keys beyond the schema's.
  const checked = checkManifest(written, source)
  const bytes = Buffer.byteLength(serializeManifest(checked))
  if (bytes > MAX_MANIFEST_BYTES) {
    throw fail(
      source,
      `it would be ${mebibytes(bytes)} MiB, more than the ${mebibytes(MAX_MANIFEST_BYTES)} MiB model-ci reads back, for ${checked.files.length} output files; pack the outputs into fewer files`
    )
  }
  return checked
}

/** The manifest as JSON: keys in the documented order, 2-space indents, a final newline. */
export function serializeManifest(manifest: Manifest): string {
  const failure = manifest.failure
  const ordered: Manifest = {
    schema: manifest.schema,
    model: manifest.model,
    status: manifest.status,
    version: manifest.version,
    fingerprint: manifest.fingerprint,
    sha: manifest.sha,
    ref: manifest.ref,
    event: manifest.event,
    run_id: manifest.run_id,
    run_attempt: manifest.run_attempt,
    created_at: manifest.created_at,
    metrics: manifest.metrics,
    files: manifest.files.map((file) => ({ path: file.path, size: file.size, sha256: file.sha256 })),
    python: manifest.python,
    runner_os: manifest.runner_os,
    timings: { install_s: manifest.timings.install_s, train_s: manifest.timings.train_s, evaluate_s: manifest.timings.evaluate_s },
    cache: { dependencies: manifest.cache.dependencies, run: manifest.cache.run },
    failure:
      failure === null
        ? null
        : { phase: failure.phase, exit_code: failure.exit_code, signal: failure.signal, message: failure.message, log_tail: failure.log_tail },
    mlflow: orderedMlflow(manifest.mlflow)
  }
  return `${JSON.stringify(ordered, null, 2)}\n`
}

function orderedMlflow(mlflow: ManifestMlflow | null | undefined): ManifestMlflow | null {
  if (!mlflow) return null
  return 'skipped' in mlflow ? { skipped: mlflow.skipped } : { run_id: mlflow.run_id, experiment_id: mlflow.experiment_id, url: mlflow.url }
}

/**
 * Reads a manifest from untrusted text. `source` says where it came from (an artifact and run)
 * and starts every error, each one line naming the field at fault.
 */
export function parseManifest(text: string, source: string): Manifest {
  return checkManifest(parseRecordJson(text, source, 'manifest', MAX_MANIFEST_BYTES), source)
}

// The rules, each worded to follow a field's name: `"sha" must be …, got "x"`.
const SHA256_RULE = 'must be a sha256 digest of 64 lowercase hexadecimal digits'
const PATH_RULE = `must be a path inside the output folder: relative, "/"-separated, without ".", ".." or empty parts, backslashes or NUL, at most ${MAX_PATH_LENGTH} characters`
const SECONDS_RULE = 'must be a number of seconds (0 or more) or null'

const seconds = z.nullable(z.number({ error: SECONDS_RULE }).check(z.gte(0)))

const manifestFile = z.object(
  {
    path: z.string({ error: PATH_RULE }).check(z.refine(isPathInside)),
    size: wholeNumber('must be a size in bytes (a whole number, 0 or more)', 0),
    sha256: z.string({ error: SHA256_RULE }).check(z.regex(/^[0-9a-f]{64}$/))
  },
  { error: 'must be an object with path, size and sha256' }
)

const failure = z.object(
  {
    phase: z.enum(['install', 'train', 'evaluate', 'metrics', 'mlflow'], { error: 'must be install, train, evaluate, metrics or mlflow' }),
    exit_code: z.nullable(z.number({ error: 'must be a whole number or null' }).check(z.int())),
    signal: z.nullable(z.string({ error: 'must be a signal name such as "SIGKILL", or null' }).check(z.regex(/^SIG[A-Z0-9]{1,20}$/))),
    message: z.string({ error: 'must be text' }),
    log_tail: z.string({ error: 'must be text' })
  },
  { error: 'must be an object with phase, exit_code, signal, message and log_tail, or null' }
)

const MLFLOW_ID_RULE = 'must be an MLflow id: 1 to 100 letters, digits, "_" or "-"'
const mlflowId = z.string({ error: MLFLOW_ID_RULE }).check(z.regex(/^[A-Za-z0-9_-]{1,100}$/))
const HTTP_URL_RULE = 'must be an http:// or https:// URL of at most 2000 characters'
// The link lands in the pull-request comment: only a plain web address, never javascript: or data:.
const httpUrl = z.string({ error: HTTP_URL_RULE }).check(z.maxLength(2000), z.regex(/^https?:\/\/[^\s<>"'`\\]+$/))
const mlflowRun = z.union(
  [
    z.strictObject({ run_id: mlflowId, experiment_id: mlflowId, url: httpUrl }),
    z.strictObject({ skipped: printable('must say in at most 1000 characters why MLflow was skipped', 1000) })
  ],
  { error: 'must be an object with run_id, experiment_id and url, or with skipped, or null' }
)

// Keys that later versions of schema 1 add are dropped rather than refused; a change that older
// readers would misread raises `schema`. The metrics are checked by hand, after the other fields
// (see checkMetrics).
const manifestSchema = z.object({
  schema: z.literal(1),
  model: z.string({ error: 'must be a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit' }).check(z.regex(MODEL_NAME_PATTERN)),
  status: z.enum(['success', 'failed'], { error: 'must be "success" or "failed"' }),
  version: z.string({ error: 'must be a version label such as "2026.11.27-100000-3f2a9c1-r812"' }),
  fingerprint: sha256Digest,
  sha: commitSha,
  ref: printable('must be a git ref such as "refs/heads/main", at most 1000 characters without control characters', 1000, true),
  event: z.string({ error: 'must be an event name such as "push": lowercase letters, digits, "_" or "-", at most 100 characters' }).check(z.regex(/^[a-z][a-z0-9_-]{0,99}$/)),
  run_id: runId,
  run_attempt: wholeNumber('must be a run attempt (a whole number, 1 or more)', 1),
  created_at: utcTime,
  files: z.array(manifestFile, { error: 'must be a list of files' }),
  python: z.nullable(printable('must be a Python version such as "3.11.7", or null', 100)),
  runner_os: printable('must be an operating system name such as "Linux", at most 100 characters', 100),
  timings: z.object(
    { install_s: seconds, train_s: seconds, evaluate_s: seconds },
    { error: 'must be an object with install_s, train_s and evaluate_s' }
  ),
  cache: z.object(
    {
      dependencies: z.enum(['hit', 'partial', 'miss', 'none'], { error: 'must be hit, partial, miss or none' }),
      run: z.enum(['hit', 'miss', 'off'], { error: 'must be hit, miss or off' })
    },
    { error: 'must be an object with dependencies and run' }
  ),
  failure: z.nullable(failure),
  mlflow: z.optional(z.nullable(mlflowRun))
})

const METRICS_FIELD: MetricsField = { label: '"metrics"', metricLabel: 'metrics', holder: 'a manifest' }

function checkManifest(data: unknown, source: string): Manifest {
  checkRecordObject(data, source, 'manifest')
  // Bounds first, so a hostile manifest costs nothing more than its size before it is refused.
  checkMetricCount(data.metrics, METRICS_FIELD, source)
  if (Array.isArray(data.files) && data.files.length > MAX_FILES) {
    throw fail(source, `"files" lists ${data.files.length} files; a manifest may list at most ${MAX_FILES}`)
  }
  const result = manifestSchema.safeParse(data)
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data))
  const manifest: Manifest = { ...result.data, metrics: checkMetrics(data.metrics, METRICS_FIELD, source) }
  checkUniquePaths(manifest.files, source)
  checkConsistency(manifest, source)
  return manifest
}

function checkUniquePaths(files: readonly ManifestFile[], source: string): void {
  const firstIndex = new Map<string, number>()
  files.forEach((file, index) => {
    const earlier = firstIndex.get(file.path)
    if (earlier !== undefined) throw fail(source, `"files[${index}].path" repeats files[${earlier}]: ${showText(file.path)}`)
    firstIndex.set(file.path, index)
  })
}

function checkConsistency(manifest: Manifest, source: string): void {
  const expectedStatus = manifest.failure === null ? 'success' : 'failed'
  if (manifest.status !== expectedStatus) {
    const because = manifest.failure === null ? '"failure" is null' : '"failure" is set'
    throw fail(source, `"status" must be "${expectedStatus}" because ${because}, got ${showValue(manifest.status)}`)
  }
  const expectedVersion = versionLabel({
    createdAt: new Date(manifest.created_at),
    sha: manifest.sha,
    runId: manifest.run_id,
    runAttempt: manifest.run_attempt
  })
  if (manifest.version !== expectedVersion) {
    throw fail(source, `"version" must be "${expectedVersion}", the label of created_at, sha, run_id and run_attempt, got ${showValue(manifest.version)}`)
  }
}

function isPathInside(path: string): boolean {
  return isRelativePathInside(path, MAX_PATH_LENGTH)
}
