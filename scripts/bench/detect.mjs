// The detect benchmark of DESIGN.md section 8: `node dist/index.js` as a pull_request step on the `large`
// monorepo against the floor the peers were measured against, whether its answer is right, and its cold
// start on a tiny repository against `node -e 0`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pullRequestActionRunner, pullRequestEvent } from './action-runner.mjs'
import { median, sampleMedian, tail, timeCommand } from './measure.mjs'
import { monorepo } from './monorepo.mjs'

const LARGE = [2000, 20000, 1000, 10, 10]
// Like `large`, but with 251 models to train: a matrix of one job per model. `large` itself
// exceeds GitHub's 256-job matrix limit, so its models are packed into 256 batched jobs.
const LARGE_MATRIX = [2000, 20000, 246, 5, 5]
const TINY = [10, 5, 2]
const RUNS = 5
const COLD_START_RUNS = 15
const DETECT_BUDGET_S = 0.15
const COLD_START_BUDGET_MS = 40

/** Runs the benchmark; `log` gets progress lines. Returns `{ name, ok, header, rows, notes, data }`. */
export async function benchmarkDetect({ repoRoot, log }) {
  const large = monorepo(repoRoot, LARGE, log)
  const largeMatrix = monorepo(repoRoot, LARGE_MATRIX, log)
  const tiny = monorepo(repoRoot, TINY, log)
  const runnerTemp = mkdtempSync(join(tmpdir(), 'model-ci-bench-detect-'))
  try {
    const nodeOnce = () => timeCommand(process.execPath, ['-e', '0'])
    const gitDiffOnce = () => timeCommand('git', ['diff', '--no-renames', '--name-only', 'main...feature'], { cwd: large.repo })
    log('timing the floor and node -e 0')
    const floor = sampleMedian(() => nodeOnce() + gitDiffOnce(), { runs: RUNS })
    const node = sampleMedian(nodeOnce, { runs: RUNS })
    log(`timing detect on large (${LARGE.join(' ')})`)
    const detect = timeAction(detectRunner(repoRoot, large, join(runnerTemp, 'large')), RUNS)
    log(`timing detect on large with a matrix (${LARGE_MATRIX.join(' ')})`)
    const detectMatrix = timeAction(detectRunner(repoRoot, largeMatrix, join(runnerTemp, 'large-matrix')), RUNS)
    log(`timing cold start on tiny (${TINY.join(' ')}), interleaved with node -e 0`)
    const coldStart = timeColdStart(detectRunner(repoRoot, tiny, join(runnerTemp, 'tiny')), nodeOnce)
    return summarize({
      floor,
      node,
      detect: { ...detect, answer: detect.outputs?.size ? checkAnswer(detect.outputs, large.meta, { matrix: true }) : undefined },
      detectMatrix: {
        ...detectMatrix,
        answer: detectMatrix.outputs?.size ? checkAnswer(detectMatrix.outputs, largeMatrix.meta, { matrix: true }) : undefined
      },
      coldStart: { ...coldStart, answer: coldStart.outputs?.size ? checkAnswer(coldStart.outputs, tiny.meta) : undefined }
    })
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true })
  }
}

function detectRunner(repoRoot, fixture, runnerTemp) {
  if (!existsSync(join(repoRoot, 'dist', 'index.js'))) {
    return () => ({ missing: 'dist/index.js does not exist: run `npm run bundle` first' })
  }
  const { baseSha, headSha } = fixture.meta
  return pullRequestActionRunner({
    repoRoot,
    workspace: fixture.repo,
    runnerTemp,
    event: pullRequestEvent({ base: { ref: 'main', sha: baseSha }, head: { ref: 'feature', sha: headSha } }),
    inputs: { command: 'detect', token: 'dummy' }
  })
}

// One warm-up, then `runs` timed runs. The first failing run ends it.
function timeAction(runAction, runs) {
  const samples = []
  let last
  for (let i = 0; i <= runs; i++) {
    last = runAction()
    const failure = describeFailure(last)
    if (failure) return failed(last, failure)
    if (i > 0) samples.push(last.seconds)
  }
  return { median: median(samples), samples, ...readOutputs(last) }
}

