import { describe, expect, it } from '@jest/globals'
import type { PromotionFacts } from '../../src/core/promotion-policy.js'
import {
  environmentBefore,
  firstBrokenRule,
  isCompletedPromotion,
  listedEnvironment,
  livePromotion,
  rollbackTarget
} from '../../src/core/promotion-policy.js'
import type { PromotionRecord } from '../../src/ports/deployments.js'

const DIGEST_A = `sha256:${'a'.repeat(64)}`
const DIGEST_B = `sha256:${'b'.repeat(64)}`
const SOURCE_SHA = 'c'.repeat(40)

function facts(overrides: Partial<PromotionFacts> = {}): PromotionFacts {
  return {
    model: 'fraud',
    environment: 'production',
    environments: ['staging', 'production'],
    allowPullRequestSources: false,
    defaultBranch: 'main',
    source: { id: 812, headSha: SOURCE_SHA, event: 'push', headBranch: 'main', status: 'completed', conclusion: 'success' },
    sourceInBranchHistory: true,
    promotingRunId: 900,
    digest: DIGEST_A,
    metrics: { accuracy: 0.93 },
    metricRules: [],
    liveInPreviousEnvironment: DIGEST_A,
    rollback: false,
    ...overrides
  }
}

let nextId = 1
function record(model: string, version: string, state: string | null, digest = DIGEST_A): PromotionRecord {
  return {
    deploymentId: nextId++,
    environment: 'staging',
    payload: { model, version, digest, run_id: 812, sha: 'c'.repeat(40), metrics: {} },
    creator: 'github-actions[bot]',
    createdAt: '2026-11-27T10:00:00Z',
    state,
    stateAt: state === null ? null : '2026-11-27T10:00:01Z',
    logUrl: null
  }
}

