// The artifact zip of the bundled `train` holds, entry for entry, the bytes the artifact client
// makes of the same files on its own: dist/ gives archiver a faster CRC-32 and larger reads (scripts/bundle/),
// which must change nothing in what is uploaded, stored (a large model) or deflated (a small one).
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compressionLevelFor } from '../../src/core/compression.js'
import type { Manifest } from '../../src/core/manifest.js'
import { sha256 } from '../emulator/test-support.js'
import { ACTION_ROOT } from '../harness/job-runner.js'
import { TEST_PYTHON } from '../harness/python.js'
import type { TrainSuite } from './train-helpers.js'
import { artifactRecord, commitFiles, downloadArtifact, expectFilesMatchManifest, expectTrained, runTrain, startTrainSuite } from './train-helpers.js'

let suite: TrainSuite
let sha: string

// Seeded bytes: `stored` is 20 MiB of a .pt file (zipped at level 0, more than two of the client's
// 8 MiB blocks and many 1 MiB reads); `deflated` is 3.2 MB of text (level 6).
const TRAIN_PY = `import json, os, random, sys
out = os.environ["MODEL_CI_OUTPUT_DIR"]
if sys.argv[1] == "stored":
    open(os.path.join(out, "model.pt"), "wb").write(random.Random(7).randbytes(20 * 1024 * 1024 + 12345))
else:
    open(os.path.join(out, "model.bin"), "wb").write(b"".join(b"w%07d\\n" % (i * 7919 % 9999991) for i in range(400000)))
os.makedirs(os.path.join(out, "notes"), exist_ok=True)
open(os.path.join(out, "notes", "log.txt"), "w").write("trained\\n")
json.dump({"accuracy": 0.9}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
`

beforeAll(async () => {
  suite = await startTrainSuite('train-artifact-bytes')
  const files: Record<string, string> = {}
  for (const model of ['stored', 'deflated']) {
    files[`models/${model}/model.yml`] = `cache: false\ntrain: python src/train.py ${model}\n`
    files[`models/${model}/src/train.py`] = TRAIN_PY
  }
  sha = await commitFiles(suite.workspace, files)
})

afterAll(async () => {
  await suite.close()
})

/**
 * Uploads `files` as artifact `name` of run `runId` with @actions/artifact as installed (not
 * bundled), in a Node process of its own: in Jest's sandbox archiver takes the files' dates for
 * another realm's objects and dates the entries now.
 */
function uploadWithClient(runId: number, name: string, files: string[], root: string, level: number): Promise<void> {
  const script = `import { DefaultArtifactClient } from '@actions/artifact'
const [name, root, level, ...files] = process.argv.slice(1)
const { digest } = await new DefaultArtifactClient().uploadArtifact(name, files, root, { compressionLevel: Number(level) })
process.stdout.write('uploaded ' + digest + '\\n')
`
  const { env } = suite.gh.runnerEnv({ runId, jobId: 'train' })
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, name, root, String(level), ...files],
      { cwd: ACTION_ROOT, env: { ...process.env, ...env, RUNNER_TEMP: suite.runnerTemp, GITHUB_WORKSPACE: suite.workspace }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error || !/^uploaded [0-9a-f]{64}$/m.test(stdout)) reject(new Error(`the artifact client's own upload failed: ${stderr || error?.message}`))
        else resolve()
      }
    )
  })
}

// Each entry of a zip as Python's zipfile reads it, after checking every CRC-32: its header's
// fields and the sha256 of its bytes as stored (compressed or not).
const ZIP_ENTRIES_PY = `import hashlib, json, struct, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
if bad is not None:
    sys.exit("bad CRC-32: " + bad)
entries = {}
for info in z.infolist():
    z.fp.seek(info.header_offset)
    header = z.fp.read(30)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    z.fp.seek(info.header_offset + 30 + name_length + extra_length)
    stored = hashlib.sha256(z.fp.read(info.compress_size)).hexdigest()
    entries[info.filename] = [list(info.date_time), info.compress_type, info.CRC, info.file_size, info.compress_size, info.external_attr, stored]
print(json.dumps(entries))
`

/** The entries of `zip` by name (see ZIP_ENTRIES_PY); fails on a wrong CRC-32. */
function zipEntries(zip: Buffer, file: string): Promise<Record<string, unknown[]>> {
  const path = join(suite.scratch, file)
  writeFileSync(path, zip)
  return new Promise((resolve, reject) => {
    execFile(TEST_PYTHON, ['-c', ZIP_ENTRIES_PY, path], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`zipfile could not read ${file}: ${stderr || error.message}`))
      else resolve(JSON.parse(stdout) as Record<string, unknown[]>)
    })
  })
}

/** The bytes of the finalized artifact `name` of run `runId`. */
function artifactBytes(runId: number, name: string): Buffer {
  return suite.gh.blob(artifactRecord(suite.gh, runId, name).blob) ?? Buffer.alloc(0)
}

test.each([
  ['stored', 0],
  ['deflated', 6]
])('the %s model\'s artifact is the zip the artifact client makes of its files (level %i), with every CRC-32 right', async (model, level) => {
  const job = await runTrain(suite, { model, sha })
  expectTrained(job)
  // What a user gets: the artifact downloads with the step's digest, and holds the model's files as trained.
  const uploaded = artifactRecord(suite.gh, job.runId, `model-ci-${model}`)
  expect(job.outputs['artifact-id']).toBe(String(uploaded.id))
  expect(job.outputs.digest).toBe(`sha256:${sha256(artifactBytes(job.runId, `model-ci-${model}`))}`)
  expectFilesMatchManifest(await downloadArtifact(suite, job.runId, uploaded.id, job.outputs.digest))

  // The same staging folder the step uploaded, zipped and uploaded again by the client on its own.
  const staging = join(suite.runnerTemp, 'model-ci', 'artifacts', model)
  const manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8')) as Manifest
  expect(compressionLevelFor(manifest.files)).toBe(level)
  const files = [join(staging, 'manifest.json'), ...manifest.files.map((file) => join(staging, 'outputs', file.path))]
  const again = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push' })
  await uploadWithClient(again.id, `model-ci-${model}`, files, staging, level)

  // archiver adds the entries as their stats come back, in no fixed order (so the client's own
  // digest differs between two uploads of the same files): compared entry by entry.
  const fromStep = await zipEntries(artifactBytes(job.runId, `model-ci-${model}`), 'step.zip')
  expect(Object.keys(fromStep).sort()).toEqual(['manifest.json', ...manifest.files.map((file) => `outputs/${file.path}`)].sort())
  expect(fromStep).toEqual(await zipEntries(artifactBytes(again.id, `model-ci-${model}`), 'client.zip'))
})
