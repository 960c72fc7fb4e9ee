// A batched job's models `jobs` at a time (DESIGN.md section 9), through the bundle and the
// emulator: two models that can only succeed together (each waits for a file the other writes)
// train at once, a model failing beside them fails alone, each model's log comes out in one piece,
// and a model that installs into the runner's own Python makes its batch train one at a time.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ZERO_SHA } from '../../__fixtures__/events.js'
import { batchEntries, expectSuccess, runDetect } from './detect-helpers.js'
import type { ReportSuite } from './report-helpers.js'
import { commitFiles, metricsModel, pushJobEvent, runTrain, startReportSuite } from './report-helpers.js'
import { artifactRecord, buildWheel, expectTrained } from './train-helpers.js'

/** How long each of the pair waits for the other before it fails: far more than either takes. */
const MEETING_SECONDS = 20

/**
 * A model whose training succeeds only if `other` trains at the same time: each leaves a file for
 * the other in RENDEZVOUS_DIR. With `requirements`, it trains in a venv of its own and first says
 * where it imports tinydep from.
 */
function meetingModel(name: string, other: string, requirements?: string): Record<string, string> {
  const importing = requirements === undefined ? [] : ['import tinydep', `print(f"${name} imports tinydep from {tinydep.__file__}")`]
  const train = [
    'import json, os, pathlib, sys, time',
    ...importing,
    'meeting = pathlib.Path(os.environ["RENDEZVOUS_DIR"])',
    `(meeting / ${JSON.stringify(name)}).write_text("here")`,
    `print(${JSON.stringify(`${name} is here, waiting for ${other}`)})`,
    `deadline = time.monotonic() + ${MEETING_SECONDS}`,
    `while not (meeting / ${JSON.stringify(other)}).exists():`,
    '    if time.monotonic() > deadline:',
    `        print(${JSON.stringify(`${other} did not train while ${name} did`)}, file=sys.stderr)`,
    '        sys.exit(5)',
    '    time.sleep(0.05)',
    `print(${JSON.stringify(`${name} met ${other}`)})`,
    'with open(os.environ["MODEL_CI_METRICS_FILE"], "w") as f:',
    '    json.dump({"accuracy": 0.5}, f)',
    ''
  ].join('\n')
  if (requirements === undefined) return { [`models/${name}/src/train.py`]: train, [`models/${name}/model.yml`]: 'venv: false\ncache: false\n' }
  return { [`models/${name}/src/train.py`]: train, [`models/${name}/src/requirements.txt`]: requirements, [`models/${name}/model.yml`]: 'cache: false\n' }
}

let suite: ReportSuite
let sha: string
let wheels: string

