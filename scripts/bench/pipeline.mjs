// The pipeline benchmark of issue 11: 2,000 models through `shared`, end to end through the GitHub
// emulator (started in this process; see emulator.mjs) with `node dist/index.js` as every step. A
// push to main trains every model and records the ledger; then a pull request that changes the
// shared script trains every model again and comments. For each: detect (default max-jobs, 256),
// its matrix (jobs, models per job), every train job of the matrix (as many at once as there are
// cores, each in a workspace and RUNNER_TEMP of its own, reset between jobs as a fresh runner
// would be), then report; the wall time of each phase, the bytes moved, and proof of the outcome:
// every model trained once (the training appends to a trace file), one artifact per model, one
// pull-request comment, a ledger with every model.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { importTypeScript } from '../import-typescript.mjs'
import { testPython } from '../python-test-env.mjs'
import { pullRequestEvent } from './action-runner.mjs'
import { startBundledEmulator } from './emulator.mjs'
import { parseGithubOutput } from './github-output.mjs'
import { median, tail } from './measure.mjs'
import { monorepo, trainableThroughShared } from './monorepo.mjs'
import { inheritedEnv, inputEnv, pushEvent, stepFiles, timeProcess } from './train.mjs'

const PYTHON = benchPython()
// $MODEL_CI_BENCH_PIPELINE_MODELS makes a smaller one, for a quick look.
const MODELS = Number(process.env.MODEL_CI_BENCH_PIPELINE_MODELS || 2000)
// make-monorepo.sh PATH N F K: 2,000 models on main; feature changes one file (the variant then
// replaces every training and changes the shared script, so every model trains on both commits).
const PIPELINE = [MODELS, 1, 1]
// One train job per core: each is a Node process that spends its time starting Python, hashing
// and uploading, and the emulator answering them shares the same cores.
const JOBS_AT_ONCE = Math.max(1, cpus().length)
const OWNER = 'acme'
const REPO = 'models'
const PULL_REQUEST = 1

/** Runs the benchmark; `log` gets progress lines. Returns `{ name, ok, header, rows, notes, data }`. */
export async function benchmarkPipeline({ repoRoot, log }) {
  if (!existsSync(join(repoRoot, 'dist', 'index.js'))) {
    return summarize({ failure: 'dist/index.js does not exist: run `npm run bundle` first' })
  }
  const fixture = trainableThroughShared(monorepo(repoRoot, PIPELINE, log), log)
  const root = mkdtempSync(join(tmpdir(), 'model-ci-bench-pipeline-'))
  let gh
  try {
    // The fixture plays GitHub's copy of the repository: its main and feature are the branches.
    gh = await startBundledEmulator(repoRoot, { owner: OWNER, repo: REPO, defaultBranch: 'main', gitDir: fixture.repo })
    const records = await recordReaders(repoRoot)
    const runStep = stepRunner(repoRoot, gh)
    const runners = Array.from({ length: JOBS_AT_ONCE + 1 }, (_, index) => makeRunner(fixture.repo, join(root, `runner-${index}`)))
    const [detectRunner, ...trainRunners] = runners
    const { baseSha, headSha } = fixture.meta
    const expected = fixture.meta.expectedPresent

    log(`push to main of ${expected.length} models: detect, ${JOBS_AT_ONCE} train jobs at once, report`)
    gh.setBranch('main', baseSha)
    const push = await runPipeline({ gh, runStep, detectRunner, trainRunners, log, root, run: pushRun(gh, baseSha) })
    gh.updateWorkflowRun(push.runId, { status: 'completed', conclusion: push.failure ? 'failure' : 'success' })

    log(`pull request that changes the shared script: the same, compared with the push's ledger`)
    gh.addPullRequest({ number: PULL_REQUEST, head: { sha: headSha, ref: 'feature' }, base: { sha: baseSha, ref: 'main' } })
    const pull = await runPipeline({ gh, runStep, detectRunner, trainRunners, log, root, run: pullRequestRun(gh, { baseSha, headSha }) })
    gh.updateWorkflowRun(pull.runId, { status: 'completed', conclusion: pull.failure ? 'failure' : 'success' })

    return summarize({
      push: { ...push, checks: checkRun(gh, push, expected, { ledger: await ledgerModels(gh, records, push.runId) }) },
      pull: { ...pull, checks: checkRun(gh, pull, expected, { comments: pullRequestComments(gh) }) },
      models: expected.length
    })
  } catch (error) {
    return summarize({ failure: error.stack ?? error.message })
  } finally {
    await gh?.close()
    rmSync(root, { recursive: true, force: true })
  }
}