// Interleaved, so that the machine getting busier or quieter moves both sides alike.
function timeColdStart(runAction, nodeOnce) {
  const nodeSamples = []
  const detectSamples = []
  let last
  for (let i = 0; i <= COLD_START_RUNS; i++) {
    const nodeSeconds = nodeOnce()
    last = runAction()
    const failure = describeFailure(last)
    if (failure) return failed(last, failure)
    if (i > 0) {
      nodeSamples.push(nodeSeconds)
      detectSamples.push(last.seconds)
    }
  }
  const detectMedian = median(detectSamples)
  const nodeMedian = median(nodeSamples)
  const differenceMs = (detectMedian - nodeMedian) * 1000
  return { detectMedian, nodeMedian, differenceMs, detectSamples, nodeSamples, ...readOutputs(last) }
}

// A GITHUB_OUTPUT the runner could not read is a failure of the action, like a non-zero exit.
function readOutputs(run) {
  try {
    return { outputs: run.outputs() }
  } catch (error) {
    return { failure: error.message }
  }
}

// A failed run's time means nothing, but the outputs it wrote before failing still show how right it was.
function failed(run, failure) {
  let outputs
  try {
    outputs = run.outputs?.()
  } catch {
    outputs = undefined
  }
  return { failure, outputs }
}

function describeFailure(run) {
  if (run.missing) return run.missing
  if (run.error) {
    return run.error.code === 'ETIMEDOUT' ? 'node dist/index.js timed out' : `node dist/index.js: ${run.error.message}`
  }
  if (run.status === 0) return undefined
  // @actions/core writes ::error:: annotations to stdout; crashes go to stderr.
  return [
    `node dist/index.js exited with ${run.status ?? run.signal} after ${run.seconds.toFixed(3)} s`,
    '--- stdout (last 15 lines)',
    tail(run.stdout, 15),
    '--- stderr (last 15 lines)',
    tail(run.stderr, 15)
  ].join('\n')
}

/** Compares detect's outputs with what make-monorepo.sh says a right answer is; lists every difference. */
function checkAnswer(outputs, meta, { matrix = false } = {}) {
  const problems = []
  const nameList = (name) => {
    const raw = outputs.get(name)
    if (raw === undefined) {
      problems.push(`no \`${name}\` output`)
      return []
    }
    try {
      const value = JSON.parse(raw)
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
    } catch {
      // reported below
    }
    problems.push(`\`${name}\` is not a JSON list of names: ${raw.slice(0, 80)}`)
    return []
  }
  const models = nameList('models')
  const deleted = nameList('deleted')
  compareNames('models', models, meta.expectedPresent, problems)
  compareNames('deleted', deleted, meta.expectedDeleted, problems)
  const expectOutput = (name, expected) => {
    if (outputs.get(name) !== expected) problems.push(`\`${name}\` is ${JSON.stringify(outputs.get(name))}, expected ${expected}`)
  }
  expectOutput('has-models', String(meta.expectedPresent.length > 0))
  expectOutput('base-sha', meta.mergeBaseSha)
  expectOutput('head-sha', meta.headSha)
  if (matrix) {
    try {
      const include = JSON.parse(outputs.get('matrix') ?? 'null')?.include ?? []
      // A job trains one model, or past 256 a batch of them.
      compareNames('matrix', include.flatMap((job) => job.models ?? [job.model]), meta.expectedPresent, problems)
      if (include.length > 256) problems.push(`the matrix has ${include.length} jobs, more than GitHub's 256`)
      const fingerprints = include.flatMap((job) => job.fingerprints ?? [job.fingerprint])
      if (!fingerprints.every((fingerprint) => /^sha256:[0-9a-f]{64}$/.test(fingerprint))) problems.push('a matrix job lacks its fingerprint')
    } catch {
      problems.push('`matrix` is not JSON')
    }
  }
  return { right: problems.length === 0, models: models.length, deleted: deleted.length, problems }
}

