// The train benchmark of DESIGN.md section 8, with `node dist/index.js` as a `command: train` step of
// push runs against the GitHub emulator (started in this process; see emulator.mjs):
// 1. the overhead of `train` over running the same training command by hand, with a warm dependency
//    cache (requirements from a local wheel, so pip needs no network);
// 2. a run-cache hit: its time, and proof that it trained nothing (the training appends to a trace file);
// 3. packaging and uploading a 1 GiB output file, against `sha256sum` of the same file.
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import yaml from 'js-yaml'
import { freshCommandFiles } from './action-runner.mjs'
import { startBundledEmulator } from './emulator.mjs'
import { parseGithubOutput } from './github-output.mjs'
import { median, tail } from './measure.mjs'

// Any Python 3.10+ with venv and pip (the requirements come from a local wheel, so pip works
// offline); the training itself needs nothing else.
const PYTHON = process.env.PYTHON || 'python3'
const OWNER = 'acme'
const REPO = 'models'
const RUNS = 5
const BIG_RUNS = 5
const BIG_FILE_SIZE = '1G'
const STEP_TIMEOUT_MS = 600_000
const OVERHEAD_BUDGET_S = 1
const UPLOAD_BUDGET_RATIO = 2

// One trace line per training run, so that "a run-cache hit trains nothing" is counted.
const TRACED_TRAIN_PY = `import json, os
with open(os.environ["TRACE_FILE"], "a") as trace:
    trace.write(os.environ["MODEL_CI_MODEL"] + "\\n")
json.dump({"accuracy": 0.9}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
`
// Imports the package its requirements install: the training cannot run without its venv.
const TINY_TRAIN_PY = `import json, os
import benchdep
json.dump({"accuracy": benchdep.VALUE}, open(os.environ.get("MODEL_CI_METRICS_FILE", "metrics.json"), "w"))
`
// Hard-links the file (no copy, no time) as the model: what is timed is what model-ci does with it.
const LINKING_TRAIN_PY = `import json, os
target = os.path.join(os.environ["MODEL_CI_OUTPUT_DIR"], "model.bin")
if os.path.exists(target):
    os.remove(target)
os.link(os.environ["MODEL_FILE"], target)
json.dump({"size": os.path.getsize(target)}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
`

/** Runs the benchmark; `log` gets progress lines. Returns `{ name, ok, header, rows, notes, data }`. */
export async function benchmarkTrain({ repoRoot, log }) {
  if (!existsSync(join(repoRoot, 'dist', 'index.js'))) {
    return summarize({ failure: 'dist/index.js does not exist: run `npm run bundle` first' })
  }
  const root = mkdtempSync(join(tmpdir(), 'model-ci-bench-train-'))
  let gh
  try {
    const fixture = makeRepository(root, log)
    // The fixture's history is GitHub's too: on main, a run-cache entry is reused only from a push
    // in the default branch's history.
    gh = await startBundledEmulator(repoRoot, { owner: OWNER, repo: REPO, defaultBranch: 'main', gitDir: fixture.workspace })
    const runStep = trainStepRunner({ repoRoot, gh, fixture })
    const overhead = await measureOverhead(runStep, fixture, log)
    const runCacheHit = await measureRunCacheHit(runStep, fixture, log)
    const upload = await measureUpload(runStep, gh, fixture, log)
    return summarize({ overhead, runCacheHit, upload })
  } catch (error) {
    return summarize({ failure: error.message })
  } finally {
    await gh?.close()
    rmSync(root, { recursive: true, force: true })
  }
}

