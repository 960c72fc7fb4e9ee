/** A key-value store of folders: GitHub's cache service on a runner, `.model-ci/cache` locally. */
export interface CacheStore {
  /**
   * Restores `paths` from the entry with `key`, else the newest whose key starts with one of
   * `restoreKeys`. Returns the key restored, or undefined on a miss. A service failure is a miss
   * with a warning, never an error: a cache only saves time.
   */
  restore(paths: string[], key: string, restoreKeys?: string[]): Promise<string | undefined>
  /** Saves `paths` under `key`. Returns false (with a warning said) when it could not. */
  save(paths: string[], key: string): Promise<boolean>
}
