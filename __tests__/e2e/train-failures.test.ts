// Every way a training fails gives the same three things: the step fails (exit code 1) with exactly
// one error annotation, whose first line names the phase and, when a command failed, whose next
// few lines are the end of its output that says why; the job summary says what failed; and the
// artifact still holds a manifest with status "failed", the phase and the end of the log, so that
// `report` can show the failure.
//
// The timeout is one of them: `timeout-minutes` takes fractions as GitHub does, so a training of
// 0.05 minutes runs into it in 3 seconds.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { FailurePhase, Manifest } from '../../src/core/manifest.js'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import { artifactRecord, commitFiles, downloadArtifact, expectFailedIn, expectTrained, runTrain, startTrainSuite } from './train-helpers.js'

/** A training script that prints a line, writes a model file, then does `rest`. */
const script = (rest: string) => `import json, os, signal, sys
print("loading data", flush=True)
open(os.path.join(os.environ["MODEL_CI_OUTPUT_DIR"], "model.bin"), "wb").write(b"weights")
${rest}
`
const writeMetrics = (text: string) => `open(os.environ["MODEL_CI_METRICS_FILE"], "w").write(${JSON.stringify(text)})`

const MODELS: Record<string, string> = {
  'models/crashes/src/train.py': script('for step in range(1, 81):\n    print(f"step {step}")\nsys.exit(3)'),
  'models/killed/src/train.py': script('os.kill(os.getpid(), signal.SIGKILL)'),
  'models/sleeps/model.yml': 'timeout-minutes: 0.05\n',
  'models/sleeps/src/train.py': script('import time\nprint("epoch 1 of 1000", flush=True)\ntime.sleep(600)'),
  'models/not-a-command/model.yml': 'train: [model-ci-no-such-program, --epochs, "3"]\n',
  'models/not-a-command/src/train.py': script(''),
  'models/evaluate-fails/model.yml': 'evaluate: python src/evaluate.py\n',
  'models/evaluate-fails/src/train.py': script(''),
  'models/evaluate-fails/src/evaluate.py': 'import sys\nprint("scoring the test split")\nprint("ValueError: test split is empty", file=sys.stderr)\nsys.exit(2)\n',
  'models/raises/src/train.py': script(
    'def split(rows):\n    raise ValueError("100% of the rows were dropped \\a by the filter: " + "x" * 1000)\n\nsplit([])'
  ),
  'models/nan-json/src/train.py': script('json.dump({"accuracy": 0.5, "loss": float("nan")}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))'),
  'models/nan-yaml/model.yml': 'metrics-file: outputs/metrics.yaml\n',
  'models/nan-yaml/src/train.py': script(writeMetrics('accuracy: 0.5\nloss: .nan\n')),
  'models/infinite-csv/model.yml': 'metrics-file: outputs/metrics.csv\n',
  'models/infinite-csv/src/train.py': script(writeMetrics('accuracy,loss\n0.5,inf\n')),
  'models/no-metrics/src/train.py': script('print("forgot the metrics")'),
  'models/empty-metrics/src/train.py': script(writeMetrics('')),
  'models/no-numbers/src/train.py': script(writeMetrics('{"model": "tree", "converged": true, "notes": {"by": "mona"}}')),
  'models/some-strings/src/train.py': script(writeMetrics('{"accuracy": 0.75, "model": "tree", "test": {"converged": false, "f1": 0.5}}')),
  'models/bad-requirements/src/train.py': script(''),
  'models/bad-requirements/src/requirements.txt': 'model-ci-no-such-package==1.0\n'
}

let suite: TrainSuite
let sha: string

beforeAll(async () => {
  suite = await startTrainSuite('train-failures')
  sha = await commitFiles(suite.workspace, MODELS)
})
afterAll(async () => {
  await suite.close()
})

interface Failed {
  job: TrainJob
  message: string
  /** The lines under the annotation's first line: the cause, from the end of the output. */
  cause: string[]
  manifest: Manifest
  failure: NonNullable<Manifest['failure']>
}

/**
 * Trains `model` expecting the `phase` to fail: checks the one error, the outputs, the summary, the
 * failed manifest in the uploaded artifact, and that nothing went into the run-cache.
 */
