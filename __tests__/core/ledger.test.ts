import { describe, expect, it } from '@jest/globals'
import type { Ledger, LedgerEntry, LedgerTraining } from '../../src/core/ledger.js'
import { LEDGER_ARTIFACT, LEDGER_FILE, MAX_LEDGER_BYTES, nextLedger, parseLedger, serializeLedger, trainingsOf } from '../../src/core/ledger.js'
import { buildManifest, type Failure } from '../../src/core/manifest.js'
import { UserError } from '../../src/errors.js'

const SOURCE = 'artifact model-ci-ledger of run 900'
const OLD_SHA = 'a'.repeat(40)
const NEW_SHA = `3f2a9c1${'b'.repeat(33)}`
const DIGEST = `sha256:${'d'.repeat(64)}`

function entry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    version: '2026.11.26-090000-aaaaaaa-r800',
    fingerprint: `sha256:${'f'.repeat(64)}`,
    sha: OLD_SHA,
    run_id: 800,
    artifact_run_id: 800,
    artifact_id: 11,
    artifact_name: 'model-ci-fraud',
    digest: DIGEST,
    metrics: { accuracy: 0.9 },
    created_at: '2026-11-26T09:00:00Z',
    ...overrides
  }
}

function ledger(models: Record<string, LedgerEntry>): Ledger {
  return { schema: 1, branch: 'main', sha: OLD_SHA, run_id: 800, models }
}

function training(model: string, metrics: Record<string, number>, options: { failure?: Failure; attempt?: number; createdAt?: string } = {}): LedgerTraining {
  const manifest = buildManifest({
    model,
    fingerprint: `sha256:${'c'.repeat(64)}`,
    sha: NEW_SHA,
    ref: 'refs/heads/main',
    event: 'push',
    runId: 900,
    runAttempt: options.attempt ?? 1,
    createdAt: new Date(options.createdAt ?? '2026-11-27T10:00:00Z'),
    metrics,
    files: [],
    python: '3.11.7',
    runnerOs: 'Linux',
    timings: { install_s: 1, train_s: 2, evaluate_s: null },
    cache: { dependencies: 'hit', run: 'miss' },
    failure: options.failure ?? null
  })
  return { manifest, artifact: { id: 77, name: `model-ci-${model}`, digest: DIGEST } }
}

const RUN = { branch: 'main', sha: NEW_SHA, runId: 900 }

function parseError(text: string): string {
  try {
    parseLedger(text, SOURCE)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    expect(error.message).not.toMatch(/[\r\n\u2028\u2029]/)
    expect(error.message.startsWith(`${SOURCE}: `)).toBe(true)
    return error.message
  }
  throw new Error('expected a UserError')
}

function withModels(models: unknown): string {
  return JSON.stringify({ schema: 1, branch: 'main', sha: OLD_SHA, run_id: 800, models })
}

describe('names', () => {
  it('are the artifact and file DESIGN.md names', () => {
    expect(LEDGER_ARTIFACT).toBe('model-ci-ledger')
    expect(LEDGER_FILE).toBe('ledger.json')
  })
})

