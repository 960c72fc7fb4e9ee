// `report` reads each model's manifest out of its artifact without downloading the model files
// beside it (HTTP byte ranges on the blob: its end, its directory, the manifest), and no artifact,
// however broken or hostile, takes the report down: a zip with a NUL in an entry name, an entry
// named ".", a zip bomb, a manifest over the size cap or an archive cut short is that model's
// failure, with the reason in its section, and every other model is reported, commented on and
// summarized. The same holds for a ledger artifact of the default branch.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { cpSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serializeManifest } from '../../src/core/manifest.js'
import { escapeMarkdown } from '../../src/core/markdown.js'
import { git } from '../harness/git-repo.js'
import { ACTION_ROOT } from '../harness/job-runner.js'
import { makeZip } from '../harness/zip.js'
import type { MainBranch, ReportSuite } from './report-helpers.js'
import {
  commitFiles,
  expectExit,
  mainWithLedger,
  manifestFor,
  pullRequestJobEvent,
  reportComments,
  runReport,
  seedArtifacts,
  seedManifests,
  startReportSuite
} from './report-helpers.js'

/** Random, so that the zip cannot shrink it: what a trained model's weights look like to deflate. */
const LARGE_OUTPUT_BYTES = 4 * 1024 * 1024
const LARGE = ['large-a', 'large-b']
const HOSTILE = ['nul', 'dot', 'bomb', 'huge', 'truncated']

let suite: ReportSuite
let main: MainBranch

beforeAll(async () => {
  suite = await startReportSuite('report-artifacts')
  const models = Object.fromEntries([...LARGE, 'small', 'good', ...HOSTILE].map((model) => [model, { accuracy: 0.8 }]))
  main = await mainWithLedger(suite, models)
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'feature'])
}, 120_000)

afterAll(async () => {
  await suite?.close()
})

/** A pull request from a new commit on `feature`, and its workflow run. */
async function pullRequest(number: number): Promise<{ sha: string; runId: number }> {
  const sha = await commitFiles(suite.workspace, { 'README.md': `change ${number}\n` })
  suite.gh.addPullRequest({ number, head: { sha, ref: 'feature' }, base: { sha: main.sha, ref: 'main' } })
  const runId = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'feature', event: 'pull_request', pull_requests: [number] }).id
  return { sha, runId }
}

/** The bytes the blob store sent for an artifact, over every request for it. */
function bytesServed(artifactId: number): number {
  const blob = suite.gh.state.artifacts.find((artifact) => artifact.id === artifactId)?.blob
  return suite.gh.requests
    .filter((request) => request.surface === 'blob' && request.method === 'GET' && request.path.endsWith(`/${blob}`))
    .reduce((sum, request) => sum + (request.responseBytes ?? 0), 0)
}

test('a report over models with large outputs reads a few kilobytes of each artifact, not the models', async () => {
  const { sha, runId } = await pullRequest(1)
  const ids = await seedArtifacts(
    suite,
    runId,
    LARGE.map((model) => ({
      name: `model-ci-${model}`,
      files: { 'manifest.json': serializeManifest(manifestFor({ model, metrics: { accuracy: 0.85 }, sha, runId })), 'outputs/model.bin': randomBytes(LARGE_OUTPUT_BYTES) }
    }))
  )
  await seedManifests(suite, runId, [manifestFor({ model: 'small', metrics: { accuracy: 0.9 }, sha, runId })])

  const job = await runReport(suite, { runId, event: pullRequestJobEvent(1, main.sha, sha), sha, inputs: { models: [...LARGE, 'small'].join(' ') } })
  expectExit(job, 0)
  expect(job.outputs.status).toBe('pass')
  const [comment] = reportComments(suite.gh, 1, main.workflowId)
  for (const model of LARGE) expect(comment.body).toMatch(new RegExp(`### 🟢 \`${model}\`[^]*?\\| 0\\.8 \\| 0\\.85 `))
  for (const id of ids) {
    const stored = suite.gh.state.artifacts.find((artifact) => artifact.id === id)
    expect(stored?.size_in_bytes).toBeGreaterThan(LARGE_OUTPUT_BYTES)
    expect(bytesServed(id)).toBeLessThan(32 * 1024)
  }
}, 120_000)

