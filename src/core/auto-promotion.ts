// Automatic promotion (DESIGN.md section 9, "Automatic staging"): which of a push's models go to
// the environments marked `auto: true`, and why the others do not. Pure: the verdicts are the
// report's own (core/compare.ts through commands/report/models.ts), read here, never recomputed.
import type { ReportModel } from './report/types.js'
import type { RunContext } from '../ports/event.js'
import { listedEnvironment } from './promotion-policy.js'
import { showUntrusted } from './untrusted-text.js'

/** The `version` input that asks for automatic promotion. */
export const AUTO_VERSION = 'auto'

/** A model of this run that passed every gate: promoted from this run's artifact, expected to be this version. */
export interface AutoCandidate {
  model: string
  version: string
}

/** A model of this run that is not promoted, and why (one line, untrusted parts shown escaped). */
export interface AutoSkip {
  model: string
  reason: string
  /** The version this run trained, when it trained one. */
  version?: string
}

/** Metrics named in a reason before "and N more". */
const METRICS_NAMED = 3

/**
 * Splits the report's models into those promoted automatically and those that are not. A model
 * counts when this run trained it or reused it from the run-cache, the training succeeded, and no
 * gated metric regressed beyond its tolerance (a new model, with nothing to compare, passes).
 * Removed models are neither: there is nothing of them to promote.
 */
export function autoPromotionPlan(models: readonly ReportModel[]): { candidates: AutoCandidate[]; skipped: AutoSkip[] } {
  const candidates: AutoCandidate[] = []
  const skipped: AutoSkip[] = []
  for (const model of models) {
    const { comparison, head } = model
    const name = comparison.model
    const reason = skipReason(model)
    if (reason !== undefined) skipped.push({ model: name, reason, ...(head && { version: head.version }) })
    else if (comparison.status !== 'removed' && head) candidates.push({ model: name, version: head.version })
  }
  return { candidates, skipped }
}

function skipReason(model: ReportModel): string | undefined {
  const { comparison, head } = model
  switch (comparison.status) {
    case 'removed':
      return undefined
    case 'missing':
      return 'no training came back from this run (the job was cancelled or failed before it uploaded the model)'
    case 'failed': {
      if (model.problem !== undefined) return `its artifact could not be used: ${showUntrusted(model.problem, 200)}`
      const failure = head?.failure
      if (!failure) return 'its training failed'
      const exit = failure.exit_code === null ? '' : ` (exit code ${failure.exit_code})`
      return `its training failed in the ${failure.phase} phase${exit}: ${showUntrusted(failure.message, 200)}`
    }
    default:
      break
  }
  if (comparison.gateFailures === 0) return undefined
  const failed = comparison.metrics.filter((metric) => metric.gateFailed)
  const named = failed.slice(0, METRICS_NAMED).map((metric) => `${showUntrusted(metric.name, 60)} ${metric.base} → ${metric.head}`)
  const more = failed.length > METRICS_NAMED ? ` and ${failed.length - METRICS_NAMED} more` : ''
  return `a gated metric regressed beyond its tolerance: ${named.join(', ')}${more}`
}

/**
 * Why this run may not promote automatically, or undefined when it may: only a push to the
 * default branch does (a pull request's or a dispatched run's models are promoted by hand).
 */
export function autoRunRefusal(context: Pick<RunContext, 'trigger' | 'eventName' | 'defaultBranch'>): string | undefined {
  const { trigger, defaultBranch } = context
  if (trigger.kind === 'push' && trigger.ref === `refs/heads/${defaultBranch}`) return undefined
  const what = trigger.kind === 'push' ? `a push to ${showUntrusted(trigger.ref.replace(/^refs\/heads\//, ''), 100)}` : `a ${context.eventName.replace(/[^\w-]/g, '')} run`
  return `version "${AUTO_VERSION}" promotes what a push to ${defaultBranch} trained, and this is ${what}; run it in the push workflow's job after report, or give a run id, commit, version label, latest or previous`
}

/**
 * The environments an automatic promotion goes to, in promotion order: the one `requested`, or
 * every auto environment when none is requested. An empty list when the environment (or every
 * environment) is not marked auto: true: a shipped job that the repository has not opted into
 * promotes nothing. `{ refusal }` for an environment model-ci.yml does not list (a typo).
 */
export function autoTargets(requested: string | undefined, environments: readonly string[], autoEnvironments: readonly string[]): string[] | { refusal: string } {
  if (requested === undefined || requested === '') return [...autoEnvironments]
  const listed = listedEnvironment(requested, environments)
  if (listed === undefined) {
    return { refusal: `environment ${showUntrusted(requested, 100)} is not one of the environments in model-ci.yml (${environments.join(', ')})` }
  }
  return listedEnvironment(listed, autoEnvironments) === undefined ? [] : [listed]
}

/** Why nothing is promoted when autoTargets gives no environment: one line for the log and the summary. */
export function noAutoEnvironment(requested: string | undefined, environments: readonly string[]): string {
  const which = requested === undefined || requested === '' ? 'no environment is' : `${listedEnvironment(requested, environments) ?? requested} is not`
  return `${which} marked auto: true in model-ci.yml, so nothing is promoted automatically (write an environment as { name: staging, auto: true } under "environments" to turn it on)`
}