describe('firstBrokenRule', () => {
  it('passes a successful default-branch push run whose digest is live in the environment before', () => {
    expect(firstBrokenRule(facts())).toBeUndefined()
  })

  it('refuses an environment that model-ci.yml does not list, naming the rule and the listed ones', () => {
    expect(firstBrokenRule(facts({ environment: 'qa' }))).toEqual({
      rule: 'listed environment',
      message: expect.stringMatching(/^rule "listed environment": environment "qa" is not one of the environments in model-ci.yml \(staging, production\)/)
    })
  })

  it('matches environment names without regard to case, as GitHub does', () => {
    expect(firstBrokenRule(facts({ environment: 'Production' }))).toBeUndefined()
    expect(listedEnvironment('PRODUCTION', ['staging', 'production'])).toBe('production')
  })

  it('opens the first environment to any source that passes the other rules', () => {
    expect(firstBrokenRule(facts({ environment: 'staging', liveInPreviousEnvironment: undefined }))).toBeUndefined()
  })

  it('refuses production when staging has another digest live, or nothing', () => {
    expect(firstBrokenRule(facts({ liveInPreviousEnvironment: DIGEST_B }))?.message).toBe(
      `rule "environment order": fraud ${DIGEST_A} must be live in staging before it is promoted to production, and staging has ${DIGEST_B} live; promote it to staging first`
    )
    expect(firstBrokenRule(facts({ liveInPreviousEnvironment: undefined }))?.message).toContain('nothing of fraud is live there')
  })

  it('waives the order rule for a rollback, and only that rule', () => {
    expect(firstBrokenRule(facts({ liveInPreviousEnvironment: DIGEST_B, rollback: true }))).toBeUndefined()
    const pullRequest = { id: 5, headSha: SOURCE_SHA, event: 'pull_request', headBranch: 'feature', status: 'completed', conclusion: 'success' }
    expect(firstBrokenRule(facts({ rollback: true, source: pullRequest }))?.rule).toBe('default-branch source')
  })

  it('refuses a pull-request run unless the config allows pull-request sources', () => {
    const source = { id: 5, headSha: SOURCE_SHA, event: 'pull_request', headBranch: 'feature', status: 'completed', conclusion: 'success' }
    expect(firstBrokenRule(facts({ source }))?.message).toBe(
      'rule "default-branch source": run 5 is a pull_request run (branch "feature"); only models trained by a push to main are promoted, unless model-ci.yml sets promotion: { allow-pull-request-sources: true }'
    )
    expect(firstBrokenRule(facts({ source, allowPullRequestSources: true }))).toBeUndefined()
  })

  it('refuses a push to another branch, and a scheduled run, even when pull-request sources are allowed', () => {
    const branch = { id: 6, headSha: SOURCE_SHA, event: 'push', headBranch: 'release', status: 'completed', conclusion: 'success' }
    expect(firstBrokenRule(facts({ source: branch, allowPullRequestSources: true }))?.message).toBe(
      'rule "default-branch source": run 6 is a push run of branch "release"; only models trained by a push to main are promoted'
    )
    const scheduled = { id: 7, headSha: SOURCE_SHA, event: 'schedule', headBranch: 'main', status: 'completed', conclusion: 'success' }
    expect(firstBrokenRule(facts({ source: scheduled }))?.rule).toBe('default-branch source')
  })

  it("refuses a push named like the default branch whose commit is not in the branch's history (a tag named main)", () => {
    expect(firstBrokenRule(facts({ sourceInBranchHistory: false }))?.message).toBe(
      `rule "default-branch source": run 812 is a push named main, but its commit ${SOURCE_SHA} is not in the history of branch main (a tag named like the branch, or a commit since removed from it); only models trained by a push to main are promoted`
    )
    // Allowing pull-request sources does not let it through.
    expect(firstBrokenRule(facts({ sourceInBranchHistory: false, allowPullRequestSources: true }))?.rule).toBe('default-branch source')
  })

  it('refuses a run that failed or was cancelled', () => {
    const failed = { id: 812, headSha: SOURCE_SHA, event: 'push', headBranch: 'main', status: 'completed', conclusion: 'failure' }
    const refusal = 'rule "default-branch source": run 812 concluded failure; only a model of a successful run is promoted'
    expect(firstBrokenRule(facts({ source: failed, environment: 'staging', liveInPreviousEnvironment: undefined }))?.message).toBe(refusal)
    expect(firstBrokenRule(facts({ source: failed, liveInPreviousEnvironment: DIGEST_B }))?.message).toBe(refusal)
    expect(firstBrokenRule(facts({ source: failed, liveInPreviousEnvironment: undefined }))?.message).toBe(refusal)
  })

  it("accepts a failed run's model that is live in the environment before: it passed the rule on its way there (an automatic promotion from a run another model failed)", () => {
    const failed = { id: 812, headSha: SOURCE_SHA, event: 'push', headBranch: 'main', status: 'completed', conclusion: 'failure' }
    expect(firstBrokenRule(facts({ source: failed, liveInPreviousEnvironment: DIGEST_A }))).toBeUndefined()
    // It is still a push to the default branch that must have trained it.
    expect(firstBrokenRule(facts({ source: { ...failed, headBranch: 'feature' }, liveInPreviousEnvironment: DIGEST_A }))?.rule).toBe('default-branch source')
  })

  it('accepts a run still in progress only when it is the promoting run itself', () => {
    const running = { id: 900, headSha: SOURCE_SHA, event: 'push', headBranch: 'main', status: 'in_progress', conclusion: null }
    expect(firstBrokenRule(facts({ source: running }))).toBeUndefined()
    expect(firstBrokenRule(facts({ source: { ...running, id: 899 }, liveInPreviousEnvironment: undefined, environment: 'staging' }))?.message).toBe(
      'rule "default-branch source": run 899 has not finished (in_progress); only a model of a successful run is promoted'
    )
  })

  it('refuses a metric outside its min or max, by exact name or glob', () => {
    const rules = [
      { pattern: 'accuracy', policy: { min: 0.95 } },
      { pattern: '*loss*', policy: { max: 0.2 } }
    ]
    expect(firstBrokenRule(facts({ metricRules: rules }))?.message).toBe('rule "metric bounds": metric "accuracy" of fraud is 0.93, below its "min" of 0.95')
    expect(firstBrokenRule(facts({ metricRules: rules, metrics: { accuracy: 0.96, 'test.log_loss': 0.3 } }))?.message).toBe(
      'rule "metric bounds": metric "test.log_loss" of fraud is 0.3, above its "max" of 0.2'
    )
    expect(firstBrokenRule(facts({ metricRules: rules, metrics: { accuracy: 0.95, 'test.log_loss': 0.2 } }))).toBeUndefined()
  })

  it('does not check a bound on a metric the model does not report', () => {
    expect(firstBrokenRule(facts({ metrics: { f1: 0.5 }, metricRules: [{ pattern: 'accuracy', policy: { min: 0.9 } }] }))).toBeUndefined()
  })

  it('reports the first broken rule in order: environment, source, order, bounds', () => {
    const everythingWrong = facts({
      source: { id: 5, headSha: SOURCE_SHA, event: 'pull_request', headBranch: 'x', status: 'completed', conclusion: 'success' },
      liveInPreviousEnvironment: undefined,
      metricRules: [{ pattern: 'accuracy', policy: { min: 1 } }]
    })
    expect(firstBrokenRule({ ...everythingWrong, environment: 'qa' })?.rule).toBe('listed environment')
    expect(firstBrokenRule(everythingWrong)?.rule).toBe('default-branch source')
    expect(firstBrokenRule({ ...everythingWrong, allowPullRequestSources: true })?.rule).toBe('environment order')
    expect(firstBrokenRule({ ...everythingWrong, allowPullRequestSources: true, liveInPreviousEnvironment: DIGEST_A })?.rule).toBe('metric bounds')
  })

  it('shows untrusted names escaped on one line', () => {
    const message = firstBrokenRule(facts({ environment: 'qa\n::error::x', metrics: {} }))?.message ?? ''
    expect(message).not.toContain('\n')
    const metric = firstBrokenRule(facts({ metrics: { 'a\u001b[31m': 5 }, metricRules: [{ pattern: 'a*', policy: { max: 1 } }] }))?.message ?? ''
    expect(metric).toContain('"a\\u001b[31m"')
  })
})

