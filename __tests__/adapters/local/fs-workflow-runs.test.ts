/** The local twin of GitHub's workflow runs: `.model-ci/runs/<id>.json`, written by the CLI. */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FsWorkflowRuns, LOCAL_WORKFLOW_ID } from '../../../src/adapters/local/fs-workflow-runs.js'
import { UserError } from '../../../src/errors.js'
import type { RunContext } from '../../../src/ports/event.js'

const MAIN_SHA = 'a'.repeat(40)
const BRANCH_SHA = 'b'.repeat(40)

let repo: string
beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'model-ci-fs-runs-'))
})
afterEach(() => rm(repo, { recursive: true, force: true }))

function pushContext(sha: string): RunContext {
  return {
    eventName: 'push',
    trigger: { kind: 'push', before: '0'.repeat(40), after: sha, ref: 'refs/heads/main' },
    sha,
    defaultBranch: 'main',
    repository: { owner: 'local', repo: 'models' }
  }
}

function pullRequestContext(): RunContext {
  return {
    eventName: 'pull_request',
    trigger: { kind: 'pull_request', baseSha: MAIN_SHA, baseRef: 'main', headSha: BRANCH_SHA },
    sha: BRANCH_SHA,
    defaultBranch: 'main',
    repository: { owner: 'local', repo: 'models' }
  }
}

test('a run begins in progress with the next id and ends with its conclusion', async () => {
  const runs = new FsWorkflowRuns(repo, () => new Date('2026-11-27T10:00:00Z'))
  const first = await runs.begin({ context: pushContext(MAIN_SHA), headBranch: 'main', models: ['churn', 'fraud'] })
  expect(first).toMatchObject({
    id: 1,
    workflowId: LOCAL_WORKFLOW_ID,
    headSha: MAIN_SHA,
    headBranch: 'main',
    event: 'push',
    status: 'in_progress',
    conclusion: null,
    createdAt: '2026-11-27T10:00:00.000Z',
    models: ['churn', 'fraud']
  })
  expect(first.url).toBe(`file://${join(repo, '.model-ci', 'runs', '1.json')}`)
  expect(await runs.listCompleted({ limit: 10 })).toEqual([])

  const second = await runs.begin({ context: pullRequestContext(), headBranch: 'feature', models: ['fraud'] })
  expect(second).toMatchObject({ id: 2, headSha: BRANCH_SHA, event: 'pull_request', headBranch: 'feature' })

  await runs.finish(1, 'success')
  expect(await runs.get(1)).toMatchObject({ status: 'completed', conclusion: 'success', context: pushContext(MAIN_SHA) })
  expect((await runs.get(2))?.status).toBe('in_progress')
})

test('runs begun at the same moment get different ids, and nothing half-written is left behind', async () => {
  const runs = new FsWorkflowRuns(repo)
  const begun = await Promise.all(Array.from({ length: 12 }, () => runs.begin({ context: pushContext(MAIN_SHA), headBranch: 'main', models: [] })))
  expect(begun.map((run) => run.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
  // A second reader of the same folder sees every run.
  expect((await new FsWorkflowRuns(repo).get(12))?.id).toBe(12)
  expect((await readdir(join(repo, '.model-ci', 'runs'))).sort()).toEqual(begun.map((run) => `${run.id}.json`).sort())
})

test('listCompleted gives completed runs newest first, filtered and limited', async () => {
  const runs = new FsWorkflowRuns(repo)
  await runs.begin({ context: pushContext(MAIN_SHA), headBranch: 'main', models: [] }) // 1
  await runs.begin({ context: pullRequestContext(), headBranch: 'feature', models: [] }) // 2
  await runs.begin({ context: pushContext(BRANCH_SHA), headBranch: 'main', models: [] }) // 3
  await runs.begin({ context: pushContext(BRANCH_SHA), headBranch: 'main', models: [] }) // 4, never finished
  await runs.finish(1, 'success')
  await runs.finish(2, 'success')
  await runs.finish(3, 'failure')

  const ids = async (filter: Parameters<FsWorkflowRuns['listCompleted']>[0]) => (await runs.listCompleted(filter)).map((run) => run.id)
  expect(await ids({ limit: 10 })).toEqual([3, 2, 1])
  expect(await ids({ limit: 2 })).toEqual([3, 2])
  expect(await ids({ branch: 'main', event: 'push', limit: 10 })).toEqual([3, 1])
  expect(await ids({ headSha: BRANCH_SHA, limit: 10 })).toEqual([3, 2])
  expect(await ids({ workflowId: LOCAL_WORKFLOW_ID, branch: 'feature', limit: 10 })).toEqual([2])
  expect(await ids({ workflowId: 99, limit: 10 })).toEqual([])
  expect((await runs.listCompleted({ branch: 'main', limit: 1 }))[0]).toMatchObject({ conclusion: 'failure' })
})

test('an unknown run is undefined, and a record that is not one is named in the error', async () => {
  const runs = new FsWorkflowRuns(repo)
  expect(await runs.get(5)).toBeUndefined()
  expect(await runs.get(0)).toBeUndefined()
  await runs.begin({ context: pushContext(MAIN_SHA), headBranch: 'main', models: [] })
  const file = join(repo, '.model-ci', 'runs', '1.json')
  await writeFile(file, '{"id": 1, "status": "completed"}')
  await expect(runs.get(1)).rejects.toThrow(UserError)
  await expect(runs.listCompleted({ limit: 5 })).rejects.toThrow(`${file}: it is not a run record`)
  await writeFile(file, 'not json')
  await expect(runs.get(1)).rejects.toThrow(file)
  // The next run still takes a new id rather than the broken record's.
  expect((await runs.begin({ context: pushContext(MAIN_SHA), headBranch: 'main', models: [] })).id).toBe(2)
})
