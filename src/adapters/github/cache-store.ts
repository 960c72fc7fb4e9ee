import { messageOf } from '../../errors.js'
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
 * only saves time, so no failure of the service fails the job. What happened is read from the
 * client's return values alone: the key it restored (the key asked for, a restore key's match, or
 * undefined for a miss) and the id it saved under (-1 when it did not). The client reports its own
 * failures in the job log, in its words (a warning when the service failed, an info line when
 * another job holds the key or the cache mode forbids the write), and model-ci leaves them as they
 * are rather than say them a second time: it cannot tell a failed restore from a miss anyway, as
 * the client answers both with undefined.
 */
export class GitHubCacheStore implements CacheStore {
  constructor(private readonly logger: Logger) {}

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<string | undefined> {
    validateCacheRequest(paths, key, restoreKeys)
    try {
      return await (await loadCacheClient()).restoreCache(paths, key, restoreKeys)
    } catch (error) {
      // The client throws only when it cannot start at all: it has not reported anything.
      this.logger.warning(`Cache restore for key "${key}" failed; continuing without the cache: ${messageOf(error)}`)
      return undefined
    }
  }

  async save(paths: string[], key: string): Promise<boolean> {
    validateCacheRequest(paths, key)
    try {
      if ((await (await loadCacheClient()).saveCache(paths, key)) !== -1) return true
      this.logger.info(`Cache entry "${key}" was not saved (the cache client's lines above say why)`)
    } catch (error) {
      this.logger.warning(`Cache entry "${key}" was not saved: ${messageOf(error)}`)
    }
    return false
  }
}

let cacheClient: Promise<typeof import('@actions/cache')> | undefined

function loadCacheClient(): Promise<typeof import('@actions/cache')> {
  cacheClient ??= import('@actions/cache')
  return cacheClient
}
