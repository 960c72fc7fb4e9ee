// The ledger: for each model, its newest successful training on the default branch (DESIGN.md
// section 4). `report` writes one per default-branch push, carried forward from the previous one;
// pull requests read it to find their baseline and `promote` to find `latest`. Pure: callers do the
// artifact and file I/O.
//
// A ledger is read back from an artifact, so parseLedger treats its text as hostile, like
// parseManifest: size first, every field checked, model names validated before they are used as
// keys, and every error one line that shows untrusted text escaped.
import * as z from 'zod/mini'
import { MODEL_NAME_PATTERN } from './config/types.js'
import type { Manifest } from './manifest.js'
import { checkMetrics, checkRecordObject, commitSha, describeIssue, fail, fieldLabel, isPlainObject, parseRecordJson, printable, runId, sha256Digest, showText, showValue, utcTime, wholeNumber } from './untrusted-record.js'

export const LEDGER_ARTIFACT = 'model-ci-ledger'
export const LEDGER_FILE = 'ledger.json'

/**
 * The largest ledger model-ci reads; readers check a file's size against it before reading it.
 * A ledger of 2,000 models with 50 metrics each is about 6 MB.
 */
export const MAX_LEDGER_BYTES = 64 * 1024 * 1024

const MAX_MODELS = 100_000

export interface LedgerEntry {
  version: string
  fingerprint: string
  sha: string
  /** The run that trained the model (on a run-cache hit, an earlier run than the artifact's). */
  run_id: number
  /**
   * The run that holds the artifact: a run-cache hit uploads the earlier training again in its own
   * run, and an entry carried forward keeps pointing there.
   */
  artifact_run_id: number
  artifact_id: number
  artifact_name: string
  digest: string
  metrics: Record<string, number>
  created_at: string
  /**
   * Seconds the training took (install, train and evaluate, from its manifest's timings): what
   * detect balances batches by. Absent in ledgers written before it was recorded.
   */
  training_s?: number
}

export interface Ledger {
  schema: 1
  branch: string
  sha: string
  run_id: number
  /** A null-prototype object: model names are untrusted keys. */
  models: Record<string, LedgerEntry>
}

/** One successful (or failed) training of this run: its manifest and the artifact it was uploaded as. */
export interface LedgerTraining {
  manifest: Manifest
  artifact: { id: number; name: string; digest: string }
}

/**
 * The ledger after this run: the previous ledger's entries (or none), each replaced by this run's
 * successful training of that model, a model's failed training keeping its previous entry, and
 * every model that is not in `modelsAtHead` dropped (deleted or renamed away).
 */
export function nextLedger(
  previous: Ledger | undefined,
  run: { branch: string; sha: string; runId: number },
  trainings: LedgerTraining[],
  modelsAtHead: ReadonlySet<string>
): Ledger {
  const models = emptyModels()
  const keep = (name: string) => MODEL_NAME_PATTERN.test(name) && modelsAtHead.has(name)
  if (previous !== undefined) {
    for (const [name, entry] of Object.entries(previous.models)) if (keep(name)) models[name] = entry
  }
  // A re-run attempt may bring a model's training twice: the newest wins.
  const newest = new Map<string, Manifest>()
  for (const { manifest } of trainings) {
    if (manifest.status !== 'success' || !keep(manifest.model)) continue
    const earlier = newest.get(manifest.model)
    if (earlier === undefined || isNewer(manifest, earlier)) newest.set(manifest.model, manifest)
  }
  for (const { manifest, artifact } of trainings) {
    if (newest.get(manifest.model) !== manifest) continue
    models[manifest.model] = {
      version: manifest.version,
      fingerprint: manifest.fingerprint,
      sha: manifest.sha,
      run_id: manifest.run_id,
      artifact_run_id: run.runId,
      artifact_id: artifact.id,
      artifact_name: artifact.name,
      digest: artifact.digest,
      metrics: { ...manifest.metrics },
      created_at: manifest.created_at,
      training_s: trainingSeconds(manifest)
    }
  }
  return { schema: 1, branch: run.branch, sha: run.sha, run_id: run.runId, models }
}

/** The manifest's install, train and evaluate times together; on a run-cache hit, those of the training it reuses. */
function trainingSeconds(manifest: Manifest): number {
  const { install_s, train_s, evaluate_s } = manifest.timings
  return (install_s ?? 0) + (train_s ?? 0) + (evaluate_s ?? 0)
}

function isNewer(a: Manifest, b: Manifest): boolean {
  return a.created_at !== b.created_at ? a.created_at > b.created_at : a.run_attempt > b.run_attempt
}

