// The workflow runner: a workflow file run job by job against the emulator, as GitHub would run it.
// The pipeline test runs the bundled action (detect, then train as a matrix) on the dependency-free
// quick-start example; the others use `run:` steps only, so they test the runner's own rules
// (conditions, outputs, failures, tokens, expressions) quickly.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { exampleRepository, pullRequestEvent, pushEvent, workflowDispatchEvent, ZERO_SHA } from '../../__fixtures__/events.js'
import { ensureBundle } from '../e2e/detect-helpers.js'
import type { Emulator } from '../emulator/index.js'
import { startEmulator } from '../emulator/index.js'
import { evaluateCondition, evaluateTemplate } from './expressions.js'
import { GitOrigin, folderFiles, makeTempDir, removeDir } from './git-repo.js'
import { ACTION_ROOT } from './job-runner.js'
import { TEST_PYTHON } from './python.js'
import { expandMatrix } from './matrix.js'
import { runWorkflow } from './workflow-runner.js'

const CHECKOUT = 'actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5'
const SETUP_PYTHON = 'actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065'

const PIPELINE = `
name: Quick start
on:
  push: { branches: [main] }
permissions: { contents: read }
jobs:
  detect:
    runs-on: ubuntu-latest
    permissions: { contents: read, pull-requests: read }
    outputs:
      matrix: \${{ steps.d.outputs.matrix }}
      models: \${{ steps.d.outputs.models }}
      has-models: \${{ steps.d.outputs.has-models }}
      shallow: \${{ steps.shape.outputs.shallow }}
    steps:
      - uses: ${CHECKOUT}
      - id: shape
        run: echo "shallow=$(git rev-parse --is-shallow-repository)" >> "$GITHUB_OUTPUT"
      - id: d
        uses: acme/model-ci@v1
        with: { command: detect }
  train:
    needs: detect
    if: needs.detect.outputs.has-models == 'true'
    strategy: { fail-fast: false, matrix: "\${{ fromJSON(needs.detect.outputs.matrix) }}" }
    runs-on: \${{ matrix.runs-on }}
    timeout-minutes: \${{ matrix.timeout-minutes }}
    steps:
      - uses: ${CHECKOUT}
        with: { fetch-depth: 0 }
      - uses: ${SETUP_PYTHON}
        with: { python-version: "\${{ matrix.python }}" }
      - id: where
        run: |
          echo "python=$(python -c 'import sys; print(sys.executable)')" >> "$GITHUB_OUTPUT"
          echo "shallow=$(git rev-parse --is-shallow-repository)" >> "$GITHUB_OUTPUT"
      - id: t
        uses: acme/model-ci@v1
        with: { command: train, model: "\${{ matrix.model }}" }
  summarize:
    needs: [detect, train]
    if: always() && needs.detect.outputs.has-models == 'true'
    runs-on: ubuntu-latest
    steps:
      - env:
          MODELS: \${{ needs.detect.outputs.models }}
          TRAIN_RESULT: \${{ needs.train.result }}
        run: echo "models $MODELS, train $TRAIN_RESULT" >> "$GITHUB_STEP_SUMMARY"
`

