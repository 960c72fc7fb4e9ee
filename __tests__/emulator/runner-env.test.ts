/**
 * What later suites do: a job runs as a child process with only `runnerEnv`'s variables, and
 * the test inspects the emulator afterwards. The child must be spawned asynchronously: the
 * emulator answers on the test's own event loop, so `spawnSync` would deadlock.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { startEmulator, type Emulator } from './index.js'
import { sha, tempDir, type TempDir } from './test-support.js'

const run = promisify(execFile)
let gh: Emulator
let temp: TempDir

// Uses only what a job's environment provides: no URL or token is passed in code.
const JOB = `
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DefaultArtifactClient } from '@actions/artifact'
import { saveCache } from '@actions/cache'
import { getOctokit } from '@actions/github'
const dir = process.env.RUNNER_TEMP
writeFileSync(join(dir, 'metrics.json'), '{"accuracy":0.9}')
const uploaded = await new DefaultArtifactClient().uploadArtifact('model-ci-fraud', [join(dir, 'metrics.json')], dir)
const cacheId = await saveCache([join(dir, 'metrics.json')], 'metrics-1')
const octokit = getOctokit(process.env.INPUT_TOKEN)
const [owner, repo] = process.env.GITHUB_REPOSITORY.split('/')
const { data: comment } = await octokit.rest.issues.createComment({ owner, repo, issue_number: 9, body: 'from the job' })
console.log(JSON.stringify({ artifactId: uploaded.id, cacheId, commentUrl: comment.html_url }))
`

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'models' })
  gh.addPullRequest({ number: 9, head: { sha: sha(9), ref: 'feature' }, base: { sha: sha(1), ref: 'main' } })
  temp = await tempDir('emulator-runner-env')
})

afterAll(async () => {
  await gh.close()
  await temp.remove()
})

describe('runnerEnv', () => {
  it('gives a child process everything it needs to reach the emulator', async () => {
    const workflowRun = gh.addWorkflowRun({ head_sha: sha(9), head_branch: 'feature', event: 'pull_request', pull_requests: [9] })
    const { env, token } = gh.runnerEnv({ runId: workflowRun.id, jobId: 'train' })
    expect(env.GITHUB_SERVER_URL).toMatch(/^http:\/\/github\.localhost:\d+$/)
    // Evaluated from the project root, so the job resolves the project's own @actions packages.
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', JOB], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: temp.path, ...env, INPUT_TOKEN: token, RUNNER_TEMP: temp.path, GITHUB_WORKSPACE: temp.path }
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { artifactId: number; cacheId: number; commentUrl: string }

    expect(gh.state.artifacts).toEqual([expect.objectContaining({ id: result.artifactId, name: 'model-ci-fraud', workflow_run_id: workflowRun.id, finalized: true })])
    expect(gh.state.caches).toEqual([expect.objectContaining({ id: result.cacheId, key: 'metrics-1', scope: 'refs/pull/9/merge' })])
    expect(gh.state.comments).toEqual([expect.objectContaining({ issue_number: 9, body: 'from the job', user: expect.objectContaining({ login: 'github-actions[bot]' }) })])
    expect(result.commentUrl).toContain(`${gh.serverUrl}/acme/models/pull/9#issuecomment-`)
  })
})