function pushRun(gh, sha) {
  const run = gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push', status: 'in_progress' })
  return {
    id: run.id,
    label: 'push to main',
    sha,
    event: pushEvent(sha),
    env: { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' }
  }
}

function pullRequestRun(gh, { baseSha, headSha }) {
  const run = gh.addWorkflowRun({ head_sha: headSha, head_branch: 'feature', event: 'pull_request', pull_requests: [PULL_REQUEST], status: 'in_progress' })
  return {
    id: run.id,
    label: 'pull request',
    sha: headSha,
    event: pullRequestEvent({ base: { ref: 'main', sha: baseSha }, head: { ref: 'feature', sha: headSha } }),
    // GitHub's GITHUB_SHA for a pull request is its merge commit; the fixture has none, so the head.
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_SHA: headSha,
      GITHUB_REF: `refs/pull/${PULL_REQUEST}/merge`,
      GITHUB_REF_NAME: `${PULL_REQUEST}/merge`,
      GITHUB_HEAD_REF: 'feature',
      GITHUB_BASE_REF: 'main'
    }
  }
}

/**
 * A runner machine: its workspace (a clone of the fixture, objects hard-linked) and RUNNER_TEMP.
 * `checkout(sha)` resets both as a fresh job on a new runner starts: the commit checked out, nothing
 * a job before left behind.
 */
function makeRunner(source, dir) {
  const workspace = join(dir, 'work', REPO)
  const runnerTemp = join(dir, 'temp')
  execFileSync('git', ['clone', '--quiet', '--local', '--no-checkout', source, workspace])
  const git = (...args) => execFileSync('git', args, { cwd: workspace, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } })
  return {
    workspace,
    runnerTemp,
    checkout(sha) {
      git('checkout', '--quiet', '--force', '--detach', sha)
      git('clean', '-fdxq')
      rmSync(runnerTemp, { recursive: true, force: true })
      mkdirSync(runnerTemp, { recursive: true })
    }
  }
}

/**
 * Returns `runStep(run, jobId, runner, inputs)`: one step of the model-ci action in `run`'s job
 * `jobId` on `runner`, timed as a whole process, with the environment a runner gives an action.
 */
function stepRunner(repoRoot, gh) {
  const declared = yaml.load(readFileSync(join(repoRoot, 'action.yml'), 'utf8')).inputs ?? {}
  const entry = join(repoRoot, 'dist', 'index.js')
  let steps = 0
  return async function runStep(run, jobId, runner, inputs, extraEnv = {}) {
    const { env: runnerEnv, token } = gh.runnerEnv({ runId: run.id, jobId })
    const files = stepFiles(runner.runnerTemp, ++steps, run.event)
    const firstRequest = gh.requests.length
    const result = await timeProcess(process.execPath, [entry], {
      cwd: runner.workspace,
      env: {
        ...inheritedEnv(),
        ...inputEnv(declared, inputs, token),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: runner.workspace,
        GITHUB_WORKFLOW: 'model-ci',
        GITHUB_ACTOR: 'octocat',
        GITHUB_JOB: jobId,
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        RUNNER_TEMP: runner.runnerTemp,
        ...run.env,
        ...runnerEnv,
        ...files,
        ...extraEnv
      }
    })
    const requests = gh.requests.slice(firstRequest)
    const outputs = parseGithubOutput(readFileSync(files.GITHUB_OUTPUT, 'utf8'))
    const failure = result.status === 0 ? undefined : describeFailure(`${jobId} (${inputs.command})`, result)
    return { ...result, outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), requests, failure }
  }
}

