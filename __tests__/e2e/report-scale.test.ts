// `report` at GitHub's limits: 256 models (the matrix maximum) with 50 metrics each, whose names
// are full of Markdown and HTML. The comment stays under GitHub's 65,536 characters, the job
// summary carries more, and no metric name turns into markup, a link, a mention or a run line.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ZERO_SHA } from '../../__fixtures__/events.js'
import { runIdOf } from '../../src/commands/report/sticky-comment.js'
import { git } from '../harness/git-repo.js'
import type { ReportSuite } from './report-helpers.js'
import {
  commitFiles,
  expectExit,
  manifestFor,
  metricsModel,
  pullRequestJobEvent,
  pushJobEvent,
  reportComments,
  runReport,
  seedManifests,
  startReportSuite
} from './report-helpers.js'

const MODELS = Array.from({ length: 256 }, (_, index) => `model-${String(index).padStart(3, '0')}`)

/** Names a hostile or careless training may write; each must show as text. */
const NASTY_METRICS = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)> accuracy',
  '**bold** _it_ ~~gone~~ loss',
  '| a | b | recall',
  '[click](https://evil.example/phish) f1',
  '@octocat precision',
  '</details><details open> auc',
  '`tick` ``double`` error',
  '<!-- model-ci:run 99999999999 --> mae',
  '# heading https://evil.example rmse'
]
const METRICS = [...NASTY_METRICS, ...Array.from({ length: 40 }, (_, index) => `metric_${String(index).padStart(2, '0')}_accuracy`)]

function metricsOf(shift: number): Record<string, number> {
  return Object.fromEntries(METRICS.map((name, index) => [name, 0.5 + ((index * 7) % 40) / 100 + shift]))
}

let suite: ReportSuite
let mainSha: string
let mainRunId: number

beforeAll(async () => {
  suite = await startReportSuite('report-scale')
  const files: Record<string, string> = { 'model-ci.yml': 'metrics:\n  "metric_0*": { gate: true, tolerance: 1% }\n' }
  for (const model of MODELS) Object.assign(files, metricsModel(model, { accuracy: 1 }))
  mainSha = await commitFiles(suite.workspace, files)
  mainRunId = suite.gh.addWorkflowRun({ head_sha: mainSha, head_branch: 'main', event: 'push', status: 'in_progress' }).id
  await seedManifests(
    suite,
    mainRunId,
    MODELS.map((model) => manifestFor({ model, metrics: metricsOf(0), sha: mainSha, runId: mainRunId }))
  )
}, 120_000)

afterAll(async () => {
  await suite?.close()
})

test('a push of 256 models with 50 metrics each writes their ledger', async () => {
  const job = await runReport(suite, { runId: mainRunId, event: pushJobEvent(ZERO_SHA, mainSha), sha: mainSha, inputs: { models: JSON.stringify(MODELS) } })
  expectExit(job, 0)
  expect(job.outputs.status).toBe('pass')
  expect(job.stdout).toContain(`Wrote model-ci-ledger (256 models, 256 trained in this run)`)
  suite.gh.updateWorkflowRun(mainRunId, { status: 'completed', conclusion: 'success' })
}, 120_000)

test('the pull request comment for 256 x 50 metrics stays under 65,536 characters and shows every name as text', async () => {
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'tune'])
  const sha = await commitFiles(suite.workspace, { 'README.md': 'tuned every model\n' })
  suite.gh.addPullRequest({ number: 4, head: { sha, ref: 'tune' }, base: { sha: mainSha, ref: 'main' } })
  const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'tune', event: 'pull_request', pull_requests: [4] }).id
  // Every other model regresses every metric by 0.05; the others improve by as much.
  await seedManifests(
    suite,
    runId,
    MODELS.map((model, index) => manifestFor({ model, metrics: metricsOf(index % 2 === 0 ? -0.05 : 0.05), sha, runId }))
  )
  const job = await runReport(suite, {
    runId,
    event: pullRequestJobEvent(4, mainSha, sha),
    sha,
    inputs: { models: MODELS.join('\n'), 'fail-on-regression': 'false' }
  })
  expectExit(job, 0)
  expect(job.outputs.status).toBe('fail')
  // Down by 0.05 regresses the 45 metrics to maximize, up by 0.05 the 4 to minimize; the
  // <script> metric has no goal, so no verdict.
  expect(job.outputs.regressions).toBe(String(128 * 45 + 128 * 4))

  const [comment] = reportComments(suite.gh, 4, suite.gh.state.runs[0].workflow_id)
  expect(comment.body.length).toBeLessThan(65_536)
  expect(runIdOf(comment.body)).toBe(runId)
  expect(job.summary.length).toBeGreaterThan(comment.body.length)
  // GitHub's limit is 1 MiB of UTF-8, and the marks are 4-byte emoji.
  expect(Buffer.byteLength(job.summary)).toBeLessThanOrEqual(1024 * 1024)
  // The report file holds every model, whatever the comment and the summary had to leave out.
  const whole = readFileSync(job.outputs.report, 'utf8')
  expect(whole.length).toBeGreaterThan(job.summary.length)
  expect(whole).not.toContain('Left out for size')
  for (const model of MODELS) expect(whole).toContain(`\`${model}\``)

  for (const [where, markdown] of [
    ['comment', comment.body],
    ['summary', job.summary]
  ]) {
    const prose = outsideCode(markdown.split('\n').slice(2).join('\n'))
    expect({ where, html: prose.match(/<(script|img|details open|\/details><details)\b[^>]*>/gi) }).toEqual({ where, html: null })
    expect({ where, link: prose.match(/\]\(https:\/\/evil\.example/g) }).toEqual({ where, link: null })
    expect({ where, mention: prose.match(/(^|[^\w`])@octocat/g) }).toEqual({ where, mention: null })
    expect({ where, runLine: prose.match(/<!-- model-ci:run/g) }).toEqual({ where, runLine: null })
  }
  // The names are there, readable, in the whole report's tables.
  expect(whole).toContain('<script>alert("x")</script>')
}, 120_000)

/** Markdown without its code spans and fenced blocks, where GitHub shows text as it is. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '')
}
