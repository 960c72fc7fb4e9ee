// The shipped workflow past max-jobs: examples/ml-project's model-ci.yml run job by job (the
// workflow runner, the bundled action, the emulator as GitHub), with `max-jobs: 2` and `jobs: 2`
// added to its detect step, on a repository of five small models, two of them for a GPU runner and
// one that fails. The same train step that passes `matrix.model` passes `join(matrix.models, ' ')`
// and `matrix.jobs`: each batch trains its models two at a time, the failing one fails its job
// alone, and report and the ledger see every model.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { exampleRepository, pushEvent, ZERO_SHA } from '../../__fixtures__/events.js'
import type { Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import { GitOrigin, makeTempDir, removeDir } from '../harness/git-repo.js'
import { ACTION_ROOT } from '../harness/job-runner.js'
import { requireTestPython } from '../harness/python.js'
import { runWorkflow } from '../harness/workflow-runner.js'
import { ensureBundle } from './detect-helpers.js'
import { metricsModel } from './report-helpers.js'

const SHIPPED_WORKFLOW = join(ACTION_ROOT, 'examples', 'ml-project', '.github', 'workflows', 'model-ci.yml')
const CPU = ['alpha', 'bravo', 'charlie']
const GPU = ['gpu-a', 'gpu-b']
const BROKEN = 'bravo'

let tempDir: string
let gh: Emulator
let origin: GitOrigin
let workflowFile: string

beforeAll(async () => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-pipeline-batches-')
  gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main' })
  origin = await GitOrigin.create(tempDir)
  const files: Record<string, string> = {}
  for (const model of CPU) Object.assign(files, metricsModel(model, model === BROKEN ? 'fail' : { accuracy: 0.5 }))
  for (const model of GPU) Object.assign(files, metricsModel(model, { accuracy: 0.75 }, 'runs-on: gpu-runner\n'))
  await origin.commit('main', files, { message: 'five models' })
  // The shipped file as it is, but for max-jobs and jobs on its detect step.
  const shipped = readFileSync(SHIPPED_WORKFLOW, 'utf8')
  const withMaxJobs = shipped.replace(/^( +)command: detect\n/m, (line, indent: string) => `${line}${indent}max-jobs: 2\n${indent}jobs: 2\n`)
  if (withMaxJobs === shipped) throw new Error(`${SHIPPED_WORKFLOW} no longer has a "command: detect" step`)
  workflowFile = join(tempDir, 'model-ci.yml')
  writeFileSync(workflowFile, withMaxJobs)
})
afterAll(async () => {
  await gh?.close()
  removeDir(tempDir)
})

test('a push to main past max-jobs trains every model in two batched jobs, and reports and records each', async () => {
  const after = await origin.revParse('main')
  const result = await runWorkflow({ gh, origin, workflowFile, event: { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after }) }, python: requireTestPython() })

  const matrix = JSON.parse(result.job('detect').outputs.matrix) as { include: Array<{ batch: string; models: string[]; jobs: number; 'runs-on': string }> }
  expect(matrix.include.map((entry) => [entry.batch, entry['runs-on'], entry.models, entry.jobs])).toEqual([
    ['b001', 'ubuntu-latest', CPU, 2],
    ['b002', 'gpu-runner', GPU, 2]
  ])
  const cpuJob = result.job('train', { batch: 'b001' })
  const gpuJob = result.job('train', { batch: 'b002' })
  expect(gpuJob.result).toBe('success')
  expect(gpuJob.runsOn).toBe('gpu-runner')
  // The train step got the entry's jobs: two models at a time, charlie once alpha or bravo is done.
  for (const job of [cpuJob, gpuJob]) expect(job.log).toMatch(/^model-ci train: \S+ \(1 of \d\) started, 2 at a time: its log follows when it ends$/m)
  expect(cpuJob.log.indexOf('model-ci train: charlie (3 of 3) started')).toBeGreaterThan(cpuJob.log.indexOf('model-ci train: bravo (2 of 3) started'))
  // The broken model fails its job, and charlie trains all the same.
  expect(cpuJob.result).toBe('failure')
  const errors = cpuJob.steps.flatMap((step) => step.annotations).filter((annotation) => annotation.level === 'error')
  expect(errors.map((error) => error.message.split('\n')[0])).toEqual([expect.stringMatching(/^model-ci train bravo: the train phase failed/)])

  const artifacts = gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === result.runId && artifact.finalized).map((artifact) => artifact.name)
  expect(artifacts.sort()).toEqual([...[...CPU, ...GPU].map((model) => `model-ci-${model}`), 'model-ci-ledger'].sort())
  const report = result.job('report')
  expect(report.result).toBe('success')
  expect(report.log).toContain('Wrote model-ci-ledger (4 models, 4 trained in this run)')
  expect(report.summary).toContain('**5 models trained: 4 new, 1 failed.**')
  expect(result.conclusion).toBe('failure')
}, 150_000)