describe('nextLedger', () => {
  it('starts from nothing with this run’s successful trainings', () => {
    const next = nextLedger(undefined, RUN, [training('fraud', { accuracy: 0.93 })], new Set(['fraud']))
    expect(next).toMatchObject({ schema: 1, branch: 'main', sha: NEW_SHA, run_id: 900 })
    expect(next.models.fraud).toEqual({
      version: '2026.11.27-100000-3f2a9c1-r900',
      fingerprint: `sha256:${'c'.repeat(64)}`,
      sha: NEW_SHA,
      run_id: 900,
      artifact_run_id: 900,
      artifact_id: 77,
      artifact_name: 'model-ci-fraud',
      digest: DIGEST,
      metrics: { accuracy: 0.93 },
      created_at: '2026-11-27T10:00:00Z',
      // install 1 s + train 2 s (no evaluate): what detect balances batches by.
      training_s: 3
    })
  })

  it('replaces retrained models, carries the others forward and drops models gone from head', () => {
    const previous = ledger({ fraud: entry(), churn: entry({ artifact_name: 'model-ci-churn' }), deleted: entry() })
    const next = nextLedger(previous, RUN, [training('fraud', { accuracy: 0.95 })], new Set(['fraud', 'churn']))
    expect(Object.keys(next.models).sort()).toEqual(['churn', 'fraud'])
    expect(next.models.fraud.metrics).toEqual({ accuracy: 0.95 })
    expect(next.models.churn).toEqual(entry({ artifact_name: 'model-ci-churn' }))
  })

  it('records a run-cache hit under the run that trained it and the run that holds its artifact', () => {
    const reused = training('fraud', { accuracy: 0.93 })
    const hit = { ...reused, manifest: { ...reused.manifest, run_id: 800 } }
    const next = nextLedger(undefined, RUN, [hit], new Set(['fraud']))
    expect(next.models.fraud).toMatchObject({ run_id: 800, artifact_run_id: RUN.runId })
    // Carried forward by a later run, the entry still points at the run that holds the artifact.
    const later = nextLedger(next, { ...RUN, runId: RUN.runId + 1 }, [], new Set(['fraud']))
    expect(later.models.fraud).toMatchObject({ run_id: 800, artifact_run_id: RUN.runId })
  })

  it('keeps the previous entry of a model whose training failed', () => {
    const failure: Failure = { phase: 'train', exit_code: 1, signal: null, message: 'boom', log_tail: '' }
    const next = nextLedger(ledger({ fraud: entry() }), RUN, [training('fraud', {}, { failure })], new Set(['fraud']))
    expect(next.models.fraud).toEqual(entry())
  })

  it('adds no entry for a failed training of a new model, nor for a training of a model not at head', () => {
    const failure: Failure = { phase: 'metrics', exit_code: null, signal: null, message: 'no metrics', log_tail: '' }
    const next = nextLedger(undefined, RUN, [training('fresh', {}, { failure }), training('ghost', { a: 1 })], new Set(['fresh']))
    expect(Object.keys(next.models)).toEqual([])
  })

  it('takes the newest of two attempts of the same model', () => {
    const first = training('fraud', { accuracy: 0.1 }, { createdAt: '2026-11-27T10:00:00Z' })
    const rerun = training('fraud', { accuracy: 0.2 }, { createdAt: '2026-11-27T11:00:00Z', attempt: 2 })
    expect(nextLedger(undefined, RUN, [rerun, first], new Set(['fraud'])).models.fraud.metrics).toEqual({ accuracy: 0.2 })
  })

  it('treats "__proto__" and "constructor" as names, never as the prototype', () => {
    const previous = parseLedger(withModels(JSON.parse(`{"constructor": ${JSON.stringify(entry())}}`)), SOURCE)
    const next = nextLedger(previous, RUN, [], new Set(['constructor', '__proto__', 'toString']))
    expect(Object.keys(next.models)).toEqual(['constructor'])
    expect(next.models.toString).toBeUndefined()
    expect(Object.getPrototypeOf(next.models)).toBeNull()
  })
})