function compareNames(output, actual, expected, problems) {
  const actualSet = new Set(actual)
  const expectedSet = new Set(expected)
  const sample = (names) => names.slice(0, 5).join(', ') + (names.length > 5 ? ', ...' : '')
  const missing = expected.filter((name) => !actualSet.has(name))
  const unexpected = actual.filter((name) => !expectedSet.has(name))
  if (missing.length > 0) problems.push(`\`${output}\` lacks ${missing.length} of ${expected.length} expected: ${sample(missing)}`)
  if (unexpected.length > 0) problems.push(`\`${output}\` has ${unexpected.length} unexpected: ${sample(unexpected)}`)
  if (actualSet.size !== actual.length) problems.push(`\`${output}\` names a model more than once`)
}

function summarize({ floor, node, detect, detectMatrix, coldStart }) {
  const seconds = (s) => `${s.toFixed(3)} s`
  const vsFloor = (s) => `${(s / floor.median).toFixed(2)}×`
  const verdict = (within) => (within ? 'PASS' : 'OVER')
  const answerMark = (answer) => (answer ? (answer.right ? 'RIGHT' : 'WRONG') : '—')
  const rows = [
    ['floor: `node -e 0` + `git diff --no-renames --name-only main...feature` on large', seconds(floor.median), '1.00×', '', '', ''],
    ['`node -e 0`', seconds(node.median), vsFloor(node.median), '', '', ''],
    ...[
      ['`detect` on large (1,010 models: 256 batched jobs)', detect],
      ['`detect` on large with 251 models (the whole matrix)', detectMatrix]
    ].map(([label, result]) =>
      result.failure
        ? [label, 'failed', '', `< ${DETECT_BUDGET_S} s`, 'FAILED', answerMark(result.answer)]
        : [label, seconds(result.median), vsFloor(result.median), `< ${DETECT_BUDGET_S} s`, verdict(result.median < DETECT_BUDGET_S), answerMark(result.answer)]
    ),
    coldStart.failure
      ? ['cold start: `detect` on tiny − `node -e 0`', 'failed', '', `≤ ${COLD_START_BUDGET_MS} ms`, 'FAILED', answerMark(coldStart.answer)]
      : ['cold start: `detect` on tiny − `node -e 0`', `${coldStart.differenceMs >= 0 ? '+' : ''}${coldStart.differenceMs.toFixed(0)} ms`, '',
          `≤ ${COLD_START_BUDGET_MS} ms`, verdict(coldStart.differenceMs <= COLD_START_BUDGET_MS), answerMark(coldStart.answer)]
  ]
  const notes = [`Medians of ${RUNS} runs after 1 warm-up; cold start: medians of ${COLD_START_RUNS} interleaved pairs.`]
  if (!coldStart.failure) {
    notes.push(`Cold start: detect on tiny ${seconds(coldStart.detectMedian)}, node -e 0 ${seconds(coldStart.nodeMedian)}.`)
  }
  for (const [label, result] of [['detect on large', detect], ['detect on large with a matrix', detectMatrix], ['detect on tiny', coldStart]]) {
    if (result.failure) notes.push(`${label} FAILED:\n\n\`\`\`\n${result.failure}\n\`\`\``)
    const whose = result.failure ? `${label}, in the outputs it wrote before failing` : label
    if (!result.answer && !result.failure) notes.push(`${label}: WRONG: it wrote no outputs.`)
    else if (result.answer?.right) notes.push(`${whose}: RIGHT (${result.answer.models} models, ${result.answer.deleted} deleted).`)
    else if (result.answer) notes.push(`${whose}: WRONG:\n- ${result.answer.problems.join('\n- ')}`)
  }
  const withoutOutputs = ({ outputs: _outputs, ...rest }) => rest
  return {
    name: 'detect',
    ok: [detect, detectMatrix, coldStart].every((result) => !result.failure && result.answer?.right === true),
    header: ['measurement', 'median', 'vs floor', 'budget', 'verdict', 'answer'],
    rows,
    notes,
    data: {
      large: LARGE,
      largeMatrix: LARGE_MATRIX,
      tiny: TINY,
      floor,
      node,
      detect: withoutOutputs(detect),
      detectMatrix: withoutOutputs(detectMatrix),
      coldStart: withoutOutputs(coldStart),
      budgets: { detectSeconds: DETECT_BUDGET_S, coldStartMs: COLD_START_BUDGET_MS }
    }
  }
}
