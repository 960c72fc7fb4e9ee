// The synthetic model monorepos the peers were measured on, made by ../shared/bench/make-monorepo.sh and
// cached under the system temp folder: the large one takes a while to build and is the same every time.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'

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
  log(`building make-monorepo.sh ${params.join(' ')} (cached in ${dir})`)
  buildInto(dir, (scratch) => {
    const made = spawnSync('bash', [script, join(scratch, 'repo'), ...params.map(String)], { stdio: ['ignore', 2, 2] })
    if (made.status !== 0) throw new Error(`make-monorepo.sh ${params.join(' ')} failed (exit ${made.status ?? made.signal})`)
  })
}

function buildInto(dir, make) {
  mkdirSync(CACHE_DIR, { recursive: true })
  const scratch = mkdtempSync(join(CACHE_DIR, 'building-'))
  try {
    make(scratch)
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true })
    throw error
  }
  try {
    renameSync(scratch, dir)
  } catch (error) {
    // Another run finished the same build first; use its copy.
    rmSync(scratch, { recursive: true, force: true })
    if (!existsSync(join(dir, 'repo.meta', 'merge-base-sha'))) throw error
  }
}

/** model-ci.yml of the shared variant: everything under scripts/ is an input of every model. */
const SHARED_CONFIG = 'shared:\n  - scripts/**\n'
// Fixed, so that the variant's commits have the same ids every time.
const VARIANT_IDENTITY = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_AUTHOR_DATE: '1700000300 +0000',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_DATE: '1700000300 +0000'
}

/**
 * `fixture` (a make-monorepo.sh repository: main, and feature one commit on top) where the pull
 * request also changes a file every model depends on through `shared`: both commits get a
 * model-ci.yml with `shared: [scripts/**]` and a scripts/prep.py, which feature changes. The diff is
 * the fixture's plus that file, and every model at the head is to train. Cached beside the fixture.
 */
export function touchedThroughShared(fixture, log) {
  return sharedVariant(fixture, log, { suffix: 'shared', describe: 'the shared variant' })
}

/**
 * A tiny real training, the same file for every model: a threshold on column `a` of the model's
 * data/training_data/x.csv that best predicts `y`, written as the model, with its accuracy and loss
 * as the metrics. Standard library only: it needs no venv and no pip. With TRACE_FILE set it appends
 * the model's name there, so that a benchmark counts the trainings that really ran.
 */
export const TINY_TRAIN_PY = `import csv, json, os
if "TRACE_FILE" in os.environ:
    with open(os.environ["TRACE_FILE"], "a") as trace:
        trace.write(os.environ["MODEL_CI_MODEL"] + "\\n")
rows = []
with open("data/training_data/x.csv") as data:
    for row in csv.reader(line for line in data if not line.startswith("#")):
        if row and row[0] != "a":
            rows.append((float(row[0]), int(row[2])))
def accuracy(t):
    return sum((a > t) == bool(y) for a, y in rows) / len(rows)
threshold = max(sorted({a for a, _ in rows}), key=accuracy)
with open(os.path.join(os.environ["MODEL_CI_OUTPUT_DIR"], "model.json"), "w") as model:
    json.dump({"feature": "a", "threshold": threshold}, model)
with open(os.environ["MODEL_CI_METRICS_FILE"], "w") as metrics:
    json.dump({"accuracy": accuracy(threshold), "loss": 1 - accuracy(threshold)}, metrics)
`

/**
 * The shared variant (see touchedThroughShared) whose models really train: every model's
 * src/train.py is TINY_TRAIN_PY and its src/requirements.txt (scikit-learn, from the network) is
 * gone, in both commits. Cached beside the fixture.
 */
export function trainableThroughShared(fixture, log) {
  // The training's hash in the folder's name: a changed training builds a new variant.
  const trainHash = createHash('sha256').update(TINY_TRAIN_PY).digest('hex').slice(0, 12)
  return sharedVariant(fixture, log, { suffix: `shared-trainable-${trainHash}`, describe: 'the trainable shared variant', trainable: true })
}

