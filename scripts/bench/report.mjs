// The report benchmark of DESIGN.md section 8: compare and render the Markdown comment for 256 models x 50
// metrics with realistic metric names and random values; the time (median in one process after warm-ups, and
// one cold whole process against `node -e 0`) and the size of the comment against GitHub's 65,536 characters.
//
// Run as `node scripts/bench/report.mjs --once <bundle>` it is the cold process: one compare and render,
// printed as JSON.
//
// Then `command: report` over 50 model artifacts of 100 MB outputs each (report-artifacts.mjs): the step's
// time and the bytes it downloaded, for this checkout's dist/ and, when MODEL_CI_BENCH_REPORT_BASELINE names
// another dist/index.js (an older commit's, built in its own checkout), for that one too.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { median, tail, timeCommand, timeProcess } from './measure.mjs'
import { ARTIFACT_MODELS, ARTIFACT_RUNS, OUTPUT_BYTES, measureReportArtifacts } from './report-artifacts.mjs'

const MODELS = 256
const METRICS = 50
const WARMUPS = 3
const RUNS = 15
const COLD_RUNS = 5
const BUDGET_MS = 200
const COMMENT_LIMIT = 65_536

/** Runs the benchmark; `log` gets progress lines. Returns `{ name, ok, header, rows, notes, data }`. */
export async function benchmarkReport({ repoRoot, log }) {
  const bundle = await bundleReport(repoRoot)
  try {
    const report = await import(pathToFileURL(bundle).href)
    const input = reportInput()
    log(`timing compare + render for ${MODELS} models x ${METRICS} metrics: ${WARMUPS} warm-ups, ${RUNS} runs`)
    for (let i = 0; i < WARMUPS; i++) compareAndRender(report, input)
    const samples = Array.from({ length: RUNS }, () => compareAndRender(report, input))
    const warm = {
      totalMs: median(samples.map((sample) => sample.compareMs + sample.renderMs)),
      compareMs: median(samples.map((sample) => sample.compareMs)),
      renderMs: median(samples.map((sample) => sample.renderMs)),
      samples: samples.map((sample) => sample.compareMs + sample.renderMs)
    }
    const last = samples[samples.length - 1]
    const summary = jobSummary(report, input)
    log(`timing the cold whole process, interleaved with node -e 0 (${COLD_RUNS} runs)`)
    const cold = timeColdProcess(bundle)
    const problems = checkComment(last.markdown, report)
    const artifacts = await measureReportArtifacts({ repoRoot, log, bundles: reportBundles(repoRoot) })
    return summarize({ warm, cold, size: last.markdown.length, summary, problems, artifacts })
  } finally {
    rmSync(bundle, { force: true })
  }
}

/** This checkout's bundle, and the baseline's when MODEL_CI_BENCH_REPORT_BASELINE names one. */
function reportBundles(repoRoot) {
  const baseline = process.env.MODEL_CI_BENCH_REPORT_BASELINE
  return { 'this checkout': join(repoRoot, 'dist', 'index.js'), ...(baseline ? { [`baseline (${baseline})`]: resolve(baseline) } : {}) }
}