// Conditions, outputs and failures with run steps only.
const RULES = `
name: Rules
on:
  push:
  workflow_dispatch:
    inputs:
      greeting: { default: hello }
      loud: { type: boolean, default: false }
env:
  FROM_WORKFLOW: workflow-level
jobs:
  first:
    runs-on: ubuntu-latest
    env: { FROM_JOB: "\${{ format('{0}-{1}', github.event_name, inputs.greeting) }}" }
    outputs:
      said: \${{ steps.say.outputs.said }}
      list: \${{ toJSON(fromJSON('["a","b"]')) }}
      empty: \${{ steps.say.outputs.missing }}
    steps:
      - uses: ${CHECKOUT}
      - id: say
        run: |
          echo "said=$FROM_WORKFLOW/$FROM_JOB" >> "$GITHUB_OUTPUT"
          echo "EXPORTED=from-env-file" >> "$GITHUB_ENV"
      - id: read-exported
        working-directory: sub
        run: echo "seen=$EXPORTED in $(basename "$PWD")" >> "$GITHUB_OUTPUT"
      - id: allowed
        continue-on-error: true
        run: exit 4
      - if: contains(steps.say.outputs.said, 'workflow_dispatch') && inputs.loud
        run: echo "LOUD" >> "$GITHUB_STEP_SUMMARY"
      - run: |
          mkdir -p "$RUNNER_TEMP/bin"
          printf '#!/bin/sh\\necho hello from PATH\\n' > "$RUNNER_TEMP/bin/greet"
          chmod +x "$RUNNER_TEMP/bin/greet"
          echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
      - id: greet
        run: echo "said=$(greet)" >> "$GITHUB_OUTPUT"
  failing:
    needs: first
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "::error file=x.py,line=2::it broke"
          exit 3
      - run: echo "never printed"
      - if: failure()
        run: echo "cleanup after failure" >> "$GITHUB_STEP_SUMMARY"
  after-failure:
    needs: failing
    runs-on: ubuntu-latest
    steps:
      - run: echo "never runs"
  on-failure:
    needs: failing
    if: failure()
    runs-on: ubuntu-latest
    steps:
      - env: { RESULT: "\${{ needs.failing.result }}", SAID: "\${{ needs.first.outputs.said }}" }
        run: echo "failing was $RESULT" >> "$GITHUB_STEP_SUMMARY"
  dispatch-only:
    if: github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - run: echo dispatched
  legs:
    runs-on: ubuntu-latest
    strategy: { matrix: { n: [1, 2, 3] } }
    steps:
      - run: test "\${{ matrix.n }}" != 2
`

// Each job posts a comment with its own token (given to the script through env, as a workflow must).
const TOKENS = `
name: Tokens
on: [push, pull_request]
permissions: { contents: read }
jobs:
  reader:
    runs-on: ubuntu-latest
    steps: &post
      - env: { TOKEN: "\${{ secrets.GITHUB_TOKEN }}", REPO: "\${{ github.repository }}", API: "\${{ github.api_url }}", SECRET: "\${{ secrets.DEPLOY_KEY }}" }
        run: |
          echo "secret:\${SECRET:-none}" >> "$GITHUB_STEP_SUMMARY"
          echo "key \${SECRET:-none}, token \${TOKEN}"
          node -e '
            const url = process.env.API + "/repos/" + process.env.REPO + "/issues/7/comments"
            fetch(url, { method: "POST", headers: { authorization: "token " + process.env.TOKEN }, body: JSON.stringify({ body: "hi" }) })
              .then((reply) => { process.stdout.write("status " + reply.status + "\\n"); process.exitCode = reply.ok ? 0 : 1 })'
  writer:
    runs-on: ubuntu-latest
    permissions: { contents: read, pull-requests: write }
    steps: *post
`

let tempDir: string
let gh: Emulator
let origin: GitOrigin

function workflowFile(name: string, text: string): string {
  const path = join(tempDir, name)
  writeFileSync(path, text)
  return path
}

beforeAll(async () => {
  ensureBundle()
  tempDir = makeTempDir('model-ci-workflow-runner-')
  origin = await GitOrigin.create(tempDir)
  // GitHub's copy of the repository: the branches and history the compare API answers from.
  gh = await startEmulator({ ...exampleRepository(), defaultBranch: 'main', gitDir: origin.bareDir })
  await origin.commit('main', folderFiles(join(ACTION_ROOT, 'examples', 'quickstart')), { message: 'quick start' })
  await origin.commit('main', { 'sub/.keep': '' }, { message: 'a folder for working-directory' })
})
afterAll(async () => {
  await gh?.close()
  removeDir(tempDir)
})

