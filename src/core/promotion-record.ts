// The promotion record's payload (DESIGN.md section 4): what a `model-ci:promote` deployment says
// it promoted. Pure. Anyone with `deployments: write` can create a deployment with any task and
// payload, so a payload read back is untrusted: parsePromotionPayload accepts exactly the shape
// `promote` writes, within bounds, and answers undefined for anything else.
import * as z from 'zod/mini'
import type { PromotionPayload } from '../ports/deployments.js'
import { MODEL_NAME_PATTERN } from './config/types.js'
import { hasControlCharacter } from './untrusted-text.js'

/** The deployment `task` of model-ci's promotions; GitHub's own per-job deployments use `deploy`. */
export const PROMOTION_TASK = 'model-ci:promote'

// The metric bounds match what a manifest may hold (core/manifest.ts), so every manifest that
// parses can be promoted and read back.
const MAX_METRICS = 10_000
const MAX_METRIC_NAME_LENGTH = 200
const MAX_VERSION_LENGTH = 200
/** A payload that arrives as JSON text longer than this is not parsed at all. */
const MAX_PAYLOAD_TEXT_LENGTH = 4 * 1024 * 1024

const payloadSchema = z.object({
  model: z.string().check(z.regex(MODEL_NAME_PATTERN)),
  version: z.string().check(
    z.minLength(1),
    z.maxLength(MAX_VERSION_LENGTH),
    z.refine((text: string) => !hasControlCharacter(text))
  ),
  digest: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
  // z.int() also refuses numbers beyond 2^53, which JSON cannot carry exactly.
  run_id: z.number().check(z.int(), z.gte(1)),
  sha: z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/))
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
  return metrics === undefined ? undefined : { ...result.data, metrics }
}

function parseJsonText(text: string): unknown {
  if (text.length > MAX_PAYLOAD_TEXT_LENGTH) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Metric names are keys of untrusted JSON: the result has no prototype, so `__proto__` is just a name. */
function parseMetrics(value: unknown): Record<string, number> | undefined {
  if (!isPlainObject(value)) return undefined
  const entries = Object.entries(value)
  if (entries.length > MAX_METRICS) return undefined
  const metrics: Record<string, number> = Object.create(null)
  for (const [name, metric] of entries) {
    const nameIsSane = name !== '' && name.length <= MAX_METRIC_NAME_LENGTH && !hasControlCharacter(name)
    if (!nameIsSane || typeof metric !== 'number' || !Number.isFinite(metric)) return undefined
    metrics[name] = metric
  }
  return metrics
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
