import type { CacheStore } from '../../ports/cache-store.js'
import type { Logger } from '../../ports/logger.js'

const MAX_KEY_LENGTH = 512
/** The client looks up a key and at most nine restore keys. */
const MAX_KEYS = 10

/**
 * GitHub's rules for a cache lookup or save. model-ci builds every key itself, so a key that
 * breaks them is a bug of ours: a plain Error, not a warning. The local store applies the same
 * rules so that the CLI finds such a bug before a runner does.
 */
export function validateCacheRequest(paths: string[], key: string, restoreKeys: string[] = []): void {
  if (paths.length === 0) throw new Error('A cache entry needs at least one path')
  const keys = [key, ...restoreKeys]
  if (keys.length > MAX_KEYS) {
    throw new Error(`GitHub's cache looks up at most ${MAX_KEYS} keys (a key and ${MAX_KEYS - 1} restore keys), not ${keys.length}`)
  }
  for (const candidate of keys) {
    if (candidate === '') throw new Error('A cache key is empty')
    if (candidate.length > MAX_KEY_LENGTH) {
      throw new Error(`The cache key "${candidate.slice(0, 40)}…" is ${candidate.length} characters long; GitHub allows at most ${MAX_KEY_LENGTH}`)
    }
    if (candidate.includes(',')) throw new Error(`The cache key "${candidate}" contains a comma, which GitHub does not allow`)
  }
}

/**
 * The CacheStore port over GitHub's cache service (@actions/cache, loaded on first use). A cache
 * only saves time, so every failure of the service (down, 429, key taken, writes not allowed)
 * becomes one warning naming the key, and a miss or `false`.
 */
export class GitHubCacheStore implements CacheStore {
  constructor(private readonly logger: Logger) {}

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<string | undefined> {
    validateCacheRequest(paths, key, restoreKeys)
    const outcome = await withClientReports(async () => (await loadCacheClient()).restoreCache(paths, key, restoreKeys))
    const reasons = reasonsOf(outcome)
    if (outcome.ok && outcome.value !== undefined) {
      for (const reason of reasons) this.logger.debug(reason)
      return outcome.value
    }
    // Without a reason the client found no entry: a plain miss, nothing to warn about.
    if (reasons.length > 0) this.logger.warning(`Cache restore for key "${key}" failed; continuing without the cache: ${reasons.join('; ')}`)
    return undefined
  }

  async save(paths: string[], key: string): Promise<boolean> {
    validateCacheRequest(paths, key)
    const outcome = await withClientReports(async () => (await loadCacheClient()).saveCache(paths, key))
    const reasons = reasonsOf(outcome)
    if (outcome.ok && outcome.value !== -1) {
      for (const reason of reasons) this.logger.debug(reason)
      return true
    }
    const why = reasons.length > 0 ? reasons.join('; ') : 'the cache client gave no reason'
    this.logger.warning(`Cache entry "${key}" was not saved: ${why}`)
    return false
  }
}

let cacheClient: Promise<typeof import('@actions/cache')> | undefined

function loadCacheClient(): Promise<typeof import('@actions/cache')> {
  cacheClient ??= import('@actions/cache')
  return cacheClient
}

type Outcome<T> = { ok: true; value: T; reports: string[] } | { ok: false; error: unknown; reports: string[] }

/** The client's reports, with its guess dropped when the cause is known, then a thrown error. */
function reasonsOf<T>(outcome: Outcome<T>): string[] {
  const knowsCause = outcome.reports.some(report => report.startsWith('Failed to reserve cache: '))
  const reports = knowsCause ? outcome.reports.filter(report => !RESERVE_GUESS.test(report)) : outcome.reports
  return outcome.ok ? reports : [...reports, outcome.error instanceof Error ? outcome.error.message : String(outcome.error)]
}

/**
 * What @actions/cache writes about a failure it swallowed, through @actions/core straight to
 * stdout: `::warning::` (or `::error::`) commands and info lines. Its save turns every failure to
 * reserve the key into "another job may be creating this cache" and leaves the cause to a debug
 * line, which is taken too.
 */
const CLIENT_REPORT =
  /^(?:::(?:warning|error)(?: [^:]*)?::)?((?:Failed to (?:save|restore)|Cache reservation failed|Cache save skipped|You've hit a rate limit|uploadCacheArchiveSDK: internal error)\b.*)$|^::debug::(Failed to reserve cache: .*)$/s
const RESERVE_GUESS = /^Failed to save: Unable to reserve cache with key .*, another job may be creating this cache\.$/

/** Cache calls run one at a time: each one owns stdout's `write` while it runs. */
let previousCall: Promise<unknown> = Promise.resolve()

/**
 * Runs `work` (a call of the cache client) with the client's failure reports taken out of stdout,
 * so that they reach the user once, through the Logger and with the key, instead of as the
 * client's own annotations. The client does not say otherwise whether a restore missed or failed.
 */
function withClientReports<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  const call = previousCall.then(() => divertingReports(work))
  previousCall = call
  return call
}

async function divertingReports<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  const reports: string[] = []
  const stdout = process.stdout
  const write = stdout.write
  stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const match = typeof chunk === 'string' ? CLIENT_REPORT.exec(chunk.trimEnd()) : null
    if (!match) return (write as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest)
    reports.push(commandData(match[1] ?? match[2] ?? ''))
    const callback = rest.find(argument => typeof argument === 'function') as (() => void) | undefined
    if (callback) process.nextTick(callback)
    return true
  }) as typeof stdout.write
  try {
    return { ok: true, value: await work(), reports }
  } catch (error) {
    return { ok: false, error, reports }
  } finally {
    stdout.write = write
  }
}

/** Undoes @actions/core's escaping of a command's message, on one line, without `Error: ` prefixes. */
function commandData(escaped: string): string {
  return escaped
    .replace(/: \w*Error: /g, ': ')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%')
    .replace(/\s*[\r\n]+\s*/g, ' ')
}