/** compare.ts and render-markdown.ts bundled into one module, as the action bundles them. */
async function bundleReport(repoRoot) {
  // Loaded here, not at the top: the cold process imports this file too, and must not pay for esbuild.
  const { build } = await import('esbuild')
  const { outputFiles } = await build({
    stdin: {
      contents: "export { compareModel } from './src/core/compare.ts'\nexport { renderMarkdown } from './src/core/report/render-markdown.ts'\n",
      resolveDir: repoRoot,
      loader: 'ts'
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning'
  })
  const cacheDir = join(repoRoot, 'node_modules', '.cache', 'model-ci')
  mkdirSync(cacheDir, { recursive: true })
  const file = join(cacheDir, `report-bench-${process.pid}.mjs`)
  writeFileSync(file, outputFiles[0].contents)
  return file
}

// Names as real projects write them: splits, slices and the usual metric words, so goals come from names.
const SPLITS = ['train', 'val', 'test']
const WORDS = ['accuracy', 'loss', 'f1', 'precision', 'recall', 'auc', 'rmse', 'mae', 'latency_p95_ms', 'throughput', 'calibration_error', 'coverage']
const RULES = [
  { pattern: 'test.accuracy', policy: { goal: 'maximize', tolerance: { kind: 'absolute', value: 0.005 }, gate: true } },
  { pattern: '*loss*', policy: { goal: 'minimize', tolerance: { kind: 'percent', value: 2 } } }
]

/** A deterministic pseudo-random sequence in [0, 1), so every run measures the same report. */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** Baseline and head metrics of every model: every value moves a little, which is the largest report. */
function reportInput() {
  const next = random(812)
  const names = Array.from({ length: METRICS }, (_, i) =>
    i === 0 ? 'test.accuracy' : `${SPLITS[i % SPLITS.length]}.slice_${Math.floor(i / WORDS.length)}.${WORDS[i % WORDS.length]}`
  )
  return Array.from({ length: MODELS }, (_, m) => {
    const base = Object.fromEntries(names.map((name) => [name, next()]))
    const head = Object.fromEntries(names.map((name) => [name, base[name] * (1 + (next() - 0.5) * 0.1)]))
    return { model: `model-${String(m).padStart(3, '0')}`, base, head }
  })
}

const RUN_URL = 'https://github.com/octo/models/actions/runs/812'
const BASELINE = { kind: 'ledger', runId: 800, runUrl: 'https://github.com/octo/models/actions/runs/800', sha: 'c'.repeat(40), match: 'merge-base' }

function reportDocument(report, input) {
  return {
    workflow: 'models',
    run: { id: 812, url: RUN_URL, sha: 'b'.repeat(40), artifactsUrl: `${RUN_URL}#artifacts` },
    baseSha: 'c'.repeat(40),
    notes: [],
    models: input.map(({ model, base, head }) => ({
      comparison: report.compareModel(model, base, { status: 'success', metrics: head }, RULES),
      baseline: BASELINE,
      baseVersion: '2026.11.26-090000-ccccccc-r800',
      head: { version: '2026.11.27-100000-bbbbbbb-r812', sha: 'b'.repeat(40), runId: 812, artifactName: `model-ci-${model}`, artifactId: 1000 + Number(model.slice(6)), failure: null, runCache: 'miss' }
    }))
  }
}

function compareAndRender(report, input) {
  const start = performance.now()
  const doc = reportDocument(report, input)
  const compared = performance.now()
  const markdown = report.renderMarkdown(doc, { marker: '<!-- model-ci:report:models -->' })
  const end = performance.now()
  return { compareMs: compared - start, renderMs: end - compared, markdown }
}

/** The whole report, uncapped: what a job summary would carry if it had room. */
function jobSummary(report, input) {
  const doc = reportDocument(report, input)
  const start = performance.now()
  const markdown = report.renderMarkdown(doc, { maxLength: Infinity })
  return { ms: performance.now() - start, size: markdown.length, bytes: Buffer.byteLength(markdown) }
}

// Interleaved, so that the machine getting busier or quieter moves both sides alike.
function timeColdProcess(bundle) {
  const script = fileURLToPath(import.meta.url)
  const nodeSamples = []
  const reportSamples = []
  let last
  for (let i = 0; i <= COLD_RUNS; i++) {
    const nodeSeconds = timeCommand(process.execPath, ['-e', '0'])
    last = timeProcess(process.execPath, [script, '--once', bundle])
    if (last.error || last.status !== 0) {
      return { failure: `node scripts/bench/report.mjs --once exited with ${last.status ?? last.signal ?? last.error?.message}\n${tail(last.stderr, 15)}` }
    }
    if (i > 0) {
      nodeSamples.push(nodeSeconds)
      reportSamples.push(last.seconds)
    }
  }
  const once = JSON.parse(last.stdout)
  return { processMs: median(reportSamples) * 1000, nodeMs: median(nodeSamples) * 1000, coldRunMs: once.ms, nodeSamples, reportSamples }
}

/** What a reader of the comment must find in it, and its size. */
function checkComment(markdown, report) {
  const problems = []
  if (markdown.length > COMMENT_LIMIT) problems.push(`the comment has ${markdown.length} characters, more than GitHub's ${COMMENT_LIMIT}`)
  if (!markdown.startsWith('<!-- model-ci:report:models -->\n## model-ci report — models')) problems.push('the comment does not start with the marker and the title')
  if (!/\*\*\d+ gates? failed\. 256 models trained: /.test(markdown)) problems.push('the headline does not count the gate failures and the 256 models')
  if (!markdown.includes('Shortened to fit in a comment, without ')) problems.push('the comment does not say what was cut')
  if (report.renderMarkdown === undefined) problems.push('render-markdown.ts exports no renderMarkdown')
  return problems
}

function summarize({ warm, cold, size, summary, problems, artifacts }) {
  const ms = (value) => `${value.toFixed(1)} ms`
  const verdict = (within) => (within ? 'PASS' : 'OVER')
  const rows = [
    [`compare + render, ${MODELS} models x ${METRICS} metrics, in process`, ms(warm.totalMs), `< ${BUDGET_MS} ms`, verdict(warm.totalMs < BUDGET_MS)],
    ['… of which compare', ms(warm.compareMs), '', ''],
    ['… of which render (with the size cap)', ms(warm.renderMs), '', ''],
    ['size of the comment', `${size.toLocaleString('en-US')} characters`, `≤ ${COMMENT_LIMIT.toLocaleString('en-US')}`, verdict(size <= COMMENT_LIMIT)],
    ['render of the whole report, uncapped', `${ms(summary.ms)}: ${summary.size.toLocaleString('en-US')} characters, ${summary.bytes.toLocaleString('en-US')} bytes`, '', '']
  ]
  if (cold.failure) rows.push(['cold whole process', 'failed', '', 'FAILED'])
  else {
    rows.push(
      ['cold whole process: `node` + load + compare + render', ms(cold.processMs), '', ''],
      ['… its compare + render, not warmed up', ms(cold.coldRunMs), `< ${BUDGET_MS} ms`, verdict(cold.coldRunMs < BUDGET_MS)],
      ['`node -e 0`', ms(cold.nodeMs), '', '']
    )
  }
  const megabytes = (bytes) => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: bytes < 1e7 ? 2 : 0 })} MB`
  const artifactsWhat = `\`report\` step, ${ARTIFACT_MODELS} models with ${OUTPUT_BYTES / 1e6} MB outputs`
  if (artifacts.failure) rows.push([artifactsWhat, 'failed', '', 'FAILED'])
  else {
    for (const [label, result] of Object.entries(artifacts.results)) {
      const downloadsNoModels = result.bytes < artifacts.artifactBytes / 100
      rows.push(
        [`${artifactsWhat}: ${label}`, `${result.seconds.toFixed(2)} s`, '', ''],
        [`… bytes it downloaded of the ${megabytes(artifacts.artifactBytes)} of artifacts`, megabytes(result.bytes), 'no model files', verdict(downloadsNoModels)]
      )
    }
  }
  const notes = [
    `In process: medians of ${RUNS} runs after ${WARMUPS} warm-ups. Cold: medians of ${COLD_RUNS} whole processes interleaved with \`node -e 0\`, after 1 warm-up each; the cold process also makes the input.`,
    'Every one of the 12,800 values moves by up to ±5%, the largest report there is: the comment shows what fits and names the rest.'
  ]
  notes.push(
    `The ${ARTIFACT_MODELS}-model report: medians of ${ARTIFACT_RUNS} whole \`node dist/index.js\` steps after 1 warm-up against the GitHub emulator in this process; downloaded = the bytes the emulator's blob store sent while the step ran (the ledger's lookups send none: there is no ledger).`
  )
  if (artifacts.failure) notes.push(`the ${ARTIFACT_MODELS}-model report FAILED:\n\n\`\`\`\n${artifacts.failure}\n\`\`\``)
  if (cold.failure) notes.push(`cold whole process FAILED:\n\n\`\`\`\n${cold.failure}\n\`\`\``)
  if (problems.length > 0) notes.push(`WRONG:\n- ${problems.join('\n- ')}`)
  return {
    name: 'report',
    ok: problems.length === 0 && !cold.failure && !artifacts.failure,
    header: ['measurement', 'median', 'budget', 'verdict'],
    rows,
    notes,
    data: { models: MODELS, metrics: METRICS, warm, cold, commentCharacters: size, jobSummary: summary, artifacts, budgets: { ms: BUDGET_MS, commentCharacters: COMMENT_LIMIT } }
  }
}

// The cold process: one compare and render of the same input, its time and size on stdout.
if (process.argv[2] === '--once' && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await import(pathToFileURL(process.argv[3]).href)
  const input = reportInput()
  const { compareMs, renderMs, markdown } = compareAndRender(report, input)
  process.stdout.write(`${JSON.stringify({ ms: compareMs + renderMs, size: markdown.length })}\n`)
}