describe('serializeLedger and parseLedger', () => {
  it('round-trip, with models in name order and a final newline', () => {
    const written = serializeLedger(ledger({ zeta: entry(), alpha: entry({ metrics: { 'test.f1': 0.5, val_loss: 1 } }) }))
    expect(written.endsWith('}\n')).toBe(true)
    expect(written.indexOf('"alpha"')).toBeLessThan(written.indexOf('"zeta"'))
    const read = parseLedger(written, SOURCE)
    expect(read.models.alpha.metrics).toEqual({ 'test.f1': 0.5, val_loss: 1 })
    expect(serializeLedger(read)).toBe(written)
  })

  it('keeps a metric named "__proto__" as a plain metric', () => {
    const text = withModels({ fraud: { ...entry(), metrics: JSON.parse('{"__proto__": 0.5, "accuracy": 0.9}') } })
    const metrics = parseLedger(text, SOURCE).models.fraud.metrics
    expect(Object.keys(metrics)).toEqual(['__proto__', 'accuracy'])
    expect(Object.hasOwn(metrics, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(metrics)).toBe(Object.prototype)
  })

  it('keep the training time, and read a ledger written before it was recorded', () => {
    const written = serializeLedger(ledger({ fraud: entry({ training_s: 42.5 }), churn: entry() }))
    const read = parseLedger(written, SOURCE)
    expect(read.models.fraud.training_s).toBe(42.5)
    expect(read.models.churn.training_s).toBeUndefined()
    expect(JSON.parse(written).models.churn).not.toHaveProperty('training_s')
  })

  it('drops keys it does not know', () => {
    const text = JSON.stringify({ ...JSON.parse(withModels({ fraud: { ...entry(), extra: 1 } })), later: true })
    const read = parseLedger(text, SOURCE)
    expect(Object.keys(read)).toEqual(['schema', 'branch', 'sha', 'run_id', 'models'])
    expect(Object.keys(read.models.fraud)).not.toContain('extra')
  })
})

describe('parseLedger refuses, in one line naming the source and field', () => {
  it('text larger than the limit, before parsing it', () => {
    expect(parseError(' '.repeat(MAX_LEDGER_BYTES + 1))).toMatch(/larger than 64 MiB/)
  })

  it('text that is not JSON, or not an object', () => {
    expect(parseError('{"schema": 1,')).toMatch(/not valid JSON/)
    expect(parseError('[1]')).toMatch(/must be a JSON object, got a list/)
  })

  it('a missing, newer or wrong schema', () => {
    expect(parseError('{}')).toMatch(/"schema" is missing/)
    expect(parseError('{"schema": 2}')).toMatch(/"schema" is 2, newer than this model-ci reads/)
    expect(parseError('{"schema": "1"}')).toMatch(/"schema" must be 1, got "1"/)
  })

  it('a bad top-level field', () => {
    expect(parseError(JSON.stringify({ schema: 1, branch: 'main', sha: 'HEAD', run_id: 1, models: {} }))).toMatch(/"sha" must be a commit id .*got "HEAD"/)
    expect(parseError(JSON.stringify({ schema: 1, branch: 'main', sha: OLD_SHA, models: {} }))).toMatch(/"run_id" is missing/)
    expect(parseError(JSON.stringify({ schema: 1, branch: 'main', sha: OLD_SHA, run_id: 1 }))).toMatch(/"models" is missing/)
  })

  it('a model name that is not one, "__proto__" among them, shown escaped', () => {
    expect(parseError(withModels(JSON.parse(`{"__proto__": ${JSON.stringify(entry())}}`)))).toMatch(/not a model name .*: "__proto__"$/)
    expect(parseError(withModels({ 'a/b\u001b[31m': entry() }))).toContain('"a/b\\u001b[31m"')
  })

  it('a bad entry field, named by its path', () => {
    expect(parseError(withModels({ fraud: { ...entry(), digest: 'md5:1' } }))).toMatch(/"models\.fraud\.digest" must be "sha256:" .*got "md5:1"/)
    expect(parseError(withModels({ fraud: { ...entry(), artifact_id: 1.5 } }))).toMatch(/"models\.fraud\.artifact_id" must be an artifact id/)
    expect(parseError(withModels({ fraud: { ...entry(), created_at: '2026-02-30T00:00:00Z' } }))).toMatch(/"models\.fraud\.created_at" must be a UTC time/)
    expect(parseError(withModels({ fraud: 3 }))).toMatch(/"models\.fraud" must be an object, got 3/)
    expect(parseError(withModels({ fraud: { ...entry(), training_s: -1 } }))).toMatch(/"models\.fraud\.training_s" must be a number of seconds, 0 or more/)
  })

  it('metrics that are not finite numbers or have bad names', () => {
    expect(parseError(withModels({ fraud: { ...entry(), metrics: { accuracy: '0.9' } } }))).toMatch(/"models\.fraud\.metrics"\["accuracy"\] must be a finite number, got "0\.9"/)
    expect(parseError(withModels({ fraud: { ...entry(), metrics: { ['x'.repeat(201)]: 1 } } }))).toMatch(/longer than 200 characters/)
    expect(parseError(withModels({ fraud: { ...entry(), metrics: { 'a\nb': 1 } } }))).toMatch(/control character: "a\\nb"/)
  })
})

describe('trainingsOf', () => {
  it('lists each training once, oldest first, and the later run first among trainings of the same second', () => {
    const first = entry({ run_id: 800, version: 'v-800' })
    const second = entry({ run_id: 801, version: 'v-801' })
    const third = entry({ run_id: 802, version: 'v-802', created_at: '2026-11-26T09:00:01Z' })
    // Newest ledger first, as the runs are listed; the second carries nothing forward here.
    const ledgers = [ledger({ fraud: third }), ledger({ fraud: second }), ledger({ fraud: first }), ledger({ fraud: first })]
    expect(trainingsOf(ledgers, 'fraud').map((training) => training.run_id)).toEqual([800, 801, 802])
  })
})