function sharedVariant(fixture, log, { suffix, describe, trainable = false }) {
  const dir = `${dirname(fixture.repo)}-${suffix}`
  if (!existsSync(join(dir, 'repo.meta', 'merge-base-sha'))) {
    log(`building ${describe} of make-monorepo.sh ${fixture.params.join(' ')} (cached in ${dir})`)
    buildInto(dir, (scratch) => buildSharedVariant(fixture, scratch, trainable))
  }
  return { repo: join(dir, 'repo'), meta: readMeta(join(dir, 'repo.meta')), params: fixture.params, variant: suffix }
}

function buildSharedVariant(fixture, scratch, trainable) {
  const repo = join(scratch, 'repo')
  const index = join(scratch, 'index')
  const git = (args, env = {}, input = undefined) => {
    const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env }, input, maxBuffer: 64 * 1024 * 1024 })
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`)
    return result.stdout.trim()
  }
  const blob = (name, text) => {
    writeFileSync(join(scratch, name), text)
    return git(['hash-object', '-w', join(scratch, name)])
  }
  // Hard links to the fixture's objects: the clone is quick and small.
  const cloned = spawnSync('git', ['clone', '--quiet', '--local', '--no-checkout', fixture.repo, repo], { stdio: ['ignore', 2, 2] })
  if (cloned.status !== 0) throw new Error(`git clone of ${fixture.repo} failed`)
  git(['remote', 'remove', 'origin'])
  const config = blob('model-ci.yml', SHARED_CONFIG)
  const trainPy = trainable ? blob('train.py', TINY_TRAIN_PY) : undefined
  // The commit on top of `commit`'s tree with model-ci.yml and scripts/prep.py (and, trainable, every model's training).
  const withShared = (commit, prep, parents) => {
    git(['read-tree', commit], { GIT_INDEX_FILE: index })
    const entries = [`100644 ${config}\tmodel-ci.yml`, `100644 ${prep}\tscripts/prep.py`]
    if (trainPy) {
      const models = git(['ls-tree', '-d', '--name-only', '-z', `${commit}:models`]).split('\0').filter(Boolean)
      for (const model of models) {
        entries.push(`100644 ${trainPy}\tmodels/${model}/src/train.py`, `0 ${'0'.repeat(40)}\tmodels/${model}/src/requirements.txt`)
      }
    }
    git(['update-index', '--index-info'], { GIT_INDEX_FILE: index }, entries.map((entry) => `${entry}\n`).join(''))
    const tree = git(['write-tree'], { GIT_INDEX_FILE: index })
    return git(['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-m', `${commit} with a shared script`], VARIANT_IDENTITY)
  }
  const base = withShared(fixture.meta.baseSha, blob('prep-1.py', 'print("prepare")\n'), [])
  const head = withShared(fixture.meta.headSha, blob('prep-2.py', 'print("prepare, v2")\n'), [base])
  git(['update-ref', 'refs/heads/main', base])
  git(['update-ref', 'refs/heads/feature', head])
  git(['checkout', '--quiet', '--force', 'feature'])
  const present = git(['ls-tree', '-d', '--name-only', '-z', `${head}:models`]).split('\0').filter(Boolean)
  const meta = join(scratch, 'repo.meta')
  mkdirSync(meta)
  const lines = (names) => names.map((name) => `${name}\n`).join('')
  writeFileSync(join(meta, 'base-sha'), `${base}\n`)
  writeFileSync(join(meta, 'head-sha'), `${head}\n`)
  writeFileSync(join(meta, 'merge-base-sha'), `${base}\n`)
  writeFileSync(join(meta, 'expected-present.txt'), lines(present.map((name) => `models/${name}`).sort()))
  writeFileSync(join(meta, 'expected-deleted.txt'), lines(fixture.meta.expectedDeleted.map((name) => `models/${name}`)))
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
