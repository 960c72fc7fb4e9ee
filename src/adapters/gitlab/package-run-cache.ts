import { createHash } from 'node:crypto'
import { lstat, mkdir, mkdtemp, readdir, rename, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative } from 'node:path'
import type { CacheStore } from '../../ports/cache-store.js'
import type { Logger } from '../../ports/logger.js'
import { validateCacheRequest } from '../github/cache-store.js'
import { GitLabApi, pipelineOfJobToken, type GitLabApiOptions } from './gitlab-api.js'
import { GitLabPackageArtifactStore, PACKAGE_VERSION, packageSchema, type GenericPackage } from './package-artifact-store.js'

/** The generic package that holds run-cache entries; not `model-ci-…`, so no run lists it as an artifact. */
export const RUN_CACHE_PACKAGE = 'model-ci.run-cache'
/** Pages of the newest entries a restore key looks through (100 each). */
const RESTORE_KEY_PAGES = 3

export interface GitLabPackageRunCacheOptions extends GitLabApiOptions {
  /** CI_DEFAULT_BRANCH: entries its pipelines saved are read by every ref. */
  defaultBranch: string
  /** The repository's root: paths inside it are named relative to it, so that a job in another build folder finds the entry. */
  repositoryRoot: string
}

/**
 * The run-cache of a GitLab CI job (DESIGN.md section 9) over the project's generic package
 * registry, where every pipeline of the project finds it, whichever runner it runs on.
 *
 * An entry is the package `model-ci.run-cache` whose version names its key, the paths it holds and
 * the ref of the pipeline that saved it (the job token's own, from `GET /job`); its archive holds the i-th path under `<i>`. Like
 * GitHub's cache, a ref reads the entries its own pipelines saved and those of the default branch,
 * never another branch's or merge request's: the ref is the one GitLab records for the package's
 * uploader (a job token's pipeline), which a pipeline cannot choose. An entry whose recorded
 * uploader is not of the ref its version names (a pipeline of another ref wrote into it) is
 * passed over. The archive's digest is checked on download. Regular files only: a path holding a
 * symbolic link or a special file is not saved. A service failure is a miss with a warning.
 */
export class GitLabPackageRunCache implements CacheStore {
  private readonly api: GitLabApi
  private readonly packages: GitLabPackageArtifactStore
  private jobRef: Promise<string> | undefined

  constructor(
    private readonly options: GitLabPackageRunCacheOptions & { logger: Pick<Logger, 'info' | 'warning'> }
  ) {
    this.api = new GitLabApi(options)
    // Its uploads are packages of no run: the pipeline it would list is never asked for.
    this.packages = new GitLabPackageArtifactStore({ ...options, pipelineId: 0 })
  }

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<string | undefined> {
    validateCacheRequest(paths, key, restoreKeys)
    try {
      const refs = [...new Set([await this.ownRef(), this.options.defaultBranch])]
      const found = (await this.exactEntry(paths, key, refs)) ?? (await this.newestEntryStartingWith(paths, restoreKeys, refs))
      if (!found) return undefined
      await this.unpack(found.pkg, paths)
      return found.key
    } catch (error) {
      this.options.logger.warning(`Run-cache restore for key "${key}" from the package registry failed; continuing without it: ${messageOf(error)}`)
      return undefined
    }
  }