test('broken and hostile artifacts fail their own model with the reason; the others are reported, commented and summarized', async () => {
  const { sha, runId } = await pullRequest(2)
  await seedManifests(suite, runId, [manifestFor({ model: 'good', metrics: { accuracy: 0.9 }, sha, runId })])
  const manifestOf = (model: string) => serializeManifest(manifestFor({ model, metrics: { accuracy: 0.95 }, sha, runId }))
  const whole = makeZip([
    { name: 'manifest.json', content: manifestOf('truncated') },
    { name: 'outputs/model.bin', content: randomBytes(200_000), method: 'store' }
  ])
  const artifacts = {
    // unzip-stream throws on this inside its stream: the process used to die with no comment at all.
    nul: makeZip([{ name: 'manifest.json', content: manifestOf('nul') }, { name: Buffer.from('outputs/evil\0.bin'), content: 'x' }]),
    // The download used to retry this for about 25 s before giving up.
    dot: makeZip([{ name: 'manifest.json', content: manifestOf('dot') }, { name: '.', content: 'x' }]),
    // 100 MB of zeros in 100 kB, declared as 30 MB: inflating stops at the declared size.
    bomb: makeZip([{ name: 'manifest.json', content: Buffer.alloc(100 * 1024 * 1024, 0x20), declaredSize: 30 * 1024 * 1024 }]),
    huge: makeZip([{ name: 'manifest.json', content: Buffer.alloc(40 * 1024 * 1024, 0x20) }]),
    // Cut short after the manifest, which is whole: a reader that streams would take it.
    truncated: whole.subarray(0, whole.length / 2)
  }
  const ids = Object.fromEntries(
    Object.entries(artifacts).map(([model, content]) => [model, suite.gh.addArtifact({ runId, name: `model-ci-${model}`, content }).id])
  )
  const refused = (model: string) => `artifact "model-ci-${model}" (id ${ids[model]}) is not a zip archive model-ci can read: `
  const reasons = {
    nul: `${refused('nul')}an entry's name holds a NUL byte: "outputs/evil\\u0000.bin"`,
    dot: `${refused('dot')}an entry's name is not a relative path inside the archive (an absolute path, ".", ".." or empty parts, or a backslash): "."`,
    bomb: `${refused('bomb')}"manifest.json" inflates to more than the ${30 * 1024 * 1024} bytes its header declares`,
    huge: `artifact "model-ci-huge" (id ${ids.huge}): manifest.json is ${40 * 1024 * 1024} bytes, more than the ${32 * 1024 * 1024} model-ci reads`,
    truncated: `${refused('truncated')}it has no end of central directory record, so it is not a zip archive or it was cut short`
  }

  const started = Date.now()
  const job = await runReport(suite, {
    runId,
    event: pullRequestJobEvent(2, main.sha, sha),
    sha,
    inputs: { models: ['good', ...HOSTILE].join(' '), 'fail-on-regression': 'false' }
  })
  expectExit(job, 0)
  expect(Date.now() - started).toBeLessThan(20_000)
  expect(job.outputs.status).toBe('fail')
  const [comment] = reportComments(suite.gh, 2, main.workflowId)
  expect(comment.body).toContain('**6 models trained: 1 improved, 5 failed.**')
  expect(comment.body).toMatch(/### 🟢 `good`[^]*?\| 0\.8 \| 0\.9 /)
  for (const markdown of [comment.body, job.summary]) {
    for (const model of HOSTILE) {
      expect(markdown).toContain(`### 💥 \`${model}\` — training failed\n\nIts artifact could not be read: ${escapeMarkdown(reasons[model as keyof typeof reasons])} · [Job log]`)
    }
  }
  // Each was refused from what its end and directory say (the huge manifest unread); looking for
  // the end of the one cut short reads the last 80 kB, where an end record can lie.
  for (const model of ['nul', 'dot', 'huge']) expect(bytesServed(ids[model])).toBeLessThan(32 * 1024)
  expect(bytesServed(ids.truncated)).toBeLessThan(100 * 1024)
}, 120_000)

test('a ledger artifact that cannot be read is skipped with a warning, and the one before it is the baseline', async () => {
  const sha = await commitFiles(suite.workspace, { 'README.md': 'on main\n' })
  await git(suite.workspace, ['checkout', '--quiet', 'main'])
  await git(suite.workspace, ['merge', '--quiet', '--ff-only', 'feature'])
  const hostileRun = suite.gh.addWorkflowRun({ head_sha: sha, head_branch: 'main', event: 'push', status: 'completed', conclusion: 'success' })
  const ledger = suite.gh.addArtifact({ runId: hostileRun.id, name: 'model-ci-ledger', content: makeZip([{ name: Buffer.from('ledger.json\0'), content: '{}' }]) })
  await git(suite.workspace, ['checkout', '--quiet', '-b', 'after-ledger'])
  const head = await commitFiles(suite.workspace, { 'README.md': 'after the ledger\n' })
  suite.gh.addPullRequest({ number: 3, head: { sha: head, ref: 'after-ledger' }, base: { sha, ref: 'main' } })
  const runId = suite.gh.addWorkflowRun({ head_sha: head, head_branch: 'after-ledger', event: 'pull_request', pull_requests: [3] }).id
  await seedManifests(suite, runId, [manifestFor({ model: 'good', metrics: { accuracy: 0.9 }, sha: head, runId })])

  const job = await runReport(suite, { runId, event: pullRequestJobEvent(3, sha, head), sha: head, inputs: { models: 'good' } })
  expectExit(job, 0)
  expect(job.warnings.map((warning) => warning.message)).toContain(
    `The ledger of run ${hostileRun.id} was skipped: artifact "model-ci-ledger" (id ${ledger.id}) of run ${hostileRun.id} is not a zip archive model-ci can read: an entry's name holds a NUL byte: "ledger.json\\u0000"`
  )
  const [comment] = reportComments(suite.gh, 3, main.workflowId)
  expect(comment.body).toMatch(/### 🟢 `good`[^]*?\| 0\.8 \| 0\.9 /)
  expect(comment.body).toContain(`run ${main.runId}`)
}, 120_000)

test("a pull request's report lists and reads its artifacts and the ledger without loading @actions/artifact", async () => {
  // dist/ as built, but for the artifact client's chunk, which now fails as it loads: the report
  // must not need it (2 MB of JavaScript, some 125 ms to load, for a listing).
  const dist = join(suite.runnerTemp, 'dist-without-artifact-client')
  cpSync(join(ACTION_ROOT, 'dist'), dist, { recursive: true })
  const clientChunks = readdirSync(join(dist, 'chunks')).filter((name) => /^artifact-[\w-]+\.js$/.test(name))
  expect(clientChunks).toHaveLength(1)
  writeFileSync(join(dist, 'chunks', clientChunks[0]), "throw new Error('the @actions/artifact client was loaded')\n")

  const { sha, runId } = await pullRequest(4)
  await seedManifests(suite, runId, [manifestFor({ model: 'good', metrics: { accuracy: 0.7 }, sha, runId })])
  const job = await runReport(suite, { runId, event: pullRequestJobEvent(4, main.sha, sha), sha, inputs: { models: 'good' }, entry: join(dist, 'index.js') })
  expect(`${job.stdout}${job.stderr}`).not.toContain('the @actions/artifact client was loaded')
  expect(job.outputs.status).toBe('pass')
  const [comment] = reportComments(suite.gh, 4, main.workflowId)
  expect(comment.body).toMatch(/`good`[^]*?\| 0\.8 \| 0\.7 /)
})
