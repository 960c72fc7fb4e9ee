import type { ReportModel } from '../../core/report/types.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'

/** Models and metrics named in the error before "and N more": the comment has them all. */
const MAX_NAMED_MODELS = 5
const MAX_NAMED_METRICS = 5

/**
 * The step's error when a gated metric regressed beyond its tolerance, naming the models and
 * metrics (untrusted names, quoted) and ending with `hint`, or undefined when every gate passed.
 */
export function gateError(models: readonly ReportModel[], hint: string): UserError | undefined {
  const failing = models.filter((model) => model.comparison.gateFailures > 0)
  if (failing.length === 0) return undefined
  const named = failing.slice(0, MAX_NAMED_MODELS).map((model) => {
    const metrics = model.comparison.metrics.filter((metric) => metric.gateFailed).map((metric) => showUntrusted(metric.name, 60))
    const shown = metrics.slice(0, MAX_NAMED_METRICS).join(', ')
    const more = metrics.length > MAX_NAMED_METRICS ? ` and ${metrics.length - MAX_NAMED_METRICS} more` : ''
    return `${model.comparison.model} (${shown}${more})`
  })
  const more = failing.length > MAX_NAMED_MODELS ? ` and ${failing.length - MAX_NAMED_MODELS} more models` : ''
  return new UserError(
    `model-ci report: a gated metric regressed beyond its tolerance in ${named.join('; ')}${more}; ${hint}`
  )
}