  async save(paths: string[], key: string): Promise<boolean> {
    validateCacheRequest(paths, key)
    const staging = await mkdtemp(join(tmpdir(), 'model-ci-run-cache-'))
    try {
      const files: string[] = []
      for (const [index, path] of paths.entries()) {
        const listed = await regularFilesUnder(path)
        if (listed === undefined) continue
        if (listed === 'not regular') {
          this.options.logger.warning(`Run-cache entry "${key}" was not saved: ${path} holds a symbolic link or a special file, which the package registry does not keep`)
          return false
        }
        // The archive is read through links named for each path's index.
        await symlink(path, join(staging, String(index)))
        files.push(...listed.map((file) => (file === '' ? String(index) : `${index}/${file}`)))
      }
      if (files.length === 0) {
        this.options.logger.warning(`Run-cache entry "${key}" was not saved: none of its paths exist (${paths.join(', ')})`)
        return false
      }
      await this.packages.uploadPackage(RUN_CACHE_PACKAGE, entryVersion(key, this.pathsNamed(paths), await this.ownRef()), staging, files.sort(), { sideFiles: false })
      return true
    } catch (error) {
      this.options.logger.warning(`Run-cache entry "${key}" was not saved to the package registry: ${messageOf(error)}`)
      return false
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }

  /** The entry of `key` saved by a pipeline of one of `refs`, the first ref first. */
  private async exactEntry(paths: string[], key: string, refs: string[]): Promise<{ key: string; pkg: GenericPackage } | undefined> {
    for (const ref of refs) {
      const version = entryVersion(key, this.pathsNamed(paths), ref)
      let match: GenericPackage | undefined
      await this.api.paginate(this.api.projectPath('/packages'), { package_type: 'generic', package_name: RUN_CACHE_PACKAGE, package_version: version }, packageSchema, (page) => {
        match ??= page.find((pkg) => pkg.name === RUN_CACHE_PACKAGE && pkg.version === version)
      })
      if (match && savedBy(match, ref)) return { key, pkg: match }
    }
    return undefined
  }

  /** The newest entry, among the latest few hundred, whose key starts with a restore key and whose version names one of `refs`. */
  private async newestEntryStartingWith(paths: string[], restoreKeys: string[], refs: string[]): Promise<{ key: string; pkg: GenericPackage } | undefined> {
    if (restoreKeys.length === 0) return undefined
    const tails = new Map(refs.map((ref) => [`.${scopeOf(this.pathsNamed(paths), ref)}`, ref]))
    let found: { key: string; pkg: GenericPackage } | undefined
    let pages = 0
    await this.api.paginate(this.api.projectPath('/packages'), { package_type: 'generic', package_name: RUN_CACHE_PACKAGE, order_by: 'created_at', sort: 'desc' }, packageSchema, (page) => {
      for (const pkg of page) {
        if (pkg.name !== RUN_CACHE_PACKAGE) continue
        const tail = pkg.version.slice(pkg.version.lastIndexOf('.'))
        const ref = tails.get(tail)
        const key = decodeKey(pkg.version.slice(0, -tail.length))
        if (ref !== undefined && key !== undefined && restoreKeys.some((prefix) => key.startsWith(prefix)) && savedBy(pkg, ref)) {
          found = { key, pkg }
          return false
        }
      }
      pages += 1
      return pages < RESTORE_KEY_PAGES
    })
    return found
  }

  /** Downloads the entry (its digest checked) and moves each path's files into place. */
  private async unpack(pkg: GenericPackage, paths: string[]): Promise<void> {
    const staging = await mkdtemp(join(tmpdir(), 'model-ci-run-cache-'))
    try {
      await this.packages.downloadPackage(pkg, join(staging, 'files'))
      for (const [index, path] of paths.entries()) {
        const saved = join(staging, 'files', String(index))
        if (!(await lstat(saved).catch(() => undefined))) continue
        await rm(path, { recursive: true, force: true })
        await mkdir(dirname(path), { recursive: true })
        await rename(saved, path)
      }
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }

  /** The paths as the entry's version names them: relative to the repository when inside it. */
  private pathsNamed(paths: string[]): string[] {
    return paths.map((path) => {
      const inside = relative(this.options.repositoryRoot, path)
      return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path
    })
  }

  /** The ref GitLab records for the job's pipeline (a merge request pipeline's is `refs/merge-requests/<iid>/head`). */
  private ownRef(): Promise<string> {
    this.jobRef ??= pipelineOfJobToken(this.api).then((pipeline) => {
      if (!pipeline.ref) throw new Error(`GitLab gives the job's pipeline ${pipeline.id} no ref`)
      return pipeline.ref
    })
    return this.jobRef
  }
}

/** `r<key>.<scope>`, or `k<hex of the key>.<scope>` when GitLab would not take the key as a version. */
function entryVersion(key: string, paths: string[], ref: string): string {
  const scope = scopeOf(paths, ref)
  return PACKAGE_VERSION.test(`r${key}.${scope}`) ? `r${key}.${scope}` : `k${Buffer.from(key).toString('hex')}.${scope}`
}

function decodeKey(keyPart: string): string | undefined {
  if (keyPart.startsWith('r')) return keyPart.slice(1)
  const hex = keyPart.slice(1)
  return keyPart.startsWith('k') && /^(?:[0-9a-f]{2})+$/.test(hex) ? Buffer.from(hex, 'hex').toString() : undefined
}

/** What besides the key tells entries apart: the paths and the ref that saved it. */
function scopeOf(paths: string[], ref: string): string {
  return `s${createHash('sha256').update(JSON.stringify({ paths, ref })).digest('hex').slice(0, 24)}`
}

/** Whether GitLab records a pipeline of `ref` as the package's uploader. */
function savedBy(pkg: GenericPackage, ref: string): boolean {
  return pkg.pipeline?.ref === ref
}

/**
 * The regular files under `path`, relative to it ('' when it is a file), sorted; undefined when
 * nothing is there, 'not regular' when it holds anything else.
 */
async function regularFilesUnder(path: string): Promise<string[] | 'not regular' | undefined> {
  const stats = await lstat(path).catch(() => undefined)
  if (!stats) return undefined
  if (stats.isFile()) return ['']
  if (!stats.isDirectory()) return 'not regular'
  const files: string[] = []
  const walk = async (directory: string, prefix: string): Promise<boolean> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!(await walk(join(directory, entry.name), `${prefix}${entry.name}/`))) return false
      } else if (entry.isFile()) files.push(`${prefix}${entry.name}`)
      else return false
    }
    return true
  }
  return (await walk(path, '')) ? files.sort() : 'not regular'
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
