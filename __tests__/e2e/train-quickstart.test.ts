// `train` on the quick-start example: one matrix job trains one model with the real Python of the
// machine, uploads its artifact to the emulator, and a second job with the same fingerprint is a
// run-cache hit that trains nothing.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { cpSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { exampleRepository, pushEvent } from '../../__fixtures__/events.js'
import type { Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import { ACTION_ROOT, runJob } from '../harness/job-runner.js'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { ensureBundle } from './detect-helpers.js'

let tempDir: string
let gh: Emulator
let workspace: string
let sha: string

beforeAll(async () => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-train-quickstart-')
  workspace = join(tempDir, 'repo')
  cpSync(join(ACTION_ROOT, 'examples', 'quickstart'), workspace, { recursive: true })
  await git(workspace, ['init', '-q', '-b', 'main'])
  await git(workspace, ['add', '-A'])
  await git(workspace, ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'example'])
  sha = (await git(workspace, ['rev-parse', 'HEAD'])).trim()
  gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main' })
})
afterAll(async () => {
  await gh.close()
  removeDir(tempDir)
})

async function trainJob(runId: number, runnerTemp: string) {
  const { env, token } = gh.runnerEnv({ runId, jobId: 'train' })
  return runJob({
    workspace,
    event: { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: '0'.repeat(40), after: sha }) },
    inputs: { command: 'train', model: 'fraud', python: 'python3' },
    env,
    token,
    runId,
    sha,
    runnerTemp
  })
}

test('trains the model, uploads its artifact with the manifest, then reuses it on a run-cache hit', async () => {
  const runnerTemp = join(tempDir, 'runner-temp')
  mkdirSync(runnerTemp, { recursive: true })
  const first = gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push' })
  const trained = await trainJob(first.id, runnerTemp)
  expect(trained.stderr).toBe('')
  expect(trained.annotations.filter((a) => a.level === 'error')).toEqual([])
  expect(trained.exitCode).toBe(0)
  expect(trained.outputs['artifact-name']).toBe('model-ci-fraud')
  expect(trained.outputs['cache-hit']).toBe('false')
  expect(JSON.parse(trained.outputs.metrics)).toEqual({ accuracy: expect.any(Number), 'test.log_loss': expect.any(Number) })
  expect(trained.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
  expect(trained.stdout).toContain('trained 3 centroids on 300 rows')

  const second = gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push' })
  const reused = await trainJob(second.id, runnerTemp)
  expect(reused.exitCode).toBe(0)
  expect(reused.outputs['cache-hit']).toBe('true')
  expect(reused.stdout).not.toContain('trained 3 centroids')
  expect(reused.outputs.metrics).toBe(trained.outputs.metrics)
  expect(readFileSync(join(workspace, 'models', 'fraud', 'outputs', 'model.json'), 'utf8')).toContain('centroids')
})
