// The synthetic model monorepos the peers were measured on, made by ../shared/bench/make-monorepo.sh and
// cached under the system temp folder: the large one takes a while to build and is the same every time.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'

const CACHE_DIR = join(tmpdir(), 'model-ci-bench')

/** Where make-monorepo.sh is: beside the repository in ../shared/bench, else $MODEL_CI_BENCH_MAKE_MONOREPO. */
export function findMakeMonorepo(repoRoot) {
  const beside = resolve(repoRoot, '../shared/bench/make-monorepo.sh')
  if (existsSync(beside)) return beside
  const fromEnv = process.env.MODEL_CI_BENCH_MAKE_MONOREPO
  if (fromEnv && existsSync(fromEnv)) return resolve(fromEnv)
  throw new Error(`make-monorepo.sh is neither at ${beside} nor at $MODEL_CI_BENCH_MAKE_MONOREPO`)
}

/**
 * Returns `{ repo, meta }` for `make-monorepo.sh PATH ...params`, building it on first use. The cache key
 * holds the parameters and a hash of the script, so a changed script builds a new repository.
 * `meta` has the SHAs and the expected model names (directory basenames) that make-monorepo.sh wrote.
 */
export function monorepo(repoRoot, params, log) {
  const script = findMakeMonorepo(repoRoot)
  const scriptHash = createHash('sha256').update(readFileSync(script)).digest('hex').slice(0, 12)
  const dir = join(CACHE_DIR, `monorepo-${params.join('-')}-${scriptHash}`)
  if (!existsSync(join(dir, 'repo.meta', 'merge-base-sha'))) build(script, params, dir, log)
  return { repo: join(dir, 'repo'), meta: readMeta(join(dir, 'repo.meta')), params }
}

// Built in a scratch folder and renamed into place, so an interrupted or concurrent build never leaves a
// half-made repository where the next run would reuse it.
function build(script, params, dir, log) {
  mkdirSync(CACHE_DIR, { recursive: true })
  const scratch = mkdtempSync(join(CACHE_DIR, 'building-'))
  log(`building make-monorepo.sh ${params.join(' ')} (cached in ${dir})`)
  const made = spawnSync('bash', [script, join(scratch, 'repo'), ...params.map(String)], { stdio: ['ignore', 2, 2] })
  if (made.status !== 0) {
    rmSync(scratch, { recursive: true, force: true })
    throw new Error(`make-monorepo.sh ${params.join(' ')} failed (exit ${made.status ?? made.signal})`)
  }
  try {
    renameSync(scratch, dir)
  } catch (error) {
    // Another run finished the same build first; use its copy.
    rmSync(scratch, { recursive: true, force: true })
    if (!existsSync(join(dir, 'repo.meta', 'merge-base-sha'))) throw error
  }
}

function readMeta(metaDir) {
  const read = (name) => readFileSync(join(metaDir, name), 'utf8')
  const modelNames = (name) => read(name).split('\n').filter(Boolean).map((dir) => basename(dir)).sort()
  return {
    baseSha: read('base-sha').trim(),
    headSha: read('head-sha').trim(),
    mergeBaseSha: read('merge-base-sha').trim(),
    expectedPresent: modelNames('expected-present.txt'),
    expectedDeleted: modelNames('expected-deleted.txt')
  }
}