/** detect, then every train job of its matrix, `trainRunners.length` at once, then report: one workflow run. */
async function runPipeline({ gh, runStep, detectRunner, trainRunners, log, root, run }) {
  const started = process.hrtime.bigint()
  const failures = []
  detectRunner.checkout(run.sha)
  const detect = await runStep(run, 'detect', detectRunner, { command: 'detect' })
  if (detect.failure) throw new Error(detect.failure)
  const entries = JSON.parse(detect.outputs.get('matrix')).include
  const modelsOf = (entry) => entry.models ?? [entry.model]
  log(`${run.label}: detect ${detect.seconds.toFixed(2)} s, ${entries.length} jobs; training`)

  const traceFile = join(root, `trainings-${run.id}.log`)
  const trainStarted = process.hrtime.bigint()
  const firstTrainRequest = gh.requests.length
  const jobs = await inPool(entries, trainRunners, async (entry, runner) => {
    runner.checkout(run.sha)
    const inputs = { command: 'train', model: entry.model ?? '', models: (entry.models ?? []).join(' '), python: PYTHON }
    const job = await runStep(run, 'train', runner, inputs, { TRACE_FILE: traceFile })
    if (job.failure) failures.push(job.failure)
    return { models: modelsOf(entry).length, seconds: job.seconds }
  })
  const trainSeconds = seconds(trainStarted)
  const trainRequests = gh.requests.slice(firstTrainRequest)
  log(`${run.label}: ${jobs.length} train jobs in ${trainSeconds.toFixed(1)} s; report`)

  detectRunner.checkout(run.sha)
  const report = await runStep(run, 'report', detectRunner, { command: 'report', models: detect.outputs.get('models') })
  if (report.failure) failures.push(report.failure)
  if (report.outputs.get('status') !== 'pass') failures.push(`report's status is ${report.outputs.get('status')}, not pass`)
  return {
    runId: run.id,
    label: run.label,
    failure: failures.length > 0 ? failures.slice(0, 5).join('\n\n') : undefined,
    matrix: { jobs: entries.length, modelsPerJob: entries.map((entry) => modelsOf(entry).length), models: entries.flatMap(modelsOf) },
    detect: { seconds: detect.seconds, requests: detect.requests.length },
    train: {
      seconds: trainSeconds,
      jobSeconds: jobs.map((job) => job.seconds),
      requests: trainRequests.length,
      uploadedBytes: bytesOf(trainRequests, 'PUT', 'bodyBytes'),
      trainings: existsSync(traceFile) ? readFileSync(traceFile, 'utf8').split('\n').filter(Boolean) : []
    },
    report: {
      seconds: report.seconds,
      requests: report.requests.length,
      downloadedBytes: bytesOf(report.requests, 'GET', 'responseBytes'),
      summary: report.summary
    },
    totalSeconds: seconds(started)
  }
}

/**
 * $PYTHON, else the test venv's interpreter (as the tests train), else python3; always the real
 * executable, as actions/setup-python puts one on PATH: a pyenv shim would add a shell script's
 * start-up to each of the thousands of interpreter starts. Any Python 3 runs the tiny training.
 */
