// Report documents for the renderer tests, built with the real compare step.
import { compareModel, type ModelHead } from '../../../src/core/compare.js'
import type { MetricRule } from '../../../src/core/config/types.js'
import type { Failure } from '../../../src/core/manifest.js'
import type { BaselineSource, ReportDocument, ReportModel } from '../../../src/core/report/types.js'

export const HEAD_SHA = '3f2a9c1' + 'b'.repeat(33)
export const BASE_SHA = 'def5678' + 'c'.repeat(33)
export const RUN_URL = 'https://github.com/octo/models/actions/runs/812'

export const MERGE_BASE_LEDGER: Extract<BaselineSource, { kind: 'ledger' }> = {
  kind: 'ledger',
  runId: 800,
  runUrl: 'https://github.com/octo/models/actions/runs/800',
  sha: BASE_SHA,
  match: 'merge-base'
}

export const GATED_ACCURACY: MetricRule[] = [{ pattern: 'accuracy', policy: { goal: 'maximize', tolerance: { kind: 'absolute', value: 0.005 }, gate: true } }]

interface ModelOptions {
  rules?: MetricRule[]
  baseline?: BaselineSource
  failure?: Failure
  logUrl?: string
  runCache?: 'hit' | 'miss' | 'off'
  /** Why its artifact could not be read: the model failed and has no head. */
  problem?: string
  /** Its earlier trainings on the default branch, oldest first: the trend charts' points. */
  trainings?: { sha: string; metrics: Record<string, number> }[]
}

/** A model trained (or failed, unreadable, missing, removed) at head against `base` metrics. */
export function reportModel(name: string, base: Record<string, number> | undefined, head: Record<string, number> | 'missing' | 'removed', options: ModelOptions = {}): ReportModel {
  const failed = options.failure !== undefined || options.problem !== undefined
  const modelHead: ModelHead = typeof head === 'string' ? head : { status: failed ? 'failed' : 'success', metrics: head }
  const comparison = compareModel(name, base, modelHead, options.rules ?? [])
  const trained = typeof head !== 'string' && options.problem === undefined
  return {
    comparison,
    baseline: options.baseline ?? (base === undefined ? { kind: 'none' } : MERGE_BASE_LEDGER),
    baseVersion: base === undefined ? undefined : '2026.11.26-090000-def5678-r800',
    head: trained
      ? {
          version: '2026.11.27-100000-3f2a9c1-r812',
          sha: HEAD_SHA,
          runId: 812,
          artifactName: `model-ci-${name}`,
          artifactId: 4242,
          failure: options.failure ?? null,
          runCache: options.runCache ?? 'miss'
        }
      : undefined,
    logUrl: options.logUrl,
    ...(options.problem === undefined ? {} : { problem: options.problem }),
    ...(options.trainings === undefined ? {} : { trainings: options.trainings })
  }
}

export function reportDocument(models: ReportModel[], notes: string[] = [], headLabel?: string): ReportDocument {
  return {
    headLabel,
    workflow: 'models',
    run: { id: 812, url: RUN_URL, sha: HEAD_SHA, artifactsUrl: `${RUN_URL}#artifacts` },
    baseSha: BASE_SHA,
    models,
    notes
  }
}

const WORDS = ['accuracy', 'val_loss', 'f1', 'precision', 'recall', 'auc', 'rmse', 'mae', 'latency_p95', 'throughput', 'calibration', 'coverage']

/** `metrics` realistic metric names ("test.accuracy", "val.slice_3.f1", ...). */
export function metricNames(metrics: number): string[] {
  return Array.from({ length: metrics }, (_, i) => `${['train', 'val', 'test'][i % 3]}.slice_${Math.floor(i / WORDS.length)}.${WORDS[i % WORDS.length]}`)
}

/** A deterministic pseudo-random sequence in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** `models` models of `metrics` metrics each, every value moved a little at random: the worst case for size. */
export function largeDocument(models: number, metrics: number): ReportDocument {
  const next = random(42)
  const names = metricNames(metrics)
  return reportDocument(
    Array.from({ length: models }, (_, m) => {
      const base = Object.fromEntries(names.map((name) => [name, next()]))
      const head = Object.fromEntries(names.map((name) => [name, base[name] * (1 + (next() - 0.5) * 0.1)]))
      return reportModel(`model-${String(m).padStart(3, '0')}`, base, head, { rules: GATED_ACCURACY, trainings: [{ sha: BASE_SHA, metrics: base }] })
    })
  )
}