async function expectTrainingFails(model: string, phase: FailurePhase, inputs: Record<string, string> = {}): Promise<Failed> {
  const job = await runTrain(suite, { model, sha, inputs })
  const message = expectFailedIn(job, phase)
  const [headline, ...cause] = message.split('\n')
  expect(headline).toMatch(new RegExp(`^model-ci train ${model}: the ${phase} phase failed: `))
  expect(headline).toContain(`artifact model-ci-${model}`)
  expect(headline.endsWith('; the output ended with:')).toBe(cause.length > 0)

  const record = artifactRecord(suite.gh, job.runId, `model-ci-${model}`)
  expect(job.outputs).toEqual({
    metrics: '{}',
    'artifact-name': `model-ci-${model}`,
    'artifact-id': String(record.id),
    digest: record.digest,
    fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    'cache-hit': 'false'
  })
  const { manifest, files } = await downloadArtifact(suite, job.runId, record.id, job.outputs.digest)
  expect([...files.keys()]).toEqual(['manifest.json'])
  expect(manifest).toMatchObject({ model, status: 'failed', metrics: {}, files: [], run_id: job.runId, cache: { run: 'miss' } })
  const failure = manifest.failure as NonNullable<Manifest['failure']>
  expect(failure.phase).toBe(phase)
  expect(message).toContain(failure.message)

  expect(job.summary).toContain(`## model-ci: \`${model}\` failed`)
  expect(job.summary).toContain(`**The ${phase} phase failed:**`)
  expect(suite.gh.state.caches.some((entry) => entry.key.startsWith(`model-ci-run-v1-${model}-`))).toBe(false)
  return { job, message, cause: cause.map((line) => line.slice(2)), manifest, failure }
}

describe('the train phase', () => {
  test('a non-zero exit: the exit code and the last 50 lines of the log', async () => {
    const { message, cause, failure, job } = await expectTrainingFails('crashes', 'train')
    expect(message).toContain('python src/train.py did not succeed (exited with code 3)')
    expect(cause).toEqual(['step 76', 'step 77', 'step 78', 'step 79', 'step 80'])
    expect(failure).toMatchObject({ exit_code: 3, signal: null })
    const expectedTail = Array.from({ length: 50 }, (_, index) => `step ${index + 31}`).join('\n')
    expect(failure.log_tail).toBe(expectedTail)
    expect(job.summary).toContain(`\`\`\`text\n${expectedTail}\n\`\`\``)
    // The whole log is in the job's output, in a group.
    expect(job.stdout).toMatch(/::group::Train crashes: python src\/train\.py\n(?:.*\n)*step 1\n(?:.*\n)*step 80\n(?:.*\n)*::endgroup::/)
  })

  test('killed by a signal: the signal, no exit code', async () => {
    const { message, cause, failure } = await expectTrainingFails('killed', 'train')
    expect(message).toContain('(was killed by SIGKILL)')
    expect(cause).toEqual(['loading data'])
    expect(failure).toMatchObject({ exit_code: null, signal: 'SIGKILL', log_tail: 'loading data' })
  })

  test("past the model's timeout-minutes (0.05, a fraction as GitHub takes it): stopped at 3 seconds", async () => {
    const started = performance.now()
    const { message, failure, manifest } = await expectTrainingFails('sleeps', 'train')
    const elapsedMs = performance.now() - started
    expect(message).toContain("python src/train.py ran past the model's timeout of 0.05 minutes")
    expect(failure).toMatchObject({ exit_code: null, signal: 'SIGTERM', log_tail: 'loading data\nepoch 1 of 1000' })
    // The 3 seconds count from the start of the job's work, Python's set-up included.
    expect(manifest.timings.train_s).toBeGreaterThan(1)
    expect(manifest.timings.train_s).toBeLessThan(3.5)
    // The step, the artifact's upload and its download here: nowhere near the 10 minutes the training would sleep.
    expect(elapsedMs).toBeLessThan(15_000)
  })

  test('a training command that does not exist', async () => {
    const { message, cause, failure } = await expectTrainingFails('not-a-command', 'train')
    expect(message).toContain('model-ci-no-such-program --epochs 3 did not succeed')
    expect(cause).toEqual([expect.stringMatching(/^cannot run "model-ci-no-such-program": /)])
    expect(failure.log_tail).toContain('cannot run "model-ci-no-such-program"')
  })
})

test("a Python exception: the annotation shows its line, not the traceback's frames, escaped and cut, as the runner decodes it", async () => {
  const { job, cause, failure } = await expectTrainingFails('raises', 'train')
  expect(failure.log_tail).toContain('Traceback (most recent call last):')
  const exception = `ValueError: 100% of the rows were dropped \\u0007 by the filter: ${'x'.repeat(141)}…`
  expect(cause).toEqual(['loading data', exception])
  // One workflow command on one line of the log: the toolkit's escapes carry the line break and "%".
  const commands = job.stdout.split('\n').filter((line) => line.startsWith('::error'))
  expect(commands).toHaveLength(1)
  expect(commands[0]).toContain('; the output ended with:%0A  loading data%0A  ValueError: 100%25 of the rows were dropped \\u0007 by the filter')
})