describe('runWorkflow', () => {
  test('a push runs detect, one train job per model from the matrix, and a job that needs them both', async () => {
    const sha = await origin.revParse('main')
    const run = await runWorkflow({
      gh,
      origin,
      workflowFile: workflowFile('model-ci.yml', PIPELINE),
      event: { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after: sha }) }
    })

    expect(run.jobs.map((job) => [job.name, job.result])).toEqual([
      ['detect', 'success'],
      [expect.stringMatching(/^train \(churn, /), 'success'],
      [expect.stringMatching(/^train \(fraud, /), 'success'],
      ['summarize', 'success']
    ])
    expect(run.conclusion).toBe('success')
    const detect = run.job('detect')
    expect(JSON.parse(detect.outputs.models)).toEqual(['churn', 'fraud'])
    expect(detect.outputs.shallow).toBe('true')
    expect(detect.tokenPermission).toBe('read')

    const fraud = run.job('train', { model: 'fraud' })
    expect(fraud.steps.map((step) => step.conclusion)).toEqual(['success', 'success', 'success', 'success'])
    expect(fraud.steps[2].outputs.python).toBe(TEST_PYTHON)
    expect(fraud.steps[2].outputs.shallow).toBe('false')
    expect(fraud.steps[3].outputs['artifact-name']).toBe('model-ci-fraud')
    expect(fraud.runsOn).toBe(JSON.parse(detect.outputs.matrix).include[1]['runs-on'])
    expect(fraud.log).toContain('trained 3 centroids')
    expect(run.job('summarize').summary).toBe(`models ${detect.outputs.models}, train success\n`)

    const record = gh.state.run(run.runId)
    expect(record).toMatchObject({ status: 'completed', conclusion: 'success', event: 'push', head_sha: sha, head_branch: 'main', path: '.github/workflows/model-ci.yml', name: 'Quick start' })
    const uploaded = gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === run.runId && artifact.finalized).map((artifact) => artifact.name)
    expect(uploaded.sort()).toEqual(['model-ci-churn', 'model-ci-fraud'])
  })

  test('conditions, outputs, GITHUB_ENV, continue-on-error and a failing job, as GitHub applies them', async () => {
    const file = workflowFile('rules.yml', RULES)
    const push = await runWorkflow({ gh, origin, workflowFile: file, event: { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after: await origin.revParse('main') }) } })

    expect(push.jobs.map((job) => [job.id, job.result])).toEqual([
      ['first', 'success'],
      ['failing', 'failure'],
      ['after-failure', 'skipped'],
      ['on-failure', 'success'],
      ['dispatch-only', 'skipped'],
      ['legs', 'success'],
      ['legs', 'failure'],
      // fail-fast (the default) cancels the legs that had not finished when one failed.
      ['legs', 'cancelled']
    ])
    expect(push.job('legs', { n: 3 }).steps).toEqual([])
    expect(push.conclusion).toBe('failure')
    expect(gh.state.run(push.runId)).toMatchObject({ status: 'completed', conclusion: 'failure' })
    const first = push.job('first')
    expect(first.outputs).toEqual({ said: 'workflow-level/push-', list: '[\n  "a",\n  "b"\n]' })
    expect(first.steps[2].outputs.seen).toBe('from-env-file in sub')
    expect(first.steps[3]).toMatchObject({ outcome: 'failure', conclusion: 'success' })
    expect(first.steps[4].outcome).toBe('skipped')
    expect(first.steps[6].outputs.said).toBe('hello from PATH')
    const failing = push.job('failing')
    expect(failing.steps.map((step) => step.outcome)).toEqual(['failure', 'skipped', 'success'])
    expect(failing.steps[0].annotations).toEqual([{ level: 'error', message: 'it broke', file: 'x.py', line: 2 }])
    expect(failing.summary).toBe('cleanup after failure\n')
    expect(push.job('on-failure').summary).toBe('failing was failure\n')

    const dispatch = await runWorkflow({ gh, origin, workflowFile: file, event: { name: 'workflow_dispatch', payload: workflowDispatchEvent({ inputs: { loud: 'true' } }) } })
    expect(dispatch.job('first').outputs.said).toBe('workflow-level/workflow_dispatch-hello')
    expect(dispatch.job('first').summary).toBe('LOUD\n')
    expect(dispatch.job('dispatch-only').result).toBe('success')
    expect(gh.state.run(dispatch.runId)).toMatchObject({ event: 'workflow_dispatch', head_sha: await origin.revParse('main'), head_branch: 'main' })
  })

  test("a job's token may write only when its permissions ask for a write; a fork's may not, and gets no secrets", async () => {
    const file = workflowFile('tokens.yml', TOKENS)
    const main = await origin.revParse('main')
    await origin.createBranch('feature', 'main')
    await origin.commit('feature', { 'notes.txt': 'x\n' })
    const refs = await origin.pullRequest(7, 'main', 'feature')
    gh.addPullRequest({ number: 7, head: { sha: refs.headSha, ref: 'feature' }, base: { sha: refs.baseSha, ref: 'main' } })
    const secrets = { DEPLOY_KEY: 'k3y' }

    const push = await runWorkflow({ gh, origin, workflowFile: file, secrets, event: { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after: main }) } })
    expect(push.job('reader')).toMatchObject({ result: 'failure', tokenPermission: 'read', permissions: { contents: 'read' } })
    expect(push.job('reader').log).toContain('status 403')
    expect(push.job('reader').summary).toBe('secret:k3y\n')
    expect(push.job('writer')).toMatchObject({ result: 'success', tokenPermission: 'write' })
    expect(push.job('writer').summary).toBe('secret:k3y\n')
    // The log shows secrets as GitHub does: masked.
    expect(push.job('writer').log).toContain('key ***, token ***')
    expect(push.job('writer').log).not.toContain('k3y')
    expect(gh.state.comments.filter((comment) => comment.issue_number === 7)).toHaveLength(1)

    const forkEvent = pullRequestEvent({ number: 7, base: { ref: 'main', sha: refs.baseSha }, head: { ref: 'feature', sha: refs.headSha }, mergeCommitSha: refs.mergeSha })
    ;(forkEvent.pull_request as { head: { repo: unknown } }).head.repo = { full_name: 'someone/fork' }
    const fork = await runWorkflow({ gh, origin, workflowFile: file, secrets, event: { name: 'pull_request', payload: forkEvent } })
    expect(fork.job('writer')).toMatchObject({ result: 'failure', tokenPermission: 'read', summary: 'secret:none\n' })
    expect(fork.job('writer').log).toContain('status 403')
    expect(gh.state.run(fork.runId)).toMatchObject({ event: 'pull_request', head_sha: refs.headSha, head_branch: 'feature', pull_requests: [] })
  })

  test('an action the harness does not emulate stops the run with its name', async () => {
    const file = workflowFile('cache.yml', `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/cache@v4\n        with: { path: x, key: y }\n`)
    const event = { name: 'push', payload: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after: await origin.revParse('main') }) }
    await expect(runWorkflow({ gh, origin, workflowFile: file, event })).rejects.toThrow('the harness does not emulate actions/cache@v4')
  })
})