/** A git repository of four models, a wheel for the tiny one's requirements, and the 1 GiB model file. */
function makeRepository(root, log) {
  const workspace = join(root, 'repo')
  const wheels = join(root, 'wheels')
  const runnerTemp = join(root, 'runner-temp')
  const traceFile = join(root, 'trainings.log')
  const bigFile = join(root, 'model-1g.bin')
  const smallFile = join(root, 'model-1k.bin')
  for (const dir of [workspace, wheels, runnerTemp]) mkdirSync(dir, { recursive: true })
  buildWheel(wheels, 'benchdep', '1.0', 'VALUE = 0.5\n')
  const files = {
    'models/tiny/model.yml': 'cache: false\n',
    'models/tiny/src/train.py': TINY_TRAIN_PY,
    'models/tiny/src/requirements.txt': 'benchdep==1.0\n',
    'models/traced/src/train.py': TRACED_TRAIN_PY,
    'models/big/model.yml': 'cache: false\n',
    'models/big/src/train.py': LINKING_TRAIN_PY,
    'models/small/model.yml': 'cache: false\n',
    'models/small/src/train.py': LINKING_TRAIN_PY
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true })
    writeFileSync(join(workspace, path), content)
  }
  const git = (...args) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } }).trim()
  git('init', '--quiet', '--initial-branch=main')
  git('add', '--all')
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '--quiet', '-m', 'models')
  log(`writing a ${BIG_FILE_SIZE} model file of random bytes`)
  const bigFd = openSync(bigFile, 'w')
  try {
    execFileSync('head', ['-c', BIG_FILE_SIZE, '/dev/urandom'], { stdio: ['ignore', bigFd, 'inherit'] })
  } finally {
    closeSync(bigFd)
  }
  writeFileSync(smallFile, Buffer.alloc(1024, 7))
  return { workspace, wheels, runnerTemp, traceFile, bigFile, smallFile, sha: git('rev-parse', 'HEAD'), clean: () => git('clean', '-fdxq') }
}

/**
 * Returns `runStep(model, env)`: one `command: train` step for `model` in a new push run, timed as a
 * whole process, with the environment a runner gives an action. Every step shares the workspace and
 * RUNNER_TEMP paths, as jobs on GitHub's runners do, so that the caches match.
 */
function trainStepRunner({ repoRoot, gh, fixture }) {
  const declared = yaml.load(readFileSync(join(repoRoot, 'action.yml'), 'utf8')).inputs ?? {}
  const entry = join(repoRoot, 'dist', 'index.js')
  let steps = 0
  return async function runStep(model, env = {}) {
    const run = gh.addWorkflowRun({ head_sha: fixture.sha, head_branch: 'main', event: 'push' })
    const { env: runnerEnv, token } = gh.runnerEnv({ runId: run.id, jobId: 'train' })
    const files = stepFiles(fixture.runnerTemp, ++steps, pushEvent(fixture.sha))
    const inputs = { command: 'train', model, python: PYTHON, 'pip-args': `--no-index --find-links ${fixture.wheels}` }
    const result = await timeProcess(process.execPath, [entry], {
      cwd: fixture.workspace,
      env: {
        ...inheritedEnv(),
        ...inputEnv(declared, inputs, token),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_WORKSPACE: fixture.workspace,
        GITHUB_SHA: fixture.sha,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_NAME: 'main',
        GITHUB_JOB: 'train',
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        RUNNER_TEMP: fixture.runnerTemp,
        ...runnerEnv,
        ...files,
        ...env
      }
    })
    const failure = result.status === 0 ? undefined : describeFailure(model, result)
    return { ...result, runId: run.id, failure, outputs: () => parseGithubOutput(readFileSync(files.GITHUB_OUTPUT, 'utf8')) }
  }
}

export function pushEvent(sha) {
  const repository = { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, default_branch: 'main' }
  return { ref: 'refs/heads/main', before: '0'.repeat(40), after: sha, repository }
}

/** The event file and the step's empty command files, fresh for every step. */
export function stepFiles(runnerTemp, step, event) {
  const files = freshCommandFiles(join(runnerTemp, '_steps'), step)
  const eventPath = join(dirname(files.GITHUB_OUTPUT), 'event.json')
  writeFileSync(eventPath, JSON.stringify(event))
  return { ...files, GITHUB_EVENT_PATH: eventPath }
}