test('the evaluate phase: its own exit code and log tail, after a training that succeeded', async () => {
  const { message, cause, failure, manifest } = await expectTrainingFails('evaluate-fails', 'evaluate')
  expect(message).toContain('python src/evaluate.py did not succeed (exited with code 2)')
  expect(cause).toEqual(['scoring the test split', 'ValueError: test split is empty'])
  expect(failure).toMatchObject({ exit_code: 2, signal: null, log_tail: 'scoring the test split\nValueError: test split is empty' })
  expect(manifest.timings.train_s).toBeGreaterThan(0)
  expect(manifest.timings.evaluate_s).toBeGreaterThan(0)
})

describe('the metrics phase', () => {
  test('NaN written by Python\'s json module', async () => {
    const { message } = await expectTrainingFails('nan-json', 'metrics')
    expect(message).toContain('models/nan-json/outputs/metrics.json')
    expect(message).toContain('NaN')
  })

  test('NaN in YAML names the metric, on one line: the message is the cause', async () => {
    const { message, failure } = await expectTrainingFails('nan-yaml', 'metrics')
    expect(message).not.toContain('\n')
    expect(message).toContain('models/nan-yaml/outputs/metrics.yaml: metric "loss" is NaN; metrics must be finite numbers')
    expect(failure).toMatchObject({ exit_code: null, signal: null })
  })

  test('Infinity in CSV names the metric', async () => {
    const { message } = await expectTrainingFails('infinite-csv', 'metrics')
    expect(message).toContain('models/infinite-csv/outputs/metrics.csv: metric "loss" is Infinity')
  })

  test('a missing metrics file', async () => {
    const { message, failure } = await expectTrainingFails('no-metrics', 'metrics')
    expect(message).toContain('models/no-metrics/outputs/metrics.json: the training wrote no metrics file')
    expect(failure.message).toContain('MODEL_CI_METRICS_FILE')
    // The error says the manifest has the end of the log: the training's, which shows what it did.
    expect(failure.log_tail).toBe('loading data\nforgot the metrics')
  })

  test('an empty metrics file', async () => {
    const { message } = await expectTrainingFails('empty-metrics', 'metrics')
    expect(message).toContain('models/empty-metrics/outputs/metrics.json: the metrics file is empty')
  })

  test('only strings and booleans: no numeric metrics, each skipped value named', async () => {
    const { message } = await expectTrainingFails('no-numbers', 'metrics')
    expect(message).toContain('models/no-numbers/outputs/metrics.json: no numeric metrics')
    expect(message).toContain('"model" (a string, not a number)')
    expect(message).toContain('"converged" (a boolean, not a number)')
  })

  test('some strings among numbers: a warning naming each key, and the training succeeds', async () => {
    const job = await runTrain(suite, { model: 'some-strings', sha })
    expectTrained(job)
    expect(JSON.parse(job.outputs.metrics)).toEqual({ accuracy: 0.75, 'test.f1': 0.5 })
    expect(job.warnings.map((warning) => warning.message)).toEqual([
      'models/some-strings/outputs/metrics.json: metric "model" skipped: a string, not a number',
      'models/some-strings/outputs/metrics.json: metric "test.converged" skipped: a boolean, not a number'
    ])
    expect(job.warnings.map((warning) => warning.file)).toEqual(['models/some-strings/outputs/metrics.json', 'models/some-strings/outputs/metrics.json'])
    expect(job.summary).toContain('- skipped `model`: a string, not a number')
  })
})

test('the install phase: requirements pip cannot install', async () => {
  const { message, cause, failure, manifest } = await expectTrainingFails('bad-requirements', 'install', { 'pip-args': '--no-index' })
  expect(message).toContain('pip could not install the requirements (exited with code 1)')
  expect(cause.at(-1)).toBe('ERROR: No matching distribution found for model-ci-no-such-package==1.0')
  expect(cause.some((line) => line.startsWith('Looking in') || line.startsWith('[notice]'))).toBe(false)
  expect(failure.exit_code).toBe(1)
  expect(failure.log_tail).toMatch(/No matching distribution found for model-ci-no-such-package==1\.0/)
  expect(manifest.timings).toEqual({ install_s: expect.any(Number), train_s: null, evaluate_s: null })
  expect(manifest.cache.dependencies).toBe('none')
  expect(suite.gh.state.caches.some((entry) => entry.key.startsWith('model-ci-deps-v1-bad-requirements-'))).toBe(false)
})
