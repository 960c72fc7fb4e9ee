// The detect benchmark of DESIGN.md section 8: `node dist/index.js` as a pull_request step on the `large`
// monorepo, and on `large` where a `shared` change touches every model, side by side with the floor the
// peers were measured against and with the peers themselves (dorny/paths-filter, tj-actions/changed-files)
// in the same run, interleaved; whether its answer is right; the matrix of 251 models; and its cold start
// on a tiny repository against `node -e 0`.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pullRequestActionRunner, pullRequestEvent } from './action-runner.mjs'
import { benchNode, canMeasureMemory, median, memoryOfProcess, tail, timeCommand, timeProcess } from './measure.mjs'
import { monorepo, touchedThroughShared } from './monorepo.mjs'

const LARGE = [2000, 20000, 1000, 10, 10]
// Like `large`, but with 251 models to train: a matrix of one job per model. `large` itself
// exceeds GitHub's 256-job matrix limit, so its models are packed into 256 batched jobs.
const LARGE_MATRIX = [2000, 20000, 246, 5, 5]
const TINY = [10, 5, 2]
// Rounds of every command of a comparison in turn, after one warm-up round.
const RUNS = 7
const MEMORY_RUNS = 3
const COLD_START_RUNS = 15
const DETECT_BUDGET_RATIO = 1.5
const COLD_START_BUDGET_MS = 30

/**
 * The peers, from $MODEL_CI_BENCH_PEERS: a folder holding a git snapshot of each (`<owner>+<name>/repo`,
 * a bare repository, or `<owner>+<name>` as a clone). Their committed dist/ is copied out for the run
 * and removed after it; none of their code is kept. `inputs(fixture)` are the step's `with:`, set up so
 * that each answers from git in the checkout (dorny without a token, which would make it ask the API).
 */
const PEERS = [
  {
    name: 'dorny/paths-filter',
    folder: 'dorny+paths-filter',
    inputs: (globs) => ({ filters: `models:\n${globs.map((glob) => `  - '${glob}'\n`).join('')}`, 'list-files': 'json', token: '' }),
    // The files of the filter, as a JSON list.
    dirs: (outputs) => modelDirs(jsonList(outputs.get('models_files')))
  },
  {
    name: 'tj-actions/changed-files',
    folder: 'tj-actions+changed-files',
    inputs: (globs) => ({ files: globs.join('\n'), dir_names: 'true', dir_names_max_depth: '2', json: 'true', escape_json: 'false' }),
    // Folders of changed files, and of deleted ones apart.
    dirs: (outputs) => modelDirs([...jsonList(outputs.get('all_changed_files')), ...jsonList(outputs.get('deleted_files'))])
  }
]

/** Runs the benchmark; `log` gets progress lines. Returns `{ name, ok, header, rows, notes, data }`. */
export async function benchmarkDetect({ repoRoot, log }) {
  const large = monorepo(repoRoot, LARGE, log)
  const largeShared = touchedThroughShared(large, log)
  const largeMatrix = monorepo(repoRoot, LARGE_MATRIX, log)
  const tiny = monorepo(repoRoot, TINY, log)
  const runnerTemp = mkdtempSync(join(tmpdir(), 'model-ci-bench-detect-'))
  try {
    const peers = copyPeers(join(runnerTemp, 'peers'), log)
    const nodeOnce = () => timeCommand(benchNode(), ['-e', '0'])
    log(`timing on large (${LARGE.join(' ')}): the floor, detect and ${peers.found.length} peer(s), interleaved`)
    const onLarge = compare(repoRoot, large, peers.found, join(runnerTemp, 'large'), { globs: ['models/**'] })
    log('timing on large with every model touched through `shared`, the same way')
    const onShared = compare(repoRoot, largeShared, peers.found, join(runnerTemp, 'large-shared'), {
      globs: ['models/**', 'scripts/**']
    })
    log(`timing detect on large with a matrix (${LARGE_MATRIX.join(' ')})`)
    const detectMatrix = timeAction(detectRunner(repoRoot, largeMatrix, join(runnerTemp, 'large-matrix')), RUNS)
    log(`timing cold start on tiny (${TINY.join(' ')}), interleaved with node -e 0`)
    const coldStart = timeColdStart(detectRunner(repoRoot, tiny, join(runnerTemp, 'tiny')), nodeOnce)
    return summarize({
      onLarge,
      onShared,
      detectMatrix: {
        ...detectMatrix,
        answer: detectMatrix.outputs?.size ? checkAnswer(detectMatrix.outputs, largeMatrix.meta, { matrix: true }) : undefined
      },
      coldStart: { ...coldStart, answer: coldStart.outputs?.size ? checkAnswer(coldStart.outputs, tiny.meta) : undefined },
      peerNote: peers.note
    })
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true })
  }
}