// The machine's basics, without the GitHub, input and runner variables of the shell the benchmark runs in.
export function inheritedEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(name)))
}

/** INPUT_<NAME> for every input action.yml declares: the step's value, else the default (`github.token` is the job's token). */
export function inputEnv(declared, inputs, token) {
  const context = { 'github.token': token, 'github.event.repository.default_branch': 'main' }
  const env = {}
  for (const [name, spec] of Object.entries(declared)) {
    const fallback = typeof spec?.default === 'string' ? spec.default.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path) => context[path] ?? '') : spec?.default
    const value = name in inputs ? inputs[name] : fallback
    if (value !== undefined) env[`INPUT_${name.toUpperCase()}`] = String(value)
  }
  return env
}

/**
 * Runs `file` with `args` to completion and returns its wall time in seconds, its output and how it
 * ended. Asynchronous: the emulator answering the process runs on this event loop.
 */
export function timeProcess(file, args, options) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint()
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout = []
    const stderr = []
    child.stdout.on('data', (chunk) => stdout.push(chunk))
    child.stderr.on('data', (chunk) => stderr.push(chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS)
    const finish = (status, signal, error) => {
      clearTimeout(timer)
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      resolve({ seconds, status, signal, error, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') })
    }
    child.once('error', (error) => finish(null, null, error))
    child.once('close', (status, signal) => finish(status, signal, undefined))
  })
}

function describeFailure(what, run) {
  if (run.error) return `${what}: ${run.error.message}`
  return [`${what}: exited with ${run.status ?? run.signal} after ${run.seconds.toFixed(3)} s`, '--- stdout', tail(run.stdout, 15), '--- stderr', tail(run.stderr, 15)].join('\n')
}

function check(condition, message) {
  if (!condition) throw new Error(message)
}

/** (1) `train` with a warm dependency cache against the same training run by hand, interleaved. */
async function measureOverhead(runStep, fixture, log) {
  log('warming the dependency cache of the tiny model (a miss, then a hit)')
  for (const expected of ['Successfully installed benchdep', 'pip not run']) {
    const warm = await runStep('tiny')
    check(!warm.failure, warm.failure)
    check(warm.stdout.includes(expected), `the warm-up step of the tiny model did not say "${expected}":\n${tail(warm.stdout, 15)}`)
  }
  const modelDir = join(fixture.workspace, 'models', 'tiny')
  const venvPython = join(fixture.runnerTemp, 'model-ci', 'venvs', 'tiny', 'bin', 'python')
  const byHandEnv = {
    ...process.env,
    MODEL_CI_OUTPUT_DIR: join(modelDir, 'outputs'),
    MODEL_CI_METRICS_FILE: join(modelDir, 'outputs', 'metrics.json')
  }
  log(`timing ${RUNS} train steps of the tiny model, interleaved with ${RUNS} runs of its training by hand`)
  const actionSamples = []
  const byHandSamples = []
  for (let i = 0; i < RUNS; i++) {
    const step = await runStep('tiny')
    check(!step.failure, step.failure)
    check(step.stdout.includes('pip not run'), `step ${i + 1} of the tiny model missed the dependency cache:\n${tail(step.stdout, 15)}`)
    actionSamples.push(step.seconds)
    // The venv the step restored, as a person with the venv activated would run the training.
    const byHand = await timeProcess(venvPython, ['src/train.py'], { cwd: modelDir, env: byHandEnv })
    check(byHand.status === 0, describeFailure('python src/train.py by hand', byHand))
    byHandSamples.push(byHand.seconds)
  }
  const action = median(actionSamples)
  const byHand = median(byHandSamples)
  return { action, byHand, overhead: action - byHand, actionSamples, byHandSamples }
}

