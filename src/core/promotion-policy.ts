// The rules a promotion must pass (DESIGN.md section 5, `promote`), and which promotion record is
// live. Pure: the command gathers the facts (config, the source run as GitHub lists it, the
// records of the environments) and this module decides.
import type { MetricRule } from './config/types.js'
import { metricPolicyFor } from './config/metric-policy.js'
import { showUntrusted } from './untrusted-text.js'
import type { PromotionRecord } from '../ports/deployments.js'

/** The rules, in the order they are checked; a refusal names the one that failed. */
export type PromotionRule = 'listed environment' | 'default-branch source' | 'environment order' | 'metric bounds'

export interface PromotionRefusal {
  rule: PromotionRule
  /** One line, starting with the rule's name. */
  message: string
}

/** The run that holds the artifact to promote, as the hosting service (not the artifact) describes it. */
export interface SourceRun {
  id: number
  event: string
  headBranch: string | null
  headSha: string
  status: string
  conclusion: string | null
}

export interface PromotionFacts {
  model: string
  /** The environment asked for, as given. */
  environment: string
  /** model-ci.yml `environments`, in promotion order. */
  environments: readonly string[]
  allowPullRequestSources: boolean
  defaultBranch: string
  source: SourceRun
  /**
   * Whether the source run's commit is in the default branch's history (its tip or an ancestor).
   * A push named like the default branch may be a tag's: its name alone does not make it the branch's.
   */
  sourceInBranchHistory: boolean
  /** The run doing the promotion: the one source run that may still be in progress. */
  promotingRunId: number
  digest: string
  metrics: Readonly<Record<string, number>>
  /** The model's metric rules: its model.yml's first, then model-ci.yml's. */
  metricRules: readonly MetricRule[]
  /** The model's live digest in the environment before this one; undefined when none is live there. */
  liveInPreviousEnvironment: string | undefined
  /** `previous`: the version was live in this environment already, so the order rule does not apply. */
  rollback: boolean
}

/**
 * What is wrong with a push named like `branch` whose commit is not in the branch's history: the
 * push of a tag of the same name, which GitHub lists with that head_branch, or of a commit since
 * force-pushed away.
 */
export function outsideBranchHistory(run: { id: number; headSha: string }, branch: string): string {
  return `run ${run.id} is a push named ${branch}, but its commit ${run.headSha} is not in the history of branch ${branch} (a tag named like the branch, or a commit since removed from it)`
}

/** Events whose runs train a pull request's code. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group'])

/**
 * The environment of `environments` that `name` means, in the config's spelling, or undefined.
 * GitHub ignores case in environment names, and so does this.
 */
export function listedEnvironment(name: string, environments: readonly string[]): string | undefined {
  return environments.find((listed) => listed.toLowerCase() === name.toLowerCase())
}

/** The environment promoted to before `environment`, or undefined for the first one (which is open). */
export function environmentBefore(environment: string, environments: readonly string[]): string | undefined {
  const index = environments.findIndex((listed) => listed.toLowerCase() === environment.toLowerCase())
  return index > 0 ? environments[index - 1] : undefined
}

/** The first rule the promotion breaks, or undefined when it passes them all. */
export function firstBrokenRule(facts: PromotionFacts): PromotionRefusal | undefined {
  return environmentRefusal(facts.environment, facts.environments) ?? sourceRefusal(facts) ?? orderRefusal(facts) ?? boundsRefusal(facts)
}

/** The listed-environment rule alone, which the command checks before it downloads anything. */
export function environmentRefusal(environment: string, environments: readonly string[]): PromotionRefusal | undefined {
  if (listedEnvironment(environment, environments) !== undefined) return undefined
  return refuse(
    'listed environment',
    `environment ${showUntrusted(environment, 100)} is not one of the environments in model-ci.yml (${environments.join(', ')}); promote to one of them or add it to "environments"`
  )
}