describe('environmentBefore', () => {
  it('is the environment listed before, and none for the first', () => {
    expect(environmentBefore('production', ['dev', 'staging', 'production'])).toBe('staging')
    expect(environmentBefore('dev', ['dev', 'staging', 'production'])).toBeUndefined()
  })
})

describe('live records', () => {
  it('counts success, and inactive (GitHub auto_inactive after success), as completed promotions; nothing else', () => {
    expect(['success', 'inactive', 'failure', 'error', 'in_progress', null].map((state) => isCompletedPromotion(record('fraud', 'v', state)))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false
    ])
  })

  it('is the newest completed promotion of the model, ignoring other models and failed records', () => {
    const records = [record('churn', 'c2', 'success'), record('fraud', 'f3', 'error'), record('fraud', 'f2', 'success'), record('fraud', 'f1', 'success')]
    expect(livePromotion(records, 'fraud')?.payload.version).toBe('f2')
    expect(livePromotion(records, 'churn')?.payload.version).toBe('c2')
    expect(livePromotion(records, 'other')).toBeUndefined()
  })

  it('rolls back to the newest completed promotion of another version', () => {
    const records = [record('fraud', 'f2', 'success'), record('fraud', 'f2', 'success'), record('fraud', 'f0', 'failure'), record('fraud', 'f1', 'inactive')]
    expect(rollbackTarget(records, 'fraud')?.payload.version).toBe('f1')
    expect(rollbackTarget([record('fraud', 'f2', 'success')], 'fraud')).toBeUndefined()
    expect(rollbackTarget([], 'fraud')).toBeUndefined()
  })
})
