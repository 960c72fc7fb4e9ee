// `train` installing a model's requirements for real: pip, offline, from wheels the test builds
// (`pip-args: --no-index --find-links ...`). The first job misses the dependency cache, installs
// and saves the venv; the next job restores it and runs no pip at all (the wheels are gone by
// then, so a pip run would fail); on a pull request, changed requirements restore the older venv
// by its prefix and install only what is new on top; on the default branch only the exact key counts.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pullRequestEvent } from '../../__fixtures__/events.js'
import { git } from '../harness/git-repo.js'
import { TEST_PYTHON } from '../harness/python.js'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import { artifactRecord, buildWheel, cleanCheckout, commitFiles, downloadArtifact, expectTrained, runTrain, startTrainSuite } from './train-helpers.js'

// Lines only a pip run prints.
const PIP_OUTPUT = /Looking in links|Processing .*\.whl|Collecting |Installing collected packages|Successfully installed|Requirement already satisfied/

const TRAIN_PY = `import json, os
import tinydep
print(f"tinydep says {tinydep.VALUE} from {tinydep.__file__}")
metrics = {"value": tinydep.VALUE}
try:
    import otherdep
    metrics["other"] = otherdep.VALUE
except ImportError:
    pass
with open(os.environ["MODEL_CI_METRICS_FILE"], "w") as file:
    json.dump(metrics, file)
`

let suite: TrainSuite
let wheels: string
const venvDir = () => join(suite.runnerTemp, 'model-ci', 'venvs', 'deps')
const sitePackages = () => {
  const lib = join(venvDir(), 'lib')
  return join(lib, readdirSync(lib)[0], 'site-packages')
}

beforeAll(async () => {
  suite = await startTrainSuite('train-dependencies')
  wheels = join(suite.scratch, 'wheels')
  await buildWheel(wheels, 'tinydep', '1.0', 'VALUE = 42\n')
  await buildWheel(wheels, 'otherdep', '2.0', 'VALUE = 7\n')
})
afterAll(async () => {
  await suite.close()
})

/** A train job of `deps` on a push to main, or in pull request `pullRequest`'s run. */
async function trainDeps(sha: string, pullRequest?: number): Promise<TrainJob> {
  await cleanCheckout(suite.workspace)
  const inputs = { 'pip-args': `--no-index --find-links ${wheels}` }
  if (pullRequest === undefined) return runTrain(suite, { model: 'deps', sha, inputs })
  const base = await git(suite.workspace, ['rev-parse', 'HEAD~1'])
  suite.gh.addPullRequest({ number: pullRequest, head: { sha, ref: `feature-${pullRequest}` }, base: { sha: base, ref: 'main' } })
  const run = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: `feature-${pullRequest}`, event: 'pull_request', pull_requests: [pullRequest] })
  const event = { name: 'pull_request', payload: pullRequestEvent({ number: pullRequest, base: { ref: 'main', sha: base }, head: { ref: `feature-${pullRequest}`, sha } }) }
  return runTrain(suite, { model: 'deps', sha, inputs, runId: run.id, event })
}

async function manifestOf(job: TrainJob) {
  return (await downloadArtifact(suite, job.runId, Number(job.outputs['artifact-id']), job.outputs.digest)).manifest
}