/** (2) A step whose fingerprint was trained before: its time, and that the training did not run. */
async function measureRunCacheHit(runStep, fixture, log) {
  const env = { TRACE_FILE: fixture.traceFile }
  const trainings = () => (existsSync(fixture.traceFile) ? readFileSync(fixture.traceFile, 'utf8').split('\n').filter(Boolean).length : 0)
  log('training the traced model once, to fill the run-cache')
  fixture.clean()
  const first = await runStep('traced', env)
  check(!first.failure, first.failure)
  check(first.outputs().get('cache-hit') === 'false', 'the first step of the traced model was a run-cache hit')
  log(`timing 1 + ${RUNS} run-cache hits`)
  const samples = []
  for (let i = 0; i <= RUNS; i++) {
    fixture.clean() // a fresh checkout: the outputs come from the cache
    const step = await runStep('traced', env)
    check(!step.failure, step.failure)
    check(step.outputs().get('cache-hit') === 'true', `step ${i + 1} of the traced model was not a run-cache hit`)
    if (i > 0) samples.push(step.seconds)
  }
  return { median: median(samples), samples, trainings: trainings(), steps: RUNS + 2 }
}

/**
 * (3) A model whose training only links a 1 GiB file into its outputs, against one that links 1 KiB
 * (the fixed cost of a step) and `sha256sum` of the file. Each artifact is deleted after its step, so
 * that the emulator, which keeps blobs in memory, holds one at a time. The emulator's own CPU time
 * (this process's, while a step runs) is reported: on GitHub that work is not on the runner.
 */
async function measureUpload(runStep, gh, fixture, log) {
  const timeStep = async (model, file) => {
    const cpuBefore = process.cpuUsage()
    const step = await runStep(model, { MODEL_FILE: file })
    const cpu = process.cpuUsage(cpuBefore)
    check(!step.failure, step.failure)
    await deleteArtifact(gh, Number(step.outputs().get('artifact-id')))
    return { seconds: step.seconds, emulatorCpuSeconds: (cpu.user + cpu.system) / 1e6 }
  }
  // Interleaved, so that the other work on a shared machine weighs on sha256sum and on the steps alike.
  log(`timing 1 + ${BIG_RUNS} rounds of sha256sum of the ${BIG_FILE_SIZE} file, a train step with it as the model and one with a 1 KiB model`)
  const sha256sumSamples = []
  const big = []
  const small = []
  for (let i = 0; i <= BIG_RUNS; i++) {
    const sha256sum = await timeProcess('sha256sum', [fixture.bigFile], {})
    check(sha256sum.status === 0, describeFailure('sha256sum', sha256sum))
    const bigStep = await timeStep('big', fixture.bigFile)
    const smallStep = await timeStep('small', fixture.smallFile)
    if (i > 0) {
      sha256sumSamples.push(sha256sum.seconds)
      big.push(bigStep)
      small.push(smallStep)
    }
  }
  const bigMedian = median(big.map((sample) => sample.seconds))
  const smallMedian = median(small.map((sample) => sample.seconds))
  return {
    sha256sum: median(sha256sumSamples),
    big: bigMedian,
    small: smallMedian,
    marginal: bigMedian - smallMedian,
    emulatorCpu: median(big.map((sample) => sample.emulatorCpuSeconds)),
    perRound: big.map((sample, i) => sample.seconds / sha256sumSamples[i]),
    sha256sumSamples,
    bigSamples: big,
    smallSamples: small
  }
}

async function deleteArtifact(gh, id) {
  const response = await globalThis.fetch(`${gh.apiUrl}/repos/${OWNER}/${REPO}/actions/artifacts/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${gh.defaultToken}` }
  })
  check(response.status === 204, `deleting artifact ${id} answered ${response.status}`)
}