describe('expressions', () => {
  const contexts = { github: { event_name: 'push' }, needs: { detect: { outputs: { matrix: '{"include":[{"model":"a"}]}', 'has-models': 'true' } } } }

  test('a whole expression keeps its type; expressions inside text become text', () => {
    expect(evaluateTemplate('${{ fromJSON(needs.detect.outputs.matrix) }}', contexts)).toEqual({ include: [{ model: 'a' }] })
    expect(evaluateTemplate('event ${{ github.event_name }}, models ${{ fromJSON(needs.detect.outputs.matrix) }}', contexts)).toBe('event push, models Object')
    expect(evaluateTemplate({ list: ['${{ github.nothing }}'] }, contexts)).toEqual({ list: [null] })
  })

  test('a condition without a status function needs everything before to have succeeded', () => {
    const failed = { success: false, failure: true }
    expect(evaluateCondition("needs.detect.outputs.has-models == 'true'", contexts, failed)).toBe(false)
    expect(evaluateCondition("${{ always() && needs.detect.outputs.has-models == 'true' }}", contexts, failed)).toBe(true)
    expect(evaluateCondition('failure()', contexts, failed)).toBe(true)
    expect(evaluateCondition(undefined, contexts, { success: true, failure: false })).toBe(true)
    expect(() => evaluateCondition('secrets.X', contexts, failed)).toThrow()
  })
})

describe('expandMatrix', () => {
  test('vectors multiply, exclude removes, include extends matching combinations or adds its own', () => {
    expect(expandMatrix({ os: ['a', 'b'], py: [1, 2], exclude: [{ os: 'b', py: 1 }], include: [{ os: 'a', extra: true }, { os: 'c' }] }, 'job')).toEqual([
      { os: 'a', py: 1, extra: true },
      { os: 'a', py: 2, extra: true },
      { os: 'b', py: 2 },
      { os: 'c' }
    ])
    expect(expandMatrix({ include: [{ model: 'a' }, { model: 'b' }] }, 'job')).toEqual([{ model: 'a' }, { model: 'b' }])
    expect(() => expandMatrix({ include: [] }, 'train')).toThrow('job "train": the matrix has no combinations')
  })
})