test("a miss installs with pip and saves the venv; a hit restores it and runs no pip; a pull request's new requirements install on top", async () => {
  // cache: false keeps the run-cache out of the way: each job sets up Python and trains.
  const first = await commitFiles(suite.workspace, {
    'models/deps/model.yml': 'cache: false\n',
    'models/deps/src/train.py': TRAIN_PY,
    'models/deps/src/requirements.txt': 'tinydep==1.0\n'
  })

  const missed = await trainDeps(first)
  expectTrained(missed)
  expect(missed.stdout).toMatch(/Successfully installed tinydep-1\.0/)
  expect(missed.stdout).toContain(`tinydep says 42 from ${sitePackages()}`)
  expect((await manifestOf(missed)).cache).toEqual({ dependencies: 'miss', run: 'off' })
  expect(missed.summary).toMatch(/\| miss \| off \|/)
  const saved = suite.gh.state.caches.filter((entry) => entry.key.startsWith('model-ci-deps-v1-deps-') && entry.finalized)
  expect(saved).toHaveLength(1)

  // A fresh runner: no venv. With the wheels gone too, pip could not install tinydep again, so a
  // training that imports it proves the venv came back from the cache.
  rmSync(venvDir(), { recursive: true, force: true })
  renameSync(wheels, `${wheels}-aside`)
  try {
    const hit = await trainDeps(first)
    expectTrained(hit)
    expect(hit.stdout).not.toMatch(PIP_OUTPUT)
    expect(hit.stdout).toContain(`cache hit (${saved[0].key}), pip not run`)
    expect(hit.stdout).toContain(`tinydep says 42 from ${sitePackages()}`)
    expect(existsSync(join(sitePackages(), 'tinydep.py'))).toBe(true)
    const manifest = await manifestOf(hit)
    expect(manifest.cache).toEqual({ dependencies: 'hit', run: 'off' })
    expect(manifest.metrics).toEqual({ value: 42 })
    expect(hit.summary).toMatch(/\| hit \| off \|/)
    // Nothing new to save: the entry of the first job is still the only one.
    expect(suite.gh.state.caches.filter((entry) => entry.key.startsWith('model-ci-deps-v1-deps-'))).toHaveLength(1)
  } finally {
    renameSync(`${wheels}-aside`, wheels)
  }

  const second = await commitFiles(suite.workspace, { 'models/deps/src/requirements.txt': 'tinydep==1.0\notherdep==2.0\n' })
  const partial = await trainDeps(second, 3)
  expectTrained(partial)
  expect(partial.stdout).toMatch(/Requirement already satisfied: tinydep==1\.0/)
  expect(partial.stdout).toMatch(/Successfully installed otherdep-2\.0/)
  expect(partial.stdout).not.toMatch(/Successfully installed .*tinydep/)
  const manifest = await manifestOf(partial)
  expect(manifest.cache).toEqual({ dependencies: 'partial', run: 'off' })
  expect(manifest.metrics).toEqual({ value: 42, other: 7 })
  // The new requirements got an entry of their own.
  expect(suite.gh.state.caches.filter((entry) => entry.key.startsWith('model-ci-deps-v1-deps-') && entry.finalized)).toHaveLength(2)
  expect(artifactRecord(suite.gh, partial.runId, 'model-ci-deps').digest).toBe(partial.outputs.digest)
})

test("on the default branch a venv is restored only by its exact key: new requirements start from a new venv", async () => {
  // The venvs saved above are under the same prefix (same model, OS and Python); none has this key.
  const sha = await commitFiles(suite.workspace, { 'models/deps/src/requirements.txt': 'otherdep==2.0\ntinydep==1.0\n' })
  rmSync(venvDir(), { recursive: true, force: true })
  const job = await trainDeps(sha)
  expectTrained(job)
  expect(job.stdout).toMatch(/Successfully installed (otherdep-2\.0 tinydep-1\.0|tinydep-1\.0 otherdep-2\.0)/)
  expect((await manifestOf(job)).cache).toEqual({ dependencies: 'miss', run: 'off' })
})

test('a model without a requirements file gets no venv and no dependency cache', async () => {
  const sha = await commitFiles(suite.workspace, {
    'models/plain/src/train.py': 'import json, os, sys\nprint(sys.prefix)\njson.dump({"ok": 1}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))\n'
  })
  await cleanCheckout(suite.workspace)
  const job = await runTrain(suite, { model: 'plain', sha })
  expectTrained(job)
  expect(job.stdout).not.toMatch(PIP_OUTPUT)
  // The interpreter as it is (the test venv's), not a venv made for the model.
  expect(job.stdout.split('\n')).toContain(dirname(dirname(TEST_PYTHON)))
  expect(existsSync(join(suite.runnerTemp, 'model-ci', 'venvs', 'plain'))).toBe(false)
  expect(suite.gh.state.caches.some((entry) => entry.key.startsWith('model-ci-deps-v1-plain-'))).toBe(false)
  const manifest = await manifestOf(job)
  expect(manifest.cache.dependencies).toBe('none')
  expect(manifest.timings.install_s).toBeNull()
})