/** A pure-Python wheel holding one module, for pip to install with --no-index --find-links. */
function buildWheel(dir, name, version, moduleSource) {
  const script = `
import base64, hashlib, sys, zipfile
name, version, folder, source = sys.argv[1:5]
info = f"{name}-{version}.dist-info"
files = {f"{name}.py": source, f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
         f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: model-ci-bench\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"}
def record(text):
    data = text.encode()
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode() + f",{len(data)}"
with zipfile.ZipFile(f"{folder}/{name}-{version}-py3-none-any.whl", "w") as wheel:
    for member, text in files.items():
        wheel.writestr(member, text)
    wheel.writestr(f"{info}/RECORD", "".join(f"{m},{record(t)}\\n" for m, t in files.items()) + f"{info}/RECORD,,\\n")
`
  execFileSync(PYTHON, ['-c', script, name, version, dir, moduleSource])
}

function summarize({ failure, overhead, runCacheHit, upload }) {
  const seconds = (s) => `${s.toFixed(3)} s`
  const verdict = (within) => (within ? 'PASS' : 'OVER')
  if (failure) {
    return { name: 'train', ok: false, header: ['measurement', 'median', 'budget', 'verdict'], rows: [['train benchmark', 'failed', '', 'FAILED']], notes: [`FAILED:\n\n\`\`\`\n${failure}\n\`\`\``], data: { failure } }
  }
  const ratio = (s) => s / upload.sha256sum
  const rows = [
    ['`python src/train.py` by hand (tiny model, its venv)', seconds(overhead.byHand), '', ''],
    ['`train` step, same model, warm dependency cache', seconds(overhead.action), '', ''],
    ['overhead of `train` (step − by hand)', seconds(overhead.overhead), `< ${OVERHEAD_BUDGET_S} s`, verdict(overhead.overhead < OVERHEAD_BUDGET_S)],
    [`run-cache hit (trainings in ${runCacheHit.steps} steps: ${runCacheHit.trainings})`, seconds(runCacheHit.median), 'trains nothing', verdict(runCacheHit.trainings === 1)],
    [`\`sha256sum\` of the ${BIG_FILE_SIZE} file`, seconds(upload.sha256sum), '', ''],
    [`\`train\` step with a ${BIG_FILE_SIZE} model (${ratio(upload.big).toFixed(2)}× sha256sum)`, seconds(upload.big), `≤ ${UPLOAD_BUDGET_RATIO}× sha256sum`, verdict(ratio(upload.big) <= UPLOAD_BUDGET_RATIO)],
    [`packaging + upload of ${BIG_FILE_SIZE}: that step − a 1 KiB model's (${ratio(upload.marginal).toFixed(2)}× sha256sum)`, seconds(upload.marginal), `≤ ${UPLOAD_BUDGET_RATIO}× sha256sum`, verdict(ratio(upload.marginal) <= UPLOAD_BUDGET_RATIO)]
  ]
  const notes = [
    `Medians of ${RUNS} runs (the 1 GiB rows: ${BIG_RUNS} rounds of \`sha256sum\`, the 1 GiB step and the 1 KiB step, interleaved, after 1 warm-up round; the 1 GiB step per round: ${upload.perRound.map((r) => `${r.toFixed(2)}×`).join(', ')} that round's \`sha256sum\`), each step a whole \`node dist/index.js\` process against the GitHub emulator in the benchmark's process.`,
    `The tiny model's requirements (one local wheel) come from the dependency cache in every timed step (pip not run); by hand is its training with that venv's Python. Step with a 1 KiB model: ${seconds(upload.small)}.`,
    `The run-cache hit restores the outputs and uploads them again; the first of the ${runCacheHit.steps} steps trained, the others did not (the trace file counts ${runCacheHit.trainings} training).`,
    `The emulator's own CPU time during a 1 GiB step (receiving the blocks over HTTP; it keeps them as they arrived): ${seconds(upload.emulatorCpu)} (median), on the same machine; on GitHub that work is not on the runner.`
  ]
  return {
    name: 'train',
    ok: runCacheHit.trainings === 1,
    header: ['measurement', 'median', 'budget', 'verdict'],
    rows,
    notes,
    data: { overhead, runCacheHit, upload, budgets: { overheadSeconds: OVERHEAD_BUDGET_S, uploadRatio: UPLOAD_BUDGET_RATIO } }
  }
}