/** The ledger as JSON: keys in the documented order, models by name, 2-space indents, a final newline. */
export function serializeLedger(ledger: Ledger): string {
  const models = emptyModels()
  for (const name of Object.keys(ledger.models).sort()) {
    const entry = ledger.models[name]
    models[name] = {
      version: entry.version,
      fingerprint: entry.fingerprint,
      sha: entry.sha,
      run_id: entry.run_id,
      artifact_run_id: entry.artifact_run_id,
      artifact_id: entry.artifact_id,
      artifact_name: entry.artifact_name,
      digest: entry.digest,
      metrics: entry.metrics,
      created_at: entry.created_at,
      training_s: entry.training_s
    }
  }
  const ordered: Ledger = { schema: ledger.schema, branch: ledger.branch, sha: ledger.sha, run_id: ledger.run_id, models }
  return `${JSON.stringify(ordered, null, 2)}\n`
}

/**
 * Reads a ledger from untrusted text. `source` says where it came from (an artifact and run) and
 * starts every error, each one line naming the field at fault.
 */
export function parseLedger(text: string, source: string): Ledger {
  return checkLedger(parseRecordJson(text, source, 'ledger', MAX_LEDGER_BYTES), source)
}

// Keys that later versions of schema 1 add are dropped rather than refused. The model names and
// the metrics are checked by hand (see checkModels and checkMetrics).
const ledgerSchema = z.object({
  schema: z.literal(1),
  branch: printable('must be a branch name, at most 1000 characters without control characters', 1000),
  sha: commitSha,
  run_id: runId
})

const entrySchema = z.object({
  version: printable('must be a version label such as "2026.11.27-100000-3f2a9c1-r812", at most 200 characters', 200),
  fingerprint: sha256Digest,
  sha: commitSha,
  run_id: runId,
  artifact_run_id: runId,
  artifact_id: wholeNumber('must be an artifact id (a whole number, 1 or more)', 1),
  artifact_name: printable('must be an artifact name, at most 256 characters without control characters', 256),
  digest: sha256Digest,
  created_at: utcTime,
  training_s: z.optional(z.number({ error: 'must be a number of seconds, 0 or more' }).check(z.gte(0)))
})

function checkLedger(data: unknown, source: string): Ledger {
  checkRecordObject(data, source, 'ledger')
  const result = ledgerSchema.safeParse(data)
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data))
  return { ...result.data, models: checkModels(data.models, source) }
}

function checkModels(models: unknown, source: string): Record<string, LedgerEntry> {
  if (models === undefined) throw fail(source, '"models" is missing; it must be an object of model names to entries')
  if (!isPlainObject(models)) throw fail(source, `"models" must be an object of model names to entries, got ${showValue(models)}`)
  // Bounds first, so a hostile ledger costs nothing more than its size before it is refused.
  const names = Object.keys(models)
  if (names.length > MAX_MODELS) throw fail(source, `"models" holds ${names.length} models; a ledger may hold at most ${MAX_MODELS}`)
  const checked = emptyModels()
  for (const name of names) {
    // JSON.parse makes "__proto__" an own key like any other; the pattern refuses it, and a
    // null-prototype object makes "constructor" or "toString" plain names.
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw fail(source, `"models" has a key that is not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit): ${showText(name)}`)
    }
    const entry = models[name]
    const path = ['models', name]
    if (!isPlainObject(entry)) throw fail(source, `${fieldLabel(path)} must be an object, got ${showValue(entry)}`)
    const result = entrySchema.safeParse(entry)
    if (!result.success) throw fail(source, describeIssue(result.error.issues[0], entry, path))
    const metricsLabel = fieldLabel([...path, 'metrics'])
    const metricsField = { label: metricsLabel, metricLabel: metricsLabel, holder: 'an entry' }
    checked[name] = { ...result.data, metrics: checkMetrics(entry.metrics, metricsField, source) }
  }
  return checked
}

function emptyModels(): Record<string, LedgerEntry> {
  return Object.create(null) as Record<string, LedgerEntry>
}

/**
 * Model `model`'s trainings recorded in `ledgers` (in any order), oldest first, each once: a
 * ledger carries an entry forward until the model trains again, so one training is in many.
 */
export function trainingsOf(ledgers: readonly Ledger[], model: string): LedgerEntry[] {
  const byTraining = new Map<string, LedgerEntry>()
  for (const ledger of ledgers) {
    const entry = ledger.models[model]
    if (entry !== undefined) byTraining.set(`${entry.run_id}/${entry.version}`, entry)
  }
  // Two trainings can share a created_at (runs a moment apart); the later run is the later training.
  return [...byTraining.values()].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.run_id - b.run_id))
}