function benchPython() {
  const chosen = process.env.PYTHON || (existsSync(testPython()) ? testPython() : 'python3')
  return execFileSync(chosen, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim()
}

/** Runs `work(item, runner)` for every item, each runner doing one at a time; results in the items' order. */
async function inPool(items, runners, work) {
  const results = new Array(items.length)
  let next = 0
  await Promise.all(
    runners.map(async (runner) => {
      while (next < items.length) {
        const index = next++
        results[index] = await work(items[index], runner)
      }
    })
  )
  return results
}

/** The bytes of blob-store requests of `method`: what was sent to storage (PUT) or read from it (GET). */
function bytesOf(requests, method, field) {
  return requests.filter((request) => request.surface === 'blob' && request.method === method).reduce((sum, request) => sum + (request[field] ?? 0), 0)
}

function seconds(since) {
  return Number(process.hrtime.bigint() - since) / 1e9
}

function describeFailure(what, run) {
  if (run.error) return `${what}: ${run.error.message}`
  const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
  return [`${what}: exited with ${run.status ?? run.signal}`, ...annotations.slice(0, 5), '--- stdout', tail(run.stdout, 10), '--- stderr', tail(run.stderr, 10)].join('\n')
}

/** Reading the records back as a user would find them: the ledger's models from its artifact's zip. */
async function recordReaders(repoRoot) {
  const { readZipEntry } = await importTypeScript(repoRoot, 'src/core/zip-entry.ts')
  const { parseLedger, LEDGER_ARTIFACT, LEDGER_FILE, MAX_LEDGER_BYTES } = await importTypeScript(repoRoot, 'src/core/ledger.ts')
  return { readZipEntry, parseLedger, LEDGER_ARTIFACT, LEDGER_FILE, MAX_LEDGER_BYTES }
}

async function ledgerModels(gh, records, runId) {
  const artifacts = gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === runId && artifact.finalized && artifact.name === records.LEDGER_ARTIFACT)
  if (artifacts.length !== 1) return { problem: `run ${runId} has ${artifacts.length} ${records.LEDGER_ARTIFACT} artifacts` }
  const zip = gh.blob(artifacts[0].blob)
  const archive = { size: zip.length, read: async (offset, length) => zip.subarray(offset, offset + length) }
  const text = await records.readZipEntry(archive, records.LEDGER_FILE, { maxBytes: records.MAX_LEDGER_BYTES, source: records.LEDGER_ARTIFACT })
  if (text === undefined) return { problem: `${records.LEDGER_ARTIFACT} holds no ${records.LEDGER_FILE}` }
  return { models: Object.keys(records.parseLedger(text.toString('utf8'), records.LEDGER_ARTIFACT).models), bytes: zip.length }
}

function pullRequestComments(gh) {
  return gh.state.comments.filter((comment) => comment.issue_number === PULL_REQUEST)
}

/**
 * What a user of the run would check: every expected model in the matrix once, trained once, with
 * one artifact each and no other artifact but the ledger; for a push, a ledger of every model; for
 * a pull request, one comment.
 */
function checkRun(gh, run, expected, { ledger, comments }) {
  const problems = []
  const sameModels = (label, names) => {
    const sorted = [...names].sort()
    const twice = sorted.filter((name, index) => sorted[index - 1] === name)
    const missing = expected.filter((name) => !names.includes(name))
    if (twice.length > 0 || missing.length > 0 || sorted.length !== expected.length) {
      problems.push(`${label}: ${sorted.length} for ${expected.length} models (twice: ${twice.slice(0, 5).join(', ') || 'none'}; missing: ${missing.slice(0, 5).join(', ') || 'none'})`)
    }
  }
  sameModels('models in the matrix', run.matrix.models)
  sameModels('trainings (trace file)', run.train.trainings)
  const artifacts = gh.state.artifacts.filter((artifact) => artifact.workflow_run_id === run.runId && artifact.finalized)
  const modelArtifacts = artifacts.filter((artifact) => artifact.name !== 'model-ci-ledger')
  sameModels('model artifacts', modelArtifacts.map((artifact) => artifact.name.replace(/^model-ci-/, '')))
  const checks = {
    trainings: run.train.trainings.length,
    modelArtifacts: modelArtifacts.length,
    artifactBytes: modelArtifacts.reduce((sum, artifact) => sum + artifact.size_in_bytes, 0)
  }
  if (!run.report.summary.includes(`**${expected.length.toLocaleString('en-US')} models trained`) && !run.report.summary.includes(`**${expected.length} models trained`)) {
    problems.push(`the report's summary does not say ${expected.length} models trained: ${run.report.summary.split('\n').find((line) => line.includes('models trained')) ?? '(no headline)'}`)
  }
  if (ledger) {
    if (ledger.problem) problems.push(ledger.problem)
    else sameModels('ledger entries', ledger.models)
    Object.assign(checks, { ledgerEntries: ledger.models?.length, ledgerBytes: ledger.bytes })
  } else if (artifacts.length !== modelArtifacts.length) {
    problems.push('a pull request run wrote a ledger')
  }
  if (comments) {
    if (comments.length !== 1) problems.push(`the pull request has ${comments.length} comments, not 1`)
    Object.assign(checks, { comments: comments.length, commentCharacters: comments[0]?.body.length })
  }
  return { ...checks, problems }
}

