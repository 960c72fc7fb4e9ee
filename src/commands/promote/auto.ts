// `promote` with version `auto` (DESIGN.md section 9, "Automatic staging"): on a push to the
// default branch, every model the run trained or reused from the run-cache and that passed all
// its gates is promoted to each environment marked `auto: true`, through the same `promote` as a
// manual promotion (verification, policy, record), with `"automatic": true` in the record.
//
// Which models passed is the report's own judgement of the run (judgeRun: this run's manifests
// against the same baseline ledger, under the same metric rules), computed again here from the
// run's artifacts rather than read from the report job's outputs: a job output is text any step of
// the run could set, while the artifacts and ledgers are what the report itself reads.
import type { AutoCandidate, AutoSkip } from '../../core/auto-promotion.js'
import { AUTO_VERSION, autoPromotionPlan, autoRunRefusal, autoTargets, noAutoEnvironment } from '../../core/auto-promotion.js'
import { escapeMarkdown, inlineCode } from '../../core/markdown.js'
import { isUserError, UserError } from '../../errors.js'
import type { RunContext } from '../../ports/event.js'
import { Repository } from '../../repository/repository.js'
import { judgeRun } from '../report/report.js'
import type { PromotePorts } from './promote.js'
import { promote } from './promote.js'

export interface AutoPromoteRequest {
  configFile: string
  context: RunContext
  /** This run: the push whose trainings are promoted, and the run that records the promotions. */
  run: { id: number; attempt: number; url: string; workflowName: string }
  /** detect's `models` list: a model it names that has no training in the run is listed as not promoted. */
  expectedModels?: string[]
  /** The one environment to promote to (it must be marked auto: true); every auto environment when absent. */
  environment?: string
  /** Who pushed (GitHub: the run's triggering actor), recorded as the promoter. */
  actor?: string
  /** Where a promoted model's verified files go; emptied first. */
  destination: (environment: string, model: string) => string
}

export interface AutoPromotion {
  model: string
  environment: string
  version: string
  digest: string
  deploymentId: number
  previousVersion: string | null
  modelDir: string
}

export interface AutoNotPromoted {
  model: string
  environment: string
  /** One line. */
  reason: string
  /** true: the model passed its gates and the promotion itself failed (policy, verification, recording). */
  failed: boolean
}

export interface AutoPromoteResult {
  environments: string[]
  promoted: AutoPromotion[]
  notPromoted: AutoNotPromoted[]
  summary: string
  /** Set when a model that passed its gates could not be promoted: the step fails after its outputs. */
  error?: UserError
}

/**
 * Promotes this push's passing models to the automatic environments, in promotion order (so that
 * an automatic environment after another finds the model live in the one before). A model that
 * fails to promote does not stop the others; the result's error names it.
 */
export async function promoteAutomatically(ports: PromotePorts, request: AutoPromoteRequest): Promise<AutoPromoteResult> {
  const refusal = autoRunRefusal(request.context)
  if (refusal) throw new UserError(`model-ci promote: ${refusal}`)
  const { config } = await Repository.read(ports, request.configFile)
  const targets = autoTargets(request.environment, config.environments, config.autoEnvironments)
  if (!Array.isArray(targets)) throw new UserError(`model-ci promote: ${targets.refusal}`, { file: request.configFile })
  if (targets.length === 0) {
    const why = noAutoEnvironment(request.environment, config.environments)
    ports.logger.debug(`model-ci promote: ${why}`)
    return { environments: [], promoted: [], notPromoted: [], summary: `## model-ci: automatic promotion\n\n${escapeMarkdown(why)}.\n` }
  }

  const judged = await judgeRun(ports, { configFile: request.configFile, expectedModels: request.expectedModels, context: request.context, run: request.run })
  const plan = autoPromotionPlan(judged.built.models)
  ports.logger.info(
    `Automatic promotion to ${targets.join(', ')}: ${plan.candidates.length} model(s) passed their gates` +
      (plan.skipped.length > 0 ? `, ${plan.skipped.length} did not (${plan.skipped.map((skip) => skip.model).join(', ')})` : '')
  )

  const promoted: AutoPromotion[] = []
  const notPromoted: AutoNotPromoted[] = []
  const summaries: string[] = []
  for (const environment of targets) {
    for (const skip of plan.skipped) notPromoted.push({ model: skip.model, environment, reason: skip.reason, failed: false })
    for (const candidate of plan.candidates) {
      const outcome = await promoteOne(ports, request, environment, candidate)
      if ('reason' in outcome) {
        ports.logger.warning(`${candidate.model} was not promoted to ${environment}: ${outcome.reason}`)
        notPromoted.push({ model: candidate.model, environment, reason: outcome.reason, failed: true })
      } else {
        promoted.push(outcome.promotion)
        summaries.push(outcome.summary)
      }
    }
  }
  for (const skip of plan.skipped) ports.logger.info(`${skip.model} is not promoted automatically: ${skip.reason}`)

  const failed = notPromoted.filter((entry) => entry.failed)
  return {
    environments: targets,
    promoted,
    notPromoted,
    summary: renderAutoSummary({ environments: targets, context: request.context, actor: request.actor, plan, promoted, notPromoted, summaries }),
    error:
      failed.length === 0
        ? undefined
        : new UserError(
            `model-ci promote: ${failed.length} promotion(s) of models that passed their gates failed: ${failed
              .slice(0, 5)
              .map((entry) => `${entry.model} to ${entry.environment} (${entry.reason})`)
              .join('; ')}${failed.length > 5 ? ` and ${failed.length - 5} more` : ''}`
          )
  }
}