beforeAll(async () => {
  suite = await startReportSuite('batch-jobs')
  sha = await commitFiles(suite.workspace, {
    ...meetingModel('left', 'right'),
    ...meetingModel('right', 'left'),
    ...metricsModel('broken', 'fail'),
    // On a runner of their own: shared-python installs its requirements into the runner's Python.
    ...metricsModel('shared-python', { accuracy: 0.25 }, 'runs-on: other-runner\n'),
    'models/shared-python/src/requirements.txt': '',
    ...metricsModel('plain', { accuracy: 0.25 }, 'runs-on: other-runner\n'),
    // The same requirements: two venvs built at once, each under its own dependency-cache key.
    ...meetingModel('twin-a', 'twin-b', 'tinydep==1.0\n'),
    ...meetingModel('twin-b', 'twin-a', 'tinydep==1.0\n')
  })
  wheels = join(suite.scratch, 'wheels')
  await buildWheel(wheels, 'tinydep', '1.0', 'VALUE = 42\n')
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

test('`jobs: 2` trains two models of a batch at once; one failing beside them fails alone; each log reads in one piece', async () => {
  const meeting = mkdtempSync(join(suite.scratch, 'meeting-'))
  // As the shipped workflow passes a batch entry: `model` empty, `models` and `jobs` from the matrix.
  // left and broken start; when broken fails, right starts, and only then can left finish.
  const job = await runTrain(suite, { model: '', sha, inputs: { models: 'left broken right', jobs: '2' }, env: { RENDEZVOUS_DIR: meeting } })

  expect(job.exitCode).toBe(1)
  expect(job.errors.map((error) => error.message.split('\n')[0])).toEqual([expect.stringMatching(/^model-ci train broken: the train phase failed/)])
  // The outputs keep the entry's order, whatever order the trainings ended in.
  expect(Object.keys(JSON.parse(job.outputs['artifact-name']))).toEqual(['left', 'broken', 'right'])
  expect(JSON.parse(job.outputs.metrics)).toEqual({ left: { accuracy: 0.5 }, broken: {}, right: { accuracy: 0.5 } })
  expect(job.summary).toContain('**2 of 3 models trained, 1 failed.**')
  for (const model of ['left', 'broken', 'right']) artifactRecord(suite.gh, job.runId, `model-ci-${model}`)

  const lines = job.stdout.split('\n')
  const started = lines.flatMap((line) => /^model-ci train: (\S+) \(\d of 3\) started, 2 at a time: its log follows when it ends$/.exec(line)?.[1] ?? [])
  expect(started).toEqual(['left', 'broken', 'right'])
  // Each model's log comes after the line saying it ended, up to the next one: its groups, its
  // output, nobody else's.
  const ends = lines.flatMap((line, index) => (/^model-ci train: \S+ \(\d of 3\) ended after [\d.]+ s; its log:$/.test(line) ? [index] : []))
  const ended = ends.map((index) => /^model-ci train: (\S+)/.exec(lines[index])?.[1])
  // broken first; left and right end together, in either order.
  expect([ended[0], [...ended.slice(1)].sort()]).toEqual(['broken', ['left', 'right']])
  const pieces = ends.map((start, turn) => ({ model: /^model-ci train: (\S+)/.exec(lines[start])?.[1] as string, lines: lines.slice(start + 1, ends[turn + 1]) }))
  for (const piece of pieces) {
    const groups = piece.lines.filter((line) => line.startsWith('::group::'))
    expect(groups).toEqual(expect.arrayContaining([`::group::Train ${piece.model}: python src/train.py`]))
    for (const group of groups) expect(group).toContain(` ${piece.model}`)
    expect(piece.lines.filter((line) => line.startsWith('::group::')).length).toBe(piece.lines.filter((line) => line === '::endgroup::').length)
    expect(piece.lines).toContain(`Uploading model-ci-${piece.model}: ${piece.model === 'broken' ? 0 : 1} file(s) and manifest.json`)
  }
  const pieceOf = (model: string) => pieces.find((piece) => piece.model === model)?.lines ?? []
  expect(pieceOf('left')).toEqual(expect.arrayContaining(['left is here, waiting for right', 'left met right']))
  expect(pieceOf('left').join('\n')).not.toContain('right is here')
  expect(pieceOf('broken')).toContain('the data is gone')
}, 120_000)

test('past max-jobs with `jobs: 2`, a batch with a model that installs into the runner\'s Python trains one at a time, and so does train', async () => {
  const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push', status: 'in_progress' }).id
  const { env, token } = suite.gh.runnerEnv({ runId, jobId: 'detect' })
  const run = await runDetect(suite.workspace, pushJobEvent(ZERO_SHA, sha), { 'max-jobs': '2', jobs: '2' }, { env, token, runId, jobId: 'detect', sha, runnerTemp: suite.runnerTemp })
  expectSuccess(run)
  expect(batchEntries(run).map((entry) => [entry['runs-on'], entry.models, entry.jobs])).toEqual([
    ['ubuntu-latest', ['broken', 'left', 'right', 'twin-a', 'twin-b'], 2],
    ['other-runner', ['plain', 'shared-python'], 1]
  ])
  expect(run.summary).toContain("Each job trains up to **2** of its models at once (`jobs`) (1 job one at a time: a model of it has `venv: false` and requirements, which install into the runner's Python).")

  // train says so too, whatever `jobs` it is given: the models train in turn.
  const job = await runTrain(suite, { model: '', sha, runId, inputs: { models: 'plain shared-python', jobs: '2' } })
  expect(job.exitCode).toBe(0)
  expect(job.stdout).toContain("model-ci train: the models train one at a time, not 2 at once: shared-python has venv: false, so its requirements install into the runner's own Python")
  expect(job.stdout).toMatch(/^model-ci train: plain \(1 of 2\)$/m)
  expect(job.stdout).not.toContain('at a time: its log follows')
}, 120_000)

test('two models with the same requirements, set up at once, each build, cache and restore a venv of their own', async () => {
  const models = ['twin-a', 'twin-b']
  const trainTwins = () =>
    runTrain(suite, { model: '', sha, inputs: { models: models.join(' '), jobs: '2', 'pip-args': `--no-index --find-links ${wheels}` }, env: { RENDEZVOUS_DIR: mkdtempSync(join(suite.scratch, 'meeting-')) } })
  const venvOf = (model: string) => join(suite.runnerTemp, 'model-ci', 'venvs', model)
  const cacheEntries = () => suite.gh.state.caches.filter((entry) => entry.finalized && models.some((model) => entry.key.startsWith(`model-ci-deps-v1-${model}-`)))

  const built = await trainTwins()
  expectTrained(built)
  for (const model of models) {
    expect(built.stdout).toContain(`${model} met ${model === 'twin-a' ? 'twin-b' : 'twin-a'}`)
    expect(built.stdout).toMatch(new RegExp(`^${model} imports tinydep from ${venvOf(model).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/lib/`, 'm'))
  }
  const saved = cacheEntries().map((entry) => entry.key)
  expect(saved.map((key) => /^model-ci-deps-v1-(twin-[ab])-/.exec(key)?.[1]).sort()).toEqual(models)

  // A fresh runner, and no wheels to install from: each venv can only come back from its own entry.
  for (const model of models) rmSync(venvOf(model), { recursive: true, force: true })
  renameSync(wheels, `${wheels}-aside`)
  try {
    const restored = await trainTwins()
    expectTrained(restored)
    for (const key of saved) expect(restored.stdout).toContain(`cache hit (${key}), pip not run`)
    expect(cacheEntries()).toHaveLength(2)
  } finally {
    renameSync(`${wheels}-aside`, wheels)
  }
}, 180_000)
