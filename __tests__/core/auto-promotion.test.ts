import { describe, expect, it } from '@jest/globals'
import { autoPromotionPlan, autoRunRefusal, autoTargets, noAutoEnvironment } from '../../src/core/auto-promotion.js'
import { compareModel } from '../../src/core/compare.js'
import type { MetricRule } from '../../src/core/config/types.js'
import type { Failure } from '../../src/core/manifest.js'
import type { ReportHead, ReportModel } from '../../src/core/report/types.js'
import type { RunContext } from '../../src/ports/event.js'

const GATED: MetricRule[] = [{ pattern: 'accuracy', policy: { goal: 'maximize', tolerance: { kind: 'absolute', value: 0.01 }, gate: true } }]

function head(model: string, failure: Failure | null = null): ReportHead {
  return { version: `2026.12.05-080000-abcdef1-r9-${model}`, sha: 'a'.repeat(40), runId: 9, artifactName: `model-ci-${model}`, failure, runCache: 'miss' }
}

/** A model as the report judges it: compareModel's own verdict, never a hand-made one. */
function judged(model: string, base: Record<string, number> | undefined, metrics: Record<string, number>, extra: Partial<ReportModel> = {}): ReportModel {
  return {
    comparison: compareModel(model, base, { status: 'success', metrics }, GATED),
    baseline: base ? { kind: 'ledger', runId: 1, runUrl: 'https://github.com/o/r/actions/runs/1', sha: 'b'.repeat(40), match: 'merge-base' } : { kind: 'none' },
    head: head(model),
    ...extra
  }
}

describe('autoPromotionPlan', () => {
  it('promotes a model whose gates passed and a new one, and lists a gated regression with the metric and its values', () => {
    const plan = autoPromotionPlan([
      judged('churn', { accuracy: 0.9 }, { accuracy: 0.895 }),
      judged('fresh', undefined, { accuracy: 0.5 }),
      judged('fraud', { accuracy: 0.9 }, { accuracy: 0.8 })
    ])
    expect(plan.candidates).toEqual([
      { model: 'churn', version: head('churn').version },
      { model: 'fresh', version: head('fresh').version }
    ])
    expect(plan.skipped).toEqual([{ model: 'fraud', version: head('fraud').version, reason: 'a gated metric regressed beyond its tolerance: "accuracy" 0.9 → 0.8' }])
  })

  it('promotes a model whose ungated metrics regressed: only gates keep a model back', () => {
    const plan = autoPromotionPlan([judged('churn', { accuracy: 0.9, loss: 0.1 }, { accuracy: 0.9, loss: 0.5 })])
    expect(plan.candidates.map((candidate) => candidate.model)).toEqual(['churn'])
    expect(plan.skipped).toEqual([])
  })

  it('lists a failed training with its phase and message, an unreadable artifact, and a missing one; a removed model is neither', () => {
    const failure: Failure = { phase: 'train', exit_code: 2, signal: null, message: 'train.py exited with 2\n::error::forged', log_tail: '' }
    const failed: ReportModel = { comparison: compareModel('broken', undefined, { status: 'failed', metrics: {} }, GATED), baseline: { kind: 'none' }, head: head('broken', failure) }
    const unreadable: ReportModel = { comparison: compareModel('odd', undefined, { status: 'failed', metrics: {} }, GATED), baseline: { kind: 'none' }, problem: 'the manifest is not JSON' }
    const missing: ReportModel = { comparison: compareModel('gone', undefined, 'missing', GATED), baseline: { kind: 'none' } }
    const removed: ReportModel = { comparison: compareModel('old', { accuracy: 0.9 }, 'removed', GATED), baseline: { kind: 'none' } }
    const plan = autoPromotionPlan([failed, unreadable, missing, removed])
    expect(plan.candidates).toEqual([])
    expect(plan.skipped.map((skip) => skip.model)).toEqual(['broken', 'odd', 'gone'])
    const [broken, odd, gone] = plan.skipped.map((skip) => skip.reason)
    expect(broken).toMatch(/^its training failed in the train phase \(exit code 2\): /)
    // Untrusted text stays on one line.
    expect(broken).not.toContain('\n')
    expect(odd).toContain('the manifest is not JSON')
    expect(gone).toContain('no training came back')
  })

  it('names at most three failed gates', () => {
    const rules: MetricRule[] = [{ pattern: 'm*', policy: { goal: 'maximize', gate: true } }]
    const base = { m1: 1, m2: 1, m3: 1, m4: 1, m5: 1 }
    const model: ReportModel = { comparison: compareModel('wide', base, { status: 'success', metrics: { m1: 0, m2: 0, m3: 0, m4: 0, m5: 0 } }, rules), baseline: { kind: 'none' }, head: head('wide') }
    expect(autoPromotionPlan([model]).skipped[0].reason).toMatch(/: "m1" 1 → 0, "m2" 1 → 0, "m3" 1 → 0 and 2 more$/)
  })
})

describe('autoRunRefusal', () => {
  const context = (trigger: RunContext['trigger'], eventName: string = trigger.kind): Pick<RunContext, 'trigger' | 'eventName' | 'defaultBranch'> => ({ trigger, eventName, defaultBranch: 'main' })

  it('allows only a push to the default branch', () => {
    expect(autoRunRefusal(context({ kind: 'push', after: 'a'.repeat(40), ref: 'refs/heads/main' }))).toBeUndefined()
  })

  it.each([
    ['a push to another branch', context({ kind: 'push', after: 'a'.repeat(40), ref: 'refs/heads/feature' }), 'this is a push to "feature"'],
    ['a tag named like the branch', context({ kind: 'push', after: 'a'.repeat(40), ref: 'refs/tags/main' }), 'this is a push to "refs/tags/main"'],
    ['a pull request', context({ kind: 'pull_request', baseSha: 'b', baseRef: 'main', headSha: 'c' }), 'this is a pull_request run'],
    ['a dispatched run', context({ kind: 'manual', event: 'workflow_dispatch' }, 'workflow_dispatch'), 'this is a workflow_dispatch run']
  ])('refuses %s in one line', (_case, run, says) => {
    const refusal = autoRunRefusal(run)
    expect(refusal).toContain(says)
    expect(refusal).toContain('version "auto" promotes what a push to main trained')
    expect(refusal).not.toContain('\n')
  })
})

describe('autoTargets', () => {
  const environments = ['staging', 'qa', 'production']

  it('is every auto environment in promotion order when none is asked for, or the one asked for in the config\'s spelling', () => {
    expect(autoTargets(undefined, environments, ['staging', 'production'])).toEqual(['staging', 'production'])
    expect(autoTargets('Staging', environments, ['staging'])).toEqual(['staging'])
  })

  it('is empty for an environment not marked auto, or when none is: the shipped job then promotes nothing', () => {
    expect(autoTargets('production', environments, ['staging'])).toEqual([])
    expect(autoTargets(undefined, environments, [])).toEqual([])
    expect(noAutoEnvironment('production', environments)).toMatch(/^production is not marked auto: true in model-ci.yml, so nothing is promoted automatically/)
    expect(noAutoEnvironment(undefined, environments)).toMatch(/^no environment is marked auto: true/)
  })

  it('refuses an environment model-ci.yml does not list', () => {
    expect(autoTargets('stagign', environments, ['staging'])).toEqual({ refusal: 'environment "stagign" is not one of the environments in model-ci.yml (staging, qa, production)' })
  })
})