function summarize({ failure, push, pull, models }) {
  const header = ['measurement', 'push to main', 'pull request']
  if (failure) return { name: 'pipeline', ok: false, header, rows: [['pipeline benchmark', 'failed', 'FAILED']], notes: [`FAILED:\n\n\`\`\`\n${failure}\n\`\`\``], data: { failure } }
  const s = (value) => `${value.toFixed(2)} s`
  const megabytes = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`
  const spread = (values) => `${Math.min(...values)} / ${median(values)} / ${Math.max(...values)}`
  const spreadSeconds = (values) => `${s(Math.min(...values))} / ${s(median(values))} / ${s(Math.max(...values))}`
  const both = (label, of) => [label, of(push), of(pull)]
  const count = (value) => (value === undefined ? '—' : value.toLocaleString('en-US'))
  const rows = [
    both('`detect`: wall time', (run) => s(run.detect.seconds)),
    both('matrix: jobs', (run) => count(run.matrix.jobs)),
    both('matrix: models per job (min / median / max)', (run) => spread(run.matrix.modelsPerJob)),
    both(`train: every job, ${JOBS_AT_ONCE} at once: wall time`, (run) => s(run.train.seconds)),
    both('train: one job (min / median / max)', (run) => spreadSeconds(run.train.jobSeconds)),
    both('train: per model (wall time ÷ models)', (run) => `${((run.train.seconds / run.matrix.models.length) * 1000).toFixed(0)} ms`),
    both('`report`: wall time', (run) => s(run.report.seconds)),
    both('total (detect + train + report, with the checkouts)', (run) => s(run.totalSeconds)),
    both('trainings run (trace file)', (run) => count(run.checks.trainings)),
    both('model artifacts (one per model, none twice)', (run) => count(run.checks.modelArtifacts)),
    both('pull-request comments', (run) => count(run.checks.comments)),
    both('ledger entries', (run) => count(run.checks.ledgerEntries)),
    both('bytes uploaded by the train jobs (blob storage)', (run) => megabytes(run.train.uploadedBytes)),
    both('bytes of the model artifacts', (run) => megabytes(run.checks.artifactBytes)),
    both('bytes `report` downloaded (blob storage)', (run) => megabytes(run.report.downloadedBytes)),
    both('requests to GitHub: detect / train / report', (run) => `${count(run.detect.requests)} / ${count(run.train.requests)} / ${count(run.report.requests)}`),
    both('size of the ledger artifact / of the comment', (run) => (run.checks.ledgerBytes !== undefined ? megabytes(run.checks.ledgerBytes) : `${count(run.checks.commentCharacters)} characters`)),
    both('verdict', (run) => (run.failure || run.checks.problems.length > 0 ? 'WRONG' : 'RIGHT'))
  ]
  const notes = [
    `${models.toLocaleString('en-US')} models (make-monorepo.sh ${PIPELINE.join(' ')}, every model depending on scripts/** through \`shared\`, each training a tiny real Python script, ${PYTHON}, standard library only), run once per event: ` +
      `the push to main trains every model (a first push of the default branch), the pull request changes the shared script. Every step is a whole \`node dist/index.js\` process against the GitHub emulator in the benchmark's process, which answers on the same cores; ` +
      `the train jobs run ${JOBS_AT_ONCE} at once (one per core), each on a workspace of its own reset to the commit between jobs. Checks: the models of the matrix, the trainings the trace file counts, the model artifacts and the ledger's entries are each exactly the ${models.toLocaleString('en-US')} models, none twice.`
  ]
  for (const run of [push, pull]) {
    if (run.failure) notes.push(`${run.label} FAILED:\n\n\`\`\`\n${run.failure}\n\`\`\``)
    if (run.checks.problems.length > 0) notes.push(`${run.label} WRONG:\n- ${run.checks.problems.join('\n- ')}`)
  }
  const ok = [push, pull].every((run) => !run.failure && run.checks.problems.length === 0)
  const data = Object.fromEntries([push, pull].map((run) => [run.label, { ...run, report: { ...run.report, summary: undefined }, train: { ...run.train, trainings: run.train.trainings.length } }]))
  return { name: 'pipeline', ok, header, rows, notes, data: { models, jobsAtOnce: JOBS_AT_ONCE, ...data } }
}
