/**
 * CacheService of the results service (cache service v2), as @actions/cache v6 calls it.
 *
 * Entries belong to the git ref of the run that saved them: `refs/heads/<branch>`, or
 * `refs/pull/<n>/merge` for a pull request run. A run reads its own ref's entries first, then
 * its pull request's base branch, then the default branch, as GitHub restricts cache access.
 * Within a ref the lookup is GitHub's: an exact match of `key`, else the newest entry whose key
 * starts with `key`, then the same for each restore key in order; the `version` (a hash of the
 * paths and compression) must always match. Entries are immutable: a second CreateCacheEntry
 * for the same key, version and ref is a 409, which the client reports as a failed save.
 */
import type { BlobStore } from '../blob-store.js'
import type { CacheEntryRecord, EmulatorState, WorkflowRunRecord } from '../state.js'
import { stringField, twirpFailure, type TwirpMethod } from './twirp.js'

export const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService'
const MAX_KEY_LENGTH = 512

/** The ref whose scope a run saves into. */
export function cacheScopeOf(run: WorkflowRunRecord, state: EmulatorState): string {
  const pull = run.pull_requests[0]
  if (run.event === 'pull_request' && pull !== undefined) return `refs/pull/${pull}/merge`
  return `refs/heads/${run.head_branch ?? state.repository.default_branch}`
}

function readableScopes(run: WorkflowRunRecord, state: EmulatorState): string[] {
  const scopes = [cacheScopeOf(run, state)]
  const pull = run.event === 'pull_request' && run.pull_requests[0] !== undefined ? state.pull(run.pull_requests[0]) : undefined
  if (pull) scopes.push(`refs/heads/${pull.base.ref}`)
  scopes.push(`refs/heads/${state.repository.default_branch}`)
  return [...new Set(scopes)]
}

function requireKeyAndVersion(body: Record<string, unknown>): { key: string; version: string } {
  const key = stringField(body, 'key')
  const version = stringField(body, 'version')
  if (!key || !version) throw twirpFailure('invalid_argument', 'key and version are required')
  if (key.length > MAX_KEY_LENGTH || key.includes(',')) {
    throw twirpFailure('invalid_argument', `key must be at most ${MAX_KEY_LENGTH} characters and contain no commas`)
  }
  return { key, version }
}

function newest(entries: CacheEntryRecord[]): CacheEntryRecord | undefined {
  return [...entries].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)[0]
}

function lookup(entries: CacheEntryRecord[], keys: string[]): CacheEntryRecord | undefined {
  for (const key of keys) {
    const hit = newest(entries.filter(entry => entry.key === key)) ?? newest(entries.filter(entry => entry.key.startsWith(key)))
    if (hit) return hit
  }
  return undefined
}

export function cacheService(state: EmulatorState, blobs: BlobStore): Record<string, TwirpMethod> {
  return {
    CreateCacheEntry(call) {
      const { key, version } = requireKeyAndVersion(call.body)
      const scope = cacheScopeOf(call.run, state)
      if (state.caches.some(entry => entry.key === key && entry.version === version && entry.scope === scope)) {
        throw twirpFailure('already_exists', 'cache entry with the same key, version, and scope already exists')
      }
      const id = state.nextId('cache')
      const entry: CacheEntryRecord = { id, key, version, scope, size_bytes: 0, finalized: false, blob: `caches/${id}`, created_at: state.timestamp() }
      state.caches.push(entry)
      return { ok: true, signed_upload_url: blobs.signedUrl(entry.blob, { permissions: 'cw' }) }
    },

    FinalizeCacheEntryUpload(call) {
      const { key, version } = requireKeyAndVersion(call.body)
      const scope = cacheScopeOf(call.run, state)
      const entry = state.caches.find(candidate => !candidate.finalized && candidate.key === key && candidate.version === version && candidate.scope === scope)
      if (!entry) throw twirpFailure('not_found', `no cache entry "${key}" is being uploaded in ${scope}`)
      if (!blobs.get(entry.blob)) throw twirpFailure('failed_precondition', `the archive of cache entry "${key}" was never uploaded`)
      entry.size_bytes = Number(stringField(call.body, 'size_bytes') ?? 0)
      entry.finalized = true
      return { ok: true, entry_id: String(entry.id) }
    },

    GetCacheEntryDownloadURL(call) {
      const { key, version } = requireKeyAndVersion(call.body)
      const restoreKeys = Array.isArray(call.body.restore_keys) ? call.body.restore_keys.filter(item => typeof item === 'string') : []
      const usable = state.caches.filter(entry => entry.finalized && entry.version === version)
      for (const scope of readableScopes(call.run, state)) {
        const hit = lookup(usable.filter(entry => entry.scope === scope), [key, ...restoreKeys])
        if (hit) return { ok: true, signed_download_url: blobs.signedUrl(hit.blob, { permissions: 'r' }), matched_key: hit.key }
      }
      return { ok: false }
    }
  }
}
