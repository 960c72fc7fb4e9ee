// The report benchmark's second half (DESIGN.md section 8: "report downloads no model files"): `command:
// report` for a pull request whose run holds 50 model artifacts, each a manifest beside a 100 MB output
// file, through the GitHub emulator (started in this process). It measures the step's wall time and the
// bytes the blob store sent for the run's artifacts, for this checkout's dist/ and, when
// MODEL_CI_BENCH_REPORT_BASELINE names another bundle's dist/index.js (main's, say), for that one too,
// interleaved.
//
// The artifacts are written straight into the emulator (its addArtifact) as train uploads them:
// manifest.json first, then outputs/model.bin, stored (random bytes do not deflate), so seeding costs no
// upload. The emulator keeps blobs in memory: 50 x 100 MB is 5 GB of this process.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { importTypeScript } from '../import-typescript.mjs'
import { pullRequestEvent } from './action-runner.mjs'
import { startBundledEmulator } from './emulator.mjs'
import { parseGithubOutput } from './github-output.mjs'
import { median, tail } from './measure.mjs'
import { inheritedEnv, inputEnv, stepFiles, timeProcess } from './train.mjs'

export const ARTIFACT_MODELS = 50
export const OUTPUT_BYTES = 100 * 1000 * 1000
export const ARTIFACT_RUNS = 3
const OWNER = 'acme'
const REPO = 'models'

/**
 * Returns `{ samples: { [label]: [{ seconds, bytes }] }, artifactBytes }` for the bundles `{ label: dist/index.js }`,
 * or `{ failure }`.
 */
export async function measureReportArtifacts({ repoRoot, log, bundles }) {
  const root = mkdtempSync(join(tmpdir(), 'model-ci-bench-report-'))
  const gh = await startBundledEmulator(repoRoot, { owner: OWNER, repo: REPO, defaultBranch: 'main' })
  try {
    const { makeZip } = await importTypeScript(repoRoot, '__tests__/harness/zip.ts')
    const { buildManifest, serializeManifest } = await importTypeScript(repoRoot, 'src/core/manifest.ts')
    const fixture = makeRepository(root)
    gh.addPullRequest({ number: 1, head: { sha: fixture.sha, ref: 'feature' }, base: { sha: fixture.sha, ref: 'main' } })
    const run = gh.addWorkflowRun({ head_sha: fixture.sha, head_branch: 'feature', event: 'pull_request', pull_requests: [1] })
    log(`seeding ${ARTIFACT_MODELS} artifacts of ${OUTPUT_BYTES / 1e6} MB into the emulator`)
    const weights = randomBytes(OUTPUT_BYTES)
    let artifactBytes = 0
    for (const model of fixture.models) {
      const manifest = serializeManifest(buildManifest(manifestInput(model, fixture.sha, run.id)))
      const content = makeZip([{ name: 'manifest.json', content: manifest }, { name: 'outputs/model.bin', content: weights, method: 'store' }])
      artifactBytes += gh.addArtifact({ runId: run.id, name: `model-ci-${model}`, content }).size_in_bytes
    }
    const runStep = reportStepRunner({ repoRoot, gh, fixture, runId: run.id })
    const samples = Object.fromEntries(Object.keys(bundles).map((label) => [label, []]))
    log(`timing 1 + ${ARTIFACT_RUNS} report steps over them for ${Object.keys(bundles).join(' and ')}, interleaved`)
    for (let i = 0; i <= ARTIFACT_RUNS; i++) {
      for (const [label, entry] of Object.entries(bundles)) {
        const step = await runStep(entry)
        if (step.failure) return { failure: `${label}: ${step.failure}` }
        if (i > 0) samples[label].push({ seconds: step.seconds, bytes: step.blobBytes })
      }
    }
    return {
      artifactBytes,
      results: Object.fromEntries(
        Object.entries(samples).map(([label, runs]) => [label, { seconds: median(runs.map((r) => r.seconds)), bytes: median(runs.map((r) => r.bytes)), runs }])
      )
    }
  } catch (error) {
    return { failure: error.stack ?? error.message }
  } finally {
    await gh.close()
    rmSync(root, { recursive: true, force: true })
  }
}