async function promoteOne(
  ports: PromotePorts,
  request: AutoPromoteRequest,
  environment: string,
  candidate: AutoCandidate
): Promise<{ promotion: AutoPromotion; summary: string } | { reason: string }> {
  const destination = request.destination(environment, candidate.model)
  try {
    const result = await promote(ports, {
      configFile: request.configFile,
      model: candidate.model,
      // This run's artifact of the model: a run-cache hit uploads the reused training in this run too.
      version: String(request.run.id),
      expectedVersion: candidate.version,
      environment,
      defaultBranch: request.context.defaultBranch,
      run: { id: request.run.id, url: request.run.url },
      actor: request.actor,
      destination,
      automatic: true
    })
    return {
      promotion: {
        model: candidate.model,
        environment,
        version: result.version,
        digest: result.digest,
        deploymentId: result.deploymentId,
        previousVersion: result.previousVersion,
        modelDir: result.modelDir
      },
      summary: result.summary
    }
  } catch (error) {
    // One model's failure (a refusal, a failed verification, a record GitHub would not take) does
    // not keep the others from their environment; a bug keeps its stack in the debug log.
    if (!isUserError(error)) ports.logger.debug(error instanceof Error ? (error.stack ?? error.message) : String(error))
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { reason: message.replace(/^model-ci promote: /, '') }
  }
}

interface SummaryInput {
  environments: string[]
  context: RunContext
  actor?: string
  plan: { candidates: AutoCandidate[]; skipped: AutoSkip[] }
  promoted: AutoPromotion[]
  notPromoted: AutoNotPromoted[]
  /** Each promotion's own summary (version, digest, metrics, history). */
  summaries: string[]
}

/** The job summary: per environment, every model of the push and what became of it, then each promotion's own summary. */
export function renderAutoSummary(input: SummaryInput): string {
  const { context } = input
  const sha = context.trigger.kind === 'push' ? context.trigger.after : context.sha
  const by = input.actor ? ` by ${escapeMarkdown(input.actor)}` : ''
  const lines = [
    `## model-ci: automatic promotion to ${input.environments.map(escapeMarkdown).join(', ')}`,
    '',
    `The push of ${inlineCode(sha.slice(0, 7))} to ${escapeMarkdown(context.defaultBranch)}${by}: every model it trained or reused that passed all its gates is promoted (${inlineCode(`version: ${AUTO_VERSION}`)}).`,
    ''
  ]
  for (const environment of input.environments) {
    const rows: string[] = []
    for (const promotion of input.promoted.filter((entry) => entry.environment === environment)) {
      const was = promotion.previousVersion === null ? 'nothing was live' : `was ${inlineCode(promotion.previousVersion)}`
      rows.push(`| ${inlineCode(promotion.model)} | ${inlineCode(promotion.version)} | ✅ promoted: deployment ${promotion.deploymentId} (${was}) |`)
    }
    for (const entry of input.notPromoted.filter((item) => item.environment === environment)) {
      const version = [...input.plan.candidates, ...input.plan.skipped].find((item) => item.model === entry.model)?.version
      rows.push(`| ${inlineCode(entry.model)} | ${version === undefined ? '—' : inlineCode(version)} | ❌ not promoted: ${escapeMarkdown(entry.reason)} |`)
    }
    lines.push(`### ${escapeMarkdown(environment)}`, '')
    if (rows.length === 0) lines.push('_This push trained no model._', '')
    else lines.push('| Model | Version | Result |', '| --- | --- | --- |', ...rows, '')
  }
  return `${[...lines, ...input.summaries].join('\n')}\n`
}
