// A re-run of a train job is the same workflow run with a higher GITHUB_RUN_ATTEMPT. GitHub keeps
// one artifact per name in a run, so attempt 2 must replace the artifact attempt 1 uploaded,
// whether attempt 1 failed (the usual reason to re-run) or succeeded.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import { cleanCheckout, commitFiles, downloadArtifact, expectFailedIn, expectTrained, runTrain, startTrainSuite } from './train-helpers.js'

// Fails the first time it runs (no marker yet), like a flaky data download, and succeeds after.
const FLAKY_TRAIN_PY = `import json, os, sys
marker = os.path.join(os.environ["MARKER_DIR"], os.environ["MODEL_CI_MODEL"])
if not os.path.exists(marker):
    open(marker, "w").close()
    print("the data server timed out", file=sys.stderr)
    sys.exit(1)
json.dump({"accuracy": 0.9}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
print("training ran")
`

let suite: TrainSuite
let sha: string

beforeAll(async () => {
  suite = await startTrainSuite('train-rerun')
  sha = await commitFiles(suite.workspace, {
    'models/flaky/src/train.py': FLAKY_TRAIN_PY,
    'models/steady/src/train.py': FLAKY_TRAIN_PY.replace('if not os.path.exists(marker):', 'if False:')
  })
})
afterAll(async () => {
  await suite.close()
})

async function attempt(model: string, runId: number, runAttempt: number): Promise<TrainJob> {
  await cleanCheckout(suite.workspace)
  if (runAttempt > 1) suite.gh.updateWorkflowRun(runId, { run_attempt: runAttempt })
  return runTrain(suite, { model, sha, runId, runAttempt, env: { MARKER_DIR: suite.scratch } })
}

/** The run's artifacts as the REST API lists them (what the Actions page and `report` see). */
async function listedArtifacts(runId: number): Promise<Array<{ id: number; name: string }>> {
  const { owner, name } = { owner: suite.gh.state.repository.owner.login, name: suite.gh.state.repository.name }
  const response = await fetch(`${suite.gh.apiUrl}/repos/${owner}/${name}/actions/runs/${runId}/artifacts`, {
    headers: { authorization: `Bearer ${suite.gh.defaultToken}`, accept: 'application/vnd.github+json' }
  })
  const body = (await response.json()) as { artifacts: Array<{ id: number; name: string }> }
  return body.artifacts.map(({ id, name: artifactName }) => ({ id, name: artifactName }))
}

test('attempt 2 replaces the failed manifest of attempt 1 with the trained model', async () => {
  const run = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push' })
  const first = await attempt('flaky', run.id, 1)
  expectFailedIn(first, 'train')
  const failedId = Number(first.outputs['artifact-id'])
  expect(await listedArtifacts(run.id)).toEqual([{ id: failedId, name: 'model-ci-flaky' }])
  expect((await downloadArtifact(suite, run.id, failedId, first.outputs.digest)).manifest).toMatchObject({ status: 'failed', run_attempt: 1 })

  const second = await attempt('flaky', run.id, 2)
  expectTrained(second)
  const trainedId = Number(second.outputs['artifact-id'])
  expect(trainedId).not.toBe(failedId)
  expect(await listedArtifacts(run.id)).toEqual([{ id: trainedId, name: 'model-ci-flaky' }])
  expect(second.stdout).toContain(`Deleted artifact "model-ci-flaky" (id ${failedId}) left by an earlier attempt of this run`)
  const { manifest } = await downloadArtifact(suite, run.id, trainedId, second.outputs.digest)
  expect(manifest).toMatchObject({ status: 'success', run_id: run.id, run_attempt: 2, version: expect.stringMatching(new RegExp(`-r${run.id}\\.a2$`)) })
})

test('attempt 2 of a run whose attempt 1 succeeded is a run-cache hit that replaces the artifact', async () => {
  const run = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push' })
  const first = await attempt('steady', run.id, 1)
  expectTrained(first)
  const second = await attempt('steady', run.id, 2)
  expectTrained(second)
  expect(second.outputs['cache-hit']).toBe('true')
  expect(await listedArtifacts(run.id)).toEqual([{ id: Number(second.outputs['artifact-id']), name: 'model-ci-steady' }])
  expect(second.outputs['artifact-id']).not.toBe(first.outputs['artifact-id'])
})