/** A repository of ARTIFACT_MODELS models (their code is never run: the artifacts are seeded). */
function makeRepository(root) {
  const workspace = join(root, 'repo')
  const models = Array.from({ length: ARTIFACT_MODELS }, (_, index) => `model-${String(index).padStart(2, '0')}`)
  for (const model of models) {
    mkdirSync(join(workspace, 'models', model, 'src'), { recursive: true })
    writeFileSync(join(workspace, 'models', model, 'src', 'train.py'), 'print("not run")\n')
  }
  const git = (...args) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } }).trim()
  git('init', '--quiet', '--initial-branch=main')
  git('add', '--all')
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '--quiet', '-m', 'models')
  return { workspace, runnerTemp: join(root, 'runner-temp'), models, sha: git('rev-parse', 'HEAD') }
}

function manifestInput(model, sha, runId) {
  return {
    model,
    fingerprint: `sha256:${'ab'.repeat(32)}`,
    sha,
    ref: 'refs/pull/1/merge',
    event: 'pull_request',
    runId,
    runAttempt: 1,
    createdAt: new Date('2026-12-01T10:00:00Z'),
    metrics: { accuracy: 0.9, 'val.loss': 0.2 },
    files: [{ path: 'model.bin', size: OUTPUT_BYTES, sha256: '0'.repeat(64) }],
    python: '3.11.7',
    runnerOs: 'Linux',
    timings: { install_s: 0, train_s: 1, evaluate_s: null },
    cache: { dependencies: 'none', run: 'miss' },
    failure: null
  }
}

/**
 * Returns `runStep(entry)`: one `command: report` step of the pull request's run with the bundle `entry`,
 * timed as a whole process, with the bytes the blob store sent while it ran.
 */
function reportStepRunner({ repoRoot, gh, fixture, runId }) {
  const declared = yaml.load(readFileSync(join(repoRoot, 'action.yml'), 'utf8')).inputs ?? {}
  let steps = 0
  return async function runStep(entry) {
    if (!existsSync(entry)) return { failure: `${entry} does not exist: run \`npm run bundle\` there first` }
    const { env: runnerEnv, token } = gh.runnerEnv({ runId, jobId: 'report' })
    const event = pullRequestEvent({ base: { ref: 'main', sha: fixture.sha }, head: { ref: 'feature', sha: fixture.sha } })
    const files = stepFiles(fixture.runnerTemp, ++steps, event)
    const firstRequest = gh.requests.length
    const result = await timeProcess(process.execPath, [entry], {
      cwd: fixture.workspace,
      env: {
        ...inheritedEnv(),
        ...inputEnv(declared, { command: 'report', models: fixture.models.join(' ') }, token),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_WORKSPACE: fixture.workspace,
        GITHUB_SHA: fixture.sha,
        GITHUB_REF: 'refs/pull/1/merge',
        GITHUB_REF_NAME: '1/merge',
        GITHUB_HEAD_REF: 'feature',
        GITHUB_BASE_REF: 'main',
        GITHUB_WORKFLOW: 'models',
        GITHUB_ACTOR: 'octocat',
        GITHUB_JOB: 'report',
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        RUNNER_TEMP: fixture.runnerTemp,
        ...runnerEnv,
        ...files
      }
    })
    const blobBytes = gh.requests
      .slice(firstRequest)
      .filter((request) => request.surface === 'blob' && request.method === 'GET')
      .reduce((sum, request) => sum + (request.responseBytes ?? 0), 0)
    const outputs = result.status === 0 ? parseGithubOutput(readFileSync(files.GITHUB_OUTPUT, 'utf8')) : undefined
    const summary = result.status === 0 ? readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') : ''
    const reported = fixture.models.every((model) => summary.includes(`\`${model}\``))
    const failure =
      result.status !== 0 || outputs?.get('status') !== 'pass' || !reported
        ? [
            `report with ${entry} exited ${result.status ?? result.signal} (status ${outputs?.get('status')}, every model reported: ${reported})`,
            ...result.stdout.split('\n').filter((line) => line.startsWith('::error') || line.startsWith('::warning')),
            tail(result.stdout, 15),
            tail(result.stderr, 15)
          ].join('\n')
        : undefined
    return { seconds: result.seconds, blobBytes, failure }
  }
}
