import { createHash, randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { CacheStore } from '../../ports/cache-store.js'
import type { Logger } from '../../ports/logger.js'
import { validateCacheRequest } from '../github/cache-store.js'
import { LOCAL_STATE_DIR } from './state-dir.js'

/** An entry on disk: its key, the paths it was saved from, and where it is. */
interface Entry {
  key: string
  directory: string
  savedAt: number
}

/**
 * The CacheStore port over `<repo>/.model-ci/cache/`, for the CLI. Each entry is a folder named
 * for the hash of its key and paths, holding `key` (the key), `paths.json` (the absolute paths
 * saved) and `content/<i>`, a copy of the i-th path when it existed. Like GitHub's cache, an entry
 * is found only with the same paths, is never overwritten, and a restore key matches the newest
 * entry (by the mtime of its `key` file) whose key starts with it. Copies are reflinks where the
 * file system allows; symbolic links (a venv's `bin/python`) stay links.
 */
export class FsCacheStore implements CacheStore {
  private readonly root: string

  constructor(
    repositoryRoot: string,
    private readonly logger: Logger
  ) {
    this.root = join(repositoryRoot, LOCAL_STATE_DIR, 'cache')
  }

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<string | undefined> {
    validateCacheRequest(paths, key, restoreKeys)
    try {
      const entries = await this.entriesFor(paths)
      const entry = entries.find(candidate => candidate.key === key) ?? newestMatching(entries, restoreKeys)
      if (!entry) return undefined
      for (const [index, path] of paths.entries()) {
        const saved = join(entry.directory, 'content', String(index))
        if (await exists(saved)) await copyTree(saved, path)
      }
      return entry.key
    } catch (error) {
      this.logger.warning(`Cache restore for key "${key}" failed; continuing without the cache: ${messageOf(error)}`)
      return undefined
    }
  }

  async save(paths: string[], key: string): Promise<boolean> {
    validateCacheRequest(paths, key)
    const directory = join(this.root, entryName(paths, key))
    if (await exists(directory)) {
      this.logger.warning(`Cache entry "${key}" was not saved: an entry with this key already exists`)
      return false
    }
    // Built aside and renamed into place, so a reader never sees half an entry.
    const staging = join(this.root, `.saving-${randomBytes(6).toString('hex')}`)
    try {
      let copied = 0
      for (const [index, path] of paths.entries()) {
        if (!(await exists(path))) continue
        await copyTree(path, join(staging, 'content', String(index)))
        copied += 1
      }
      if (copied === 0) {
        this.logger.warning(`Cache entry "${key}" was not saved: none of its paths exist (${paths.join(', ')})`)
        return false
      }
      await writeFile(join(staging, 'paths.json'), JSON.stringify(paths))
      await writeFile(join(staging, 'key'), key)
      await rename(staging, directory)
      return true
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const why = code === 'EEXIST' || code === 'ENOTEMPTY' ? 'another process saved this key first' : messageOf(error)
      this.logger.warning(`Cache entry "${key}" was not saved: ${why}`)
      return false
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }

  /** The complete entries saved from exactly these paths. */
  private async entriesFor(paths: string[]): Promise<Entry[]> {
    const names = await readdir(this.root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []
      throw error
    })
    const wanted = JSON.stringify(paths)
    const entries: Entry[] = []
    for (const name of names.filter(candidate => !candidate.startsWith('.'))) {
      const directory = join(this.root, name)
      const savedPaths = await readFile(join(directory, 'paths.json'), 'utf8').catch(() => undefined)
      if (savedPaths !== wanted) continue
      const keyFile = join(directory, 'key')
      entries.push({ key: await readFile(keyFile, 'utf8'), directory, savedAt: (await stat(keyFile)).mtimeMs })
    }
    return entries
  }
}

/** The first restore key, in order, that some entry's key starts with; of those entries the newest. */
function newestMatching(entries: Entry[], restoreKeys: string[]): Entry | undefined {
  for (const prefix of restoreKeys) {
    const matching = entries.filter(entry => entry.key.startsWith(prefix))
    if (matching.length > 0) return matching.reduce((newest, entry) => (entry.savedAt > newest.savedAt ? entry : newest))
  }
  return undefined
}

/** Key and paths together name an entry, as GitHub's cache version includes the paths. */
function entryName(paths: string[], key: string): string {
  return createHash('sha256').update(key).update('\0').update(JSON.stringify(paths)).digest('hex')
}

/** Copies a file, a symbolic link or a folder tree onto `target`, replacing what is there. */
async function copyTree(source: string, target: string): Promise<void> {
  const info = await lstat(source)
  if (info.isDirectory()) {
    await mkdir(target, { recursive: true })
    const names = await readdir(source)
    await Promise.all(names.map(name => copyTree(join(source, name), join(target, name))))
  } else if (info.isSymbolicLink()) {
    await rm(target, { force: true })
    await symlink(await readlink(source), target)
  } else if (info.isFile()) {
    await mkdir(dirname(target), { recursive: true })
    // Removed first: copying onto a symbolic link would write through it.
    await rm(target, { force: true })
    await copyFile(source, target, constants.COPYFILE_FICLONE)
  }
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
