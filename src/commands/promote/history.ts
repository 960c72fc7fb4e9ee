// A model's promotion history from its promotion records: what is live where, since when, promoted
// by whom. `promote` shows it in its job summary; the CLI's `history` prints it.
import { escapeMarkdown, inlineCode } from '../../core/markdown.js'
import { completedPromotions } from '../../core/promotion-policy.js'
import { minuteOf } from '../../core/report/format.js'
import { escapeControlCharacters } from '../../core/untrusted-text.js'
import type { Deployments } from '../../ports/deployments.js'

export interface HistoryEntry {
  environment: string
  version: string
  digest: string
  runId: number
  sha: string
  /** When the promotion was recorded (the deployment's creation), ISO 8601. */
  promotedAt: string
  /** Who created the record (on GitHub, the token's user: `github-actions[bot]` for a workflow's token). */
  promotedBy: string
  /** Promoted by a push to the default branch (an environment marked auto: true), not asked for by a person. */
  automatic: boolean
  /** The newest completed promotion of the model in its environment. */
  live: boolean
  deploymentId: number
  /** The page of the run that promoted it, when the record links one. */
  logUrl: string | null
  /** The MLflow model version that holds the same training, when MLflow is on and has one. */
  mlflowVersion?: string
}

/**
 * Promotions of an environment looked through for a model's. An environment holds many models'
 * records, newest first; a model's live one is found if it is among this many.
 */
export const RECORDS_LOOKED_AT = 100
const DEFAULT_LIMIT = 20

/**
 * The completed promotions of `model` in `environments`, newest first, at most `limit` (20 when
 * absent), from the records model-ci wrote (see Deployments.list and its `creators`). Promotions
 * that failed to record success were never live and are left out.
 */
export async function promotionHistory(
  deployments: Deployments,
  model: string,
  environments: string[],
  options: { limit?: number; creators: readonly string[] }
): Promise<HistoryEntry[]> {
  const perEnvironment = await Promise.all(
    environments.map(async (environment) => {
      const records = completedPromotions(await deployments.list(environment, { limit: RECORDS_LOOKED_AT, creators: options.creators }), model)
      return records.map(
        (record, index): HistoryEntry => ({
          environment,
          version: record.payload.version,
          digest: record.payload.digest,
          runId: record.payload.run_id,
          sha: record.payload.sha,
          promotedAt: record.createdAt,
          promotedBy: record.payload.promoted_by ?? record.creator,
          automatic: record.payload.automatic === true,
          live: index === 0,
          deploymentId: record.deploymentId,
          logUrl: record.logUrl
        })
      )
    })
  )
  return perEnvironment
    .flat()
    .sort((a, b) => b.promotedAt.localeCompare(a.promotedAt) || b.deploymentId - a.deploymentId)
    .slice(0, options.limit ?? DEFAULT_LIMIT)
}

/** The history as a Markdown table (job summary) or aligned plain-text columns (terminal). */
export function renderHistory(entries: HistoryEntry[], format: 'markdown' | 'text'): string {
  if (entries.length === 0) return format === 'markdown' ? '_No promotions recorded yet._\n' : 'No promotions recorded yet.\n'
  return format === 'markdown' ? markdownTable(entries) : textTable(entries)
}

/** The MLflow column shows only where some promotion has an MLflow version. */
function hasMlflow(entries: HistoryEntry[]): boolean {
  return entries.some((entry) => entry.mlflowVersion !== undefined)
}

function markdownTable(entries: HistoryEntry[]): string {
  const mlflow = hasMlflow(entries)
  const rows = entries.map((entry) => {
    const run = isWebLink(entry.logUrl) ? `[log](${entry.logUrl.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : '—'
    const version = mlflow ? ` ${entry.mlflowVersion === undefined ? '—' : escapeMarkdown(entry.mlflowVersion)} |` : ''
    return `| ${escapeMarkdown(entry.environment)} | ${inlineCode(entry.version)} | ${inlineCode(shortDigest(entry.digest))} |${version} ${shownTime(entry.promotedAt)} | ${escapeMarkdown(entry.promotedBy)} | ${howPromoted(entry)} | ${run} | ${entry.live ? '**live**' : ''} |`
  })
  const header = mlflow
    ? '| Environment | Version | Digest | MLflow version | Promoted (UTC) | By | How | Promotion run | Live |'
    : '| Environment | Version | Digest | Promoted (UTC) | By | How | Promotion run | Live |'
  return [header, `|${' --- |'.repeat(mlflow ? 9 : 8)}`, ...rows, ''].join('\n')
}

function textTable(entries: HistoryEntry[]): string {
  const mlflow = hasMlflow(entries)
  const header = ['ENVIRONMENT', 'VERSION', 'DIGEST', ...(mlflow ? ['MLFLOW'] : []), 'PROMOTED (UTC)', 'BY', 'HOW', 'LIVE']
  const rows = entries.map((entry) =>
    [entry.environment, entry.version, shortDigest(entry.digest), ...(mlflow ? [entry.mlflowVersion ?? '-'] : []), shownTime(entry.promotedAt), entry.promotedBy, howPromoted(entry), entry.live ? 'yes' : ''].map(escapeControlCharacters)
  )
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()
  return `${[line(header), ...rows.map(line)].join('\n')}\n`
}

/** Automatic (a push to the default branch) or manual (a person asked for it). */
function howPromoted(entry: HistoryEntry): string {
  return entry.automatic ? 'automatic' : 'manual'
}

/** `sha256:` and the first 12 hex digits: enough to tell versions apart at a glance. */
function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest
}

/** `2026-11-27 10:00`: the record's time to the minute, for people. */
function shownTime(iso: string): string {
  return minuteOf(iso) ?? escapeControlCharacters(iso)
}

/** Record fields are untrusted: only a plain web address becomes a link. */
function isWebLink(url: string | null): url is string {
  return url !== null && /^https?:\/\/[^\s<>"'`|\\]+$/.test(url)
}
