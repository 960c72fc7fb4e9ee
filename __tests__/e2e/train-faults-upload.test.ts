// The artifact upload of `train` when GitHub's services fail: the results service (Twirp) and blob
// storage answer 5xx or drop the connection. What can be retried is, and the artifact arrives
// whole; what cannot is one clear error about the upload, not a stack trace.
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { expectOneLineError } from './job-checks.js'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import {
  artifactRecord,
  cleanCheckout,
  commitFiles,
  downloadArtifact,
  expectFilesMatchManifest,
  expectTrained,
  runTrain,
  startTrainSuite
} from './train-helpers.js'

const ARTIFACT_SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService'
const ARTIFACT_BLOBS = /^\/devstoreaccount1\/artifacts\//

let suite: TrainSuite
let sha: string

beforeAll(async () => {
  suite = await startTrainSuite('train-faults-upload')
  // cache: false: every job trains and uploads, none is a run-cache hit.
  sha = await commitFiles(suite.workspace, {
    'models/upload/model.yml': 'cache: false\n',
    'models/upload/src/train.py': `import json, os
open(os.path.join(os.environ["MODEL_CI_OUTPUT_DIR"], "model.bin"), "wb").write(bytes(range(256)) * 64)
json.dump({"accuracy": 0.8}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
print("training ran")
`
  })
})
afterEach(() => {
  suite.gh.clearFaults()
})
afterAll(async () => {
  await suite.close()
})

async function train(): Promise<TrainJob> {
  await cleanCheckout(suite.workspace)
  return runTrain(suite, { model: 'upload', sha })
}

async function expectWholeArtifact(job: TrainJob): Promise<void> {
  const record = artifactRecord(suite.gh, job.runId, 'model-ci-upload')
  expect(job.outputs.digest).toBe(record.digest)
  const artifact = await downloadArtifact(suite, job.runId, record.id, job.outputs.digest)
  expect(artifact.manifest.status).toBe('success')
  expectFilesMatchManifest(artifact)
}

function finalizedArtifacts(runId: number): number {
  return suite.gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === runId && artifact.finalized).length
}

test('5xx from the results service and 5xx or a dropped connection from blob storage are retried', async () => {
  const faults = [
    suite.gh.inject({ method: 'POST', path: `${ARTIFACT_SERVICE}/CreateArtifact`, times: 1, fault: { status: 503 } }),
    suite.gh.inject({ method: 'PUT', path: ARTIFACT_BLOBS, times: 1, fault: { status: 500 } }),
    suite.gh.inject({ method: 'PUT', path: ARTIFACT_BLOBS, times: 1, fault: { drop: true } }),
    suite.gh.inject({ method: 'POST', path: `${ARTIFACT_SERVICE}/FinalizeArtifact`, times: 1, fault: { status: 502 } })
  ]
  const job = await train()
  expectTrained(job)
  expect(faults.map((fault) => fault.hits)).toEqual([1, 1, 1, 1])
  await expectWholeArtifact(job)
})

test('one dropped connection to the results service is retried', async () => {
  const fault = suite.gh.inject({ method: 'POST', path: `${ARTIFACT_SERVICE}/CreateArtifact`, times: 1, fault: { drop: true } })
  const job = await train()
  expectTrained(job)
  expect(fault.hits).toBe(1)
  await expectWholeArtifact(job)
})

test('a results service that drops every connection: one error about the upload, no stack trace', async () => {
  suite.gh.inject({ method: 'POST', path: `${ARTIFACT_SERVICE}/CreateArtifact`, fault: { drop: true } })
  const job = await train()
  expect(job.stdout).toContain('training ran')
  const message = expectOneLineError(job)
  expect(message).toContain('model-ci-upload')
  expect(message).toMatch(/upload/i)
  expect(finalizedArtifacts(job.runId)).toBe(0)
})

test('blob storage that drops every upload: one error about the upload, no stack trace', async () => {
  suite.gh.inject({ method: 'PUT', path: ARTIFACT_BLOBS, fault: { drop: true } })
  const job = await train()
  const message = expectOneLineError(job)
  expect(message).toContain('model-ci-upload')
  expect(message).toMatch(/upload/i)
  expect(finalizedArtifacts(job.runId)).toBe(0)
})