/** Copies each peer's action.yml and dist/ out of its snapshot into `into`; `note` says what was not found. */
function copyPeers(into, log) {
  const from = process.env.MODEL_CI_BENCH_PEERS
  if (!from) return { found: [], note: 'Peers not run: set MODEL_CI_BENCH_PEERS to a folder holding git snapshots of dorny+paths-filter and tj-actions+changed-files.' }
  const found = []
  const missing = []
  for (const peer of PEERS) {
    const gitDir = [join(from, peer.folder, 'repo'), join(from, peer.folder, '.git')].find((dir) => existsSync(dir))
    if (!gitDir) {
      missing.push(`${peer.name} (no ${join(from, peer.folder, 'repo')})`)
      continue
    }
    const root = join(into, peer.folder)
    mkdirSync(root, { recursive: true })
    const archive = join(into, `${peer.folder}.tar`)
    execFileSync('git', [`--git-dir=${gitDir}`, 'archive', '--format=tar', '-o', archive, 'HEAD', 'action.yml', 'dist'])
    execFileSync('tar', ['-xf', archive, '-C', root])
    const commit = execFileSync('git', [`--git-dir=${gitDir}`, 'rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim()
    log(`${peer.name}: dist/ of ${commit}`)
    found.push({ ...peer, root, commit })
  }
  return { found, note: missing.length > 0 ? `Peers not found: ${missing.join('; ')}.` : undefined }
}

/**
 * The floor, detect and the peers on one fixture: `RUNS` rounds of each in turn (so that the machine
 * getting busier or quieter moves all alike) after a warm-up round, then `MEMORY_RUNS` rounds under
 * GNU time for peak memory. A command that fails is dropped from the later rounds, not the others.
 */
function compare(repoRoot, fixture, peers, runnerTemp, { globs, expectedError }) {
  const event = pullRequestEvent({ base: { ref: 'main', sha: fixture.meta.baseSha }, head: { ref: 'feature', sha: fixture.meta.headSha } })
  const gitDiff = ['diff', '--no-renames', '--name-only', 'main...feature']
  const subjects = [
    {
      key: 'floor',
      label: '`node -e 0` + `git diff --no-renames --name-only main...feature` (the floor)',
      once: () => ({ seconds: timeCommand(benchNode(), ['-e', '0']) + timeCommand('git', gitDiff, { cwd: fixture.repo }) }),
      memory: () => Math.max(memoryOfProcess(benchNode(), ['-e', '0']).maxRssKiB, memoryOfProcess('git', gitDiff, { cwd: fixture.repo }).maxRssKiB)
    },
    actionSubject('detect', '`detect`', detectRunner(repoRoot, fixture, join(runnerTemp, 'detect')), expectedError),
    ...peers.map((peer) =>
      actionSubject(
        peer.name,
        peer.name,
        pullRequestActionRunner({ repoRoot: peer.root, workspace: fixture.repo, runnerTemp: join(runnerTemp, peer.folder), event, inputs: peer.inputs(globs) }),
        undefined,
        peer.dirs
      )
    )
  ]
  const results = new Map(subjects.map((subject) => [subject.key, { samples: [], memory: [] }]))
  for (let round = 0; round <= RUNS; round++) {
    for (const subject of subjects) {
      const result = results.get(subject.key)
      if (result.failure) continue
      const run = subject.once()
      if (run.failure) {
        Object.assign(result, run)
        continue
      }
      if (round > 0) result.samples.push(run.seconds)
      result.last = run
    }
  }
  if (canMeasureMemory()) {
    for (let round = 0; round < MEMORY_RUNS; round++) {
      for (const subject of subjects) if (!results.get(subject.key).failure) results.get(subject.key).memory.push(subject.memory())
    }
  }
  const floor = median(results.get('floor').samples)
  return {
    fixture,
    subjects: subjects.map((subject) => {
      const { samples, memory, last, failure, outputs } = results.get(subject.key)
      const seconds = failure ? undefined : median(samples)
      return {
        key: subject.key,
        label: subject.label,
        failure,
        seconds,
        samples,
        ratio: seconds === undefined ? undefined : seconds / floor,
        maxRssKiB: memory.length > 0 ? median(memory) : undefined,
        answer: subject.answer?.(failure ? outputs : last?.outputs, fixture.meta)
      }
    })
  }
}

/** A subject that runs an action: its wall time, its failures (with the outputs it wrote), its answer. */
function actionSubject(key, label, runAction, expectedError, dirsOf) {
  return {
    key,
    label,
    once: () => {
      const run = runAction()
      const failure = describeFailure(run, expectedError)
      return failure ? failed(run, failure) : { seconds: run.seconds, ...readOutputs(run) }
    },
    memory: () => runAction({ memory: true }).maxRssKiB,
    answer: (outputs, meta) => {
      if (!outputs?.size) return undefined
      if (!dirsOf) return checkAnswer(outputs, meta, { matrix: true })
      // A peer lists paths or folders: what a workflow would still have to map to models.
      return { dirs: dirsOf(outputs).length }
    }
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

// One warm-up, then `runs` timed runs. The first failing run ends it; a run that fails with
// `expectedError` in its log (a documented refusal) counts as done.
function timeAction(runAction, runs, expectedError) {
  const samples = []
  let last
  for (let i = 0; i <= runs; i++) {
    last = runAction()
    const failure = describeFailure(last, expectedError)
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

function describeFailure(run, expectedError) {
  if (run.missing) return run.missing
  if (run.error) {
    return run.error.code === 'ETIMEDOUT' ? 'node dist/index.js timed out' : `node dist/index.js: ${run.error.message}`
  }
  if (expectedError) {
    return run.status === 1 && expectedError.test(run.stdout) ? undefined : `expected exit 1 with ${expectedError}, got exit ${run.status}\n${tail(run.stdout, 15)}`
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

function jsonList(raw) {
  try {
    const value = JSON.parse(raw ?? '[]')
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
  } catch {
    return []
  }
}

/** The distinct `models/<name>` folders among paths. */
function modelDirs(paths) {
  return [...new Set(paths.filter((path) => path.startsWith('models/')).map((path) => path.split('/').slice(0, 2).join('/')))]
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

function summarize({ onLarge, onShared, detectMatrix, coldStart, peerNote }) {
  const seconds = (s) => `${s.toFixed(3)} s`
  const mebibytes = (kib) => (kib === undefined ? '' : `${(kib / 1024).toFixed(0)} MiB`)
  const verdict = (within) => (within ? 'PASS' : 'OVER')
  const answerMark = (answer) => {
    if (!answer) return '—'
    if (answer.dirs !== undefined) return `${answer.dirs} folders listed`
    return answer.right ? 'RIGHT' : 'WRONG'
  }
  const comparisonRows = (comparison, title) =>
    comparison.subjects.map((subject) => {
      const label = `${title}: ${subject.label}`
      const budget = subject.key === 'detect' ? `≤ ${DETECT_BUDGET_RATIO.toFixed(2)}×` : ''
      if (subject.failure) return [label, 'failed', '', '', budget, 'FAILED', answerMark(subject.answer)]
      return [
        label,
        seconds(subject.seconds),
        `${subject.ratio.toFixed(2)}×`,
        mebibytes(subject.maxRssKiB),
        budget,
        subject.key === 'detect' ? verdict(subject.ratio <= DETECT_BUDGET_RATIO) : '',
        answerMark(subject.answer)
      ]
    })
  const rows = [
    ...comparisonRows(onLarge, 'large'),
    ...comparisonRows(onShared, 'large, all through `shared`'),
    detectMatrix.failure
      ? ['`detect` on large with 251 models (the whole matrix)', 'failed', '', '', '', 'FAILED', answerMark(detectMatrix.answer)]
      : ['`detect` on large with 251 models (the whole matrix)', seconds(detectMatrix.median), '', '', '', '', answerMark(detectMatrix.answer)],
    coldStart.failure
      ? ['cold start: `detect` on tiny − `node -e 0`', 'failed', '', '', `≤ ${COLD_START_BUDGET_MS} ms`, 'FAILED', answerMark(coldStart.answer)]
      : [
          'cold start: `detect` on tiny − `node -e 0`',
          `${coldStart.differenceMs >= 0 ? '+' : ''}${coldStart.differenceMs.toFixed(0)} ms`,
          '',
          '',
          `≤ ${COLD_START_BUDGET_MS} ms`,
          verdict(coldStart.differenceMs <= COLD_START_BUDGET_MS),
          answerMark(coldStart.answer)
        ]
  ]
  const notes = [
    `Timed with Node ${nodeVersion()}${process.env.MODEL_CI_BENCH_NODE ? ' ($MODEL_CI_BENCH_NODE)' : ''}. ` +
      `Comparisons: medians of ${RUNS} rounds of each command in turn after a warm-up round; peak RSS: median of ${MEMORY_RUNS} runs under GNU time ` +
      '(the largest process, git included); the floor\'s is the larger of its two processes. ' +
      `Matrix: median of ${RUNS} runs; cold start: medians of ${COLD_START_RUNS} interleaved pairs.`,
    'On large, detect packs its 1,010 models (every model with `shared`) into 256 batched jobs, reading every one\'s model.yml; the ledger that would balance them is not reachable here, so they are balanced by count. ' +
      'The peers list paths or folders (with `models/**`, and `scripts/**` on the shared variant); mapping them to models, renamed-away and deleted ones, and a `shared` change to every model is a step a workflow still has to add.'
  ]
  if (peerNote) notes.push(peerNote)
  if (!canMeasureMemory()) notes.push('Peak memory not measured: /usr/bin/time (GNU time) is not installed.')
  if (!coldStart.failure) notes.push(`Cold start: detect on tiny ${seconds(coldStart.detectMedian)}, node -e 0 ${seconds(coldStart.nodeMedian)}.`)
  const detectOf = (comparison) => comparison.subjects.find((subject) => subject.key === 'detect')
  for (const [label, result] of [
    ['detect on large', detectOf(onLarge)],
    ['detect on large, all through shared', detectOf(onShared)],
    ['detect on large with a matrix', detectMatrix],
    ['detect on tiny', coldStart]
  ]) {
    if (result.failure) notes.push(`${label} FAILED:\n\n\`\`\`\n${result.failure}\n\`\`\``)
    const whose = result.failure ? `${label}, in the outputs it wrote before failing` : label
    if (!result.answer && !result.failure) notes.push(`${label}: WRONG: it wrote no outputs.`)
    else if (result.answer?.right) notes.push(`${whose}: RIGHT (${result.answer.models} models, ${result.answer.deleted} deleted).`)
    else if (result.answer) notes.push(`${whose}: WRONG:\n- ${result.answer.problems.join('\n- ')}`)
  }
  for (const comparison of [onLarge, onShared]) {
    for (const subject of comparison.subjects) {
      if (subject.key !== 'detect' && subject.failure) notes.push(`${subject.label} FAILED:\n\n\`\`\`\n${subject.failure}\n\`\`\``)
    }
  }
  const withoutOutputs = ({ outputs: _outputs, ...rest }) => rest
  const comparisonData = (comparison) => ({
    params: comparison.fixture.params,
    variant: comparison.fixture.variant,
    subjects: comparison.subjects
  })
  return {
    name: 'detect',
    ok: [detectOf(onLarge), detectOf(onShared), detectMatrix, coldStart].every((result) => !result.failure && result.answer?.right === true),
    header: ['measurement', 'median', 'vs floor', 'peak RSS', 'budget', 'verdict', 'answer'],
    rows,
    notes,
    data: {
      node: nodeVersion(),
      large: comparisonData(onLarge),
      largeShared: comparisonData(onShared),
      largeMatrix: { params: LARGE_MATRIX, ...withoutOutputs(detectMatrix) },
      tiny: TINY,
      coldStart: withoutOutputs(coldStart),
      budgets: { detectVsFloor: DETECT_BUDGET_RATIO, coldStartMs: COLD_START_BUDGET_MS }
    }
  }
}

function nodeVersion() {
  return timeProcess(benchNode(), ['--version']).stdout.trim()
}
