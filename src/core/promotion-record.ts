// The promotion record's payload (DESIGN.md section 4): what a `model-ci:promote` deployment says
// it promoted. Pure. Anyone with `deployments: write` can create a deployment with any task and
// payload, so a payload read back is untrusted: parsePromotionPayload accepts exactly the shape
// `promote` writes, within bounds, and answers undefined for anything else.
import * as z from 'zod/mini'
import type { PromotionPayload } from '../ports/deployments.js'
import { MODEL_NAME_PATTERN } from './config/types.js'
import { isPlainObject, MAX_METRICS, metricNameProblem, printable, runId, sha256Digest } from './untrusted-record.js'

/** The deployment `task` of model-ci's promotions; GitHub's own per-job deployments use `deploy`. */
export const PROMOTION_TASK = 'model-ci:promote'

const MAX_VERSION_LENGTH = 200
const MAX_ACTOR_LENGTH = 100
/** A payload that arrives as JSON text longer than this is not parsed at all. */
const MAX_PAYLOAD_TEXT_LENGTH = 4 * 1024 * 1024

// The rules' words are never shown: a payload that breaks one is simply not a promotion record.
const payloadSchema = z.object({
  model: z.string().check(z.regex(MODEL_NAME_PATTERN)),
  version: printable(`must be a version label of at most ${MAX_VERSION_LENGTH} characters without control characters`, MAX_VERSION_LENGTH),
  digest: sha256Digest,
  run_id: runId,
  // A commit id, of a SHA-1 or a SHA-256 repository.
  sha: z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/)),
  // A GitHub login, or a person's name in local mode: bounded, one line.
  promoted_by: z.optional(printable(`must be a login or name of at most ${MAX_ACTOR_LENGTH} characters without control characters`, MAX_ACTOR_LENGTH)),
  // Written only as true by an automatic promotion; records written before it have no such key.
  automatic: z.optional(z.boolean())
})

/**
 * The payload of a promotion record, or undefined when `value` (an object, or JSON text of one,
 * as GitHub may hand a payload back) is not one: a wrong or missing field, a metric that is not a
 * finite number, too many metrics or too long a name. Keys beyond the known ones are dropped.
 */
export function parsePromotionPayload(value: unknown): PromotionPayload | undefined {
  const data = typeof value === 'string' ? parseJsonText(value) : value
  if (!isPlainObject(data)) return undefined
  const result = payloadSchema.safeParse(data)
  if (!result.success) return undefined
  const metrics = parseMetrics(data.metrics)
  if (metrics === undefined) return undefined
  const { automatic, ...rest } = result.data
  // Only `true` is kept, so that a payload says "automatic" or nothing, as promote writes it.
  return { ...rest, metrics, ...(automatic === true && { automatic: true }) }
}

function parseJsonText(text: string): unknown {
  if (text.length > MAX_PAYLOAD_TEXT_LENGTH) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The manifest's metric rules (core/untrusted-record.ts), so every manifest that parses can be
 * promoted and read back. Metric names are keys of untrusted JSON: the result has no prototype,
 * so `__proto__` is just a name.
 */
function parseMetrics(value: unknown): Record<string, number> | undefined {
  if (!isPlainObject(value)) return undefined
  const entries = Object.entries(value)
  if (entries.length > MAX_METRICS) return undefined
  const metrics: Record<string, number> = Object.create(null)
  for (const [name, metric] of entries) {
    if (metricNameProblem(name) !== undefined || typeof metric !== 'number' || !Number.isFinite(metric)) return undefined
    metrics[name] = metric
  }
  return metrics
}