function sourceRefusal(facts: PromotionFacts): PromotionRefusal | undefined {
  const { source, defaultBranch } = facts
  const namedDefaultBranch = source.event === 'push' && source.headBranch === defaultBranch
  const fromDefaultBranch = namedDefaultBranch && facts.sourceInBranchHistory
  const fromPullRequest = PULL_REQUEST_EVENTS.has(source.event)
  const branch = source.headBranch === null ? 'no branch' : `branch ${showUntrusted(source.headBranch, 100)}`
  if (namedDefaultBranch && !fromDefaultBranch) {
    return refuse('default-branch source', `${outsideBranchHistory(source, defaultBranch)}; only models trained by a push to ${defaultBranch} are promoted`)
  }
  if (fromPullRequest && !facts.allowPullRequestSources) {
    return refuse(
      'default-branch source',
      `run ${source.id} is a ${source.event} run (${branch}); only models trained by a push to ${defaultBranch} are promoted, unless model-ci.yml sets promotion: { allow-pull-request-sources: true }`
    )
  }
  if (!fromDefaultBranch && !fromPullRequest) {
    return refuse('default-branch source', `run ${source.id} is a ${source.event} run of ${branch}; only models trained by a push to ${defaultBranch} are promoted`)
  }
  if (source.conclusion === 'success') return undefined
  // The version is live in the environment before this one, so it passed this rule on its way in:
  // an automatic promotion takes a push's passing models while the run is still going, and the run
  // may end failed because another of its models regressed a gate.
  if (facts.liveInPreviousEnvironment !== undefined && facts.liveInPreviousEnvironment === facts.digest) return undefined
  // The run promoting may have trained the model itself (a push workflow that promotes to its
  // first environment): it is still running, and its training job succeeded if the manifest says so.
  if (source.conclusion === null && source.id === facts.promotingRunId) return undefined
  const how = source.conclusion === null ? `has not finished (${source.status})` : `concluded ${source.conclusion}`
  return refuse('default-branch source', `run ${source.id} ${how}; only a model of a successful run is promoted`)
}

function orderRefusal(facts: PromotionFacts): PromotionRefusal | undefined {
  // A rollback puts back a version that was live in this environment already: it passed this rule
  // when it was first promoted here, and the environment before may have moved on since.
  if (facts.rollback) return undefined
  const before = environmentBefore(facts.environment, facts.environments)
  if (before === undefined || facts.liveInPreviousEnvironment === facts.digest) return undefined
  const live = facts.liveInPreviousEnvironment === undefined ? `nothing of ${facts.model} is live there` : `${before} has ${facts.liveInPreviousEnvironment} live`
  return refuse(
    'environment order',
    `${facts.model} ${facts.digest} must be live in ${before} before it is promoted to ${listedEnvironment(facts.environment, facts.environments)}, and ${live}; promote it to ${before} first`
  )
}

function boundsRefusal(facts: PromotionFacts): PromotionRefusal | undefined {
  // Bounds apply to the metrics the model reports; a bound on a metric it does not report is not
  // checked, because repository-wide rules name metrics that only some models have.
  for (const [name, value] of Object.entries(facts.metrics)) {
    const { min, max } = metricPolicyFor(name, facts.metricRules)
    const shown = showUntrusted(name, 100)
    if (min !== undefined && value < min) {
      return refuse('metric bounds', `metric ${shown} of ${facts.model} is ${value}, below its "min" of ${min}`)
    }
    if (max !== undefined && value > max) {
      return refuse('metric bounds', `metric ${shown} of ${facts.model} is ${value}, above its "max" of ${max}`)
    }
  }
  return undefined
}

function refuse(rule: PromotionRule, detail: string): PromotionRefusal {
  return { rule, message: `rule "${rule}": ${detail}` }
}

/**
 * Whether a record is a promotion that completed: its newest status is `success`, or `inactive`,
 * which GitHub's `auto_inactive` puts on a successful deployment when a later deployment of the
 * environment succeeds (the job's own deployment when the job names the environment). model-ci
 * never sets `inactive`; a promotion that failed to record success ends `failure`, `error` or
 * with no status, and was never live.
 */
export function isCompletedPromotion(record: PromotionRecord): boolean {
  return record.state === 'success' || record.state === 'inactive'
}

/**
 * The completed promotions of `model` among `records` (one environment's, newest first), newest
 * first. The first is the live one: each promotion is its own deployment, so two at once leave two
 * records and the newer one is live.
 */
export function completedPromotions(records: readonly PromotionRecord[], model: string): PromotionRecord[] {
  return records.filter((record) => record.payload.model === model && isCompletedPromotion(record))
}

/** The live promotion of `model` among one environment's records (newest first), or undefined. */
export function livePromotion(records: readonly PromotionRecord[], model: string): PromotionRecord | undefined {
  return completedPromotions(records, model)[0]
}

/**
 * The version live before the current one, for `previous` (a rollback): the newest completed
 * promotion of another version. Undefined when nothing or only one version was ever live.
 */
export function rollbackTarget(records: readonly PromotionRecord[], model: string): PromotionRecord | undefined {
  const [current, ...earlier] = completedPromotions(records, model)
  return current && earlier.find((record) => record.payload.version !== current.payload.version)
}
