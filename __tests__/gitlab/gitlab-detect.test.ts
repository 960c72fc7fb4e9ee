/**
 * `model-ci detect` in a GitLab CI job (GITLAB_CI=true), run as the bundled CLI over a checkout made
 * the way GitLab's runner makes one: `git init`, `origin`, a shallow fetch (GIT_DEPTH 20) of the
 * pipeline's ref, then a detached HEAD, with no other refs. The trigger comes from GitLab's
 * predefined variables; the merge-base lies deeper than 20 commits, so detect has to deepen.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import { GitOrigin, git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { ACTION_ROOT } from '../harness/job-runner.js'
import { modelCi } from '../cli/cli-process.js'

const ZERO = '0'.repeat(40)
let dir: string
let origin: GitOrigin
let mergeBase: string
let mainTip: string
let featureTip: string

/** The quick-start example as files to commit. */
function quickstartFiles(): Record<string, string> {
  const root = join(ACTION_ROOT, 'examples', 'quickstart')
  const files: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else files[relative(root, path)] = readFileSync(path, 'utf8')
    }
  }
  walk(root)
  return files
}

/** A GitLab runner's checkout of `sha` for pipeline `pipelineId`, fetching `refspecs` too, GIT_DEPTH 20. */
async function gitlabCheckout(sha: string, pipelineId: number, refspecs: string[]): Promise<string> {
  await origin.publish([`${sha}:refs/pipelines/${pipelineId}`])
  const workspace = mkdtempSync(join(dir, 'gitlab-workspace-'))
  await git(workspace, ['init', '--quiet'])
  await git(workspace, ['remote', 'add', 'origin', origin.url])
  await git(workspace, ['fetch', '--quiet', '--prune', '--no-tags', '--depth=20', 'origin', `+refs/pipelines/${pipelineId}:refs/pipelines/${pipelineId}`, ...refspecs])
  await git(workspace, ['checkout', '--quiet', '--force', sha])
  return workspace
}

function gitlabEnv(extra: Record<string, string>): Record<string, string> {
  return {
    GITLAB_CI: 'true',
    CI_DEFAULT_BRANCH: 'main',
    CI_PROJECT_ID: '42',
    CI_PROJECT_NAMESPACE: 'ml-team',
    CI_PROJECT_NAME: 'quickstart',
    CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
    CI_PIPELINE_ID: '1000',
    CI_JOB_URL: 'https://gitlab.example.com/ml-team/quickstart/-/jobs/1',
    ...extra
  }
}

/** The train jobs of the child pipeline detect wrote in `workspace`. */
function trainJobs(workspace: string): string[] {
  const pipeline = load(readFileSync(join(workspace, 'child.yml'), 'utf8')) as Record<string, unknown>
  return Object.keys(pipeline).filter((key) => key.startsWith('train ') || key === 'no model changed')
}

beforeAll(async () => {
  dir = makeTempDir('model-ci-gitlab-detect-')
  origin = await GitOrigin.create(dir)
  mergeBase = await origin.commit('main', quickstartFiles(), { message: 'two models' })
  await origin.createBranch('feature', 'main')
  featureTip = await origin.commitSeries('feature', 25, (index) => ({ 'models/churn/notes.txt': `change ${index}\n` }))
  mainTip = await origin.commitSeries('main', 5, (index) => ({ 'models/fraud/notes.txt': `change ${index}\n` }))
  await origin.publish([`${featureTip}:refs/merge-requests/7/head`])
})

afterAll(() => removeDir(dir))

describe('detect in a GitLab CI job', () => {
  test('a merge-request pipeline deepens the shallow, detached checkout to its diff base and trains the one changed model', async () => {
    const workspace = await gitlabCheckout(featureTip, 1001, ['+refs/merge-requests/7/head:refs/remotes/origin/merge-requests/7/head'])
    expect((await git(workspace, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('true')
    const env = gitlabEnv({
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_COMMIT_SHA: featureTip,
      CI_COMMIT_BEFORE_SHA: ZERO,
      CI_MERGE_REQUEST_IID: '7',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: mergeBase,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature'
    })
    const result = await modelCi(workspace, ['detect', '--gitlab-child-pipeline', 'child.yml'], env)
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('GitLab CI, merge request !7')
    expect(trainJobs(workspace)).toEqual(['train churn'])
  })

  test('a shallow checkout that cannot be deepened is one line of advice for GitLab, not for actions/checkout', async () => {
    const workspace = await gitlabCheckout(featureTip, 1007, [])
    await git(workspace, ['remote', 'set-url', 'origin', `${origin.url}-gone`])
    const env = gitlabEnv({
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_COMMIT_SHA: featureTip,
      CI_MERGE_REQUEST_IID: '7',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: mergeBase,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main'
    })
    const result = await modelCi(workspace, ['detect'], env)
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(/^model-ci detect cannot tell what changed: .*; keep GitLab's checkout of the job \(GIT_STRATEGY fetch or clone.*\n$/)
    expect(result.stderr).not.toContain('actions/checkout')
  })

  test('a push that created a branch counts from the merge-base with the default branch, fetched from origin', async () => {
    const workspace = await gitlabCheckout(featureTip, 1002, ['+refs/heads/feature:refs/remotes/origin/feature'])
    const env = gitlabEnv({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: featureTip, CI_COMMIT_BEFORE_SHA: ZERO, CI_COMMIT_BRANCH: 'feature' })
    const result = await modelCi(workspace, ['detect', '--gitlab-child-pipeline', 'child.yml'], env)
    expect(result.stderr).toBe('')
    expect(trainJobs(workspace)).toEqual(['train churn'])
  })

  test('a push to the default branch diffs from CI_COMMIT_BEFORE_SHA, fetched from origin', async () => {
    const before = await origin.revParse('main~1')
    const workspace = await gitlabCheckout(mainTip, 1003, ['+refs/heads/main:refs/remotes/origin/main'])
    const env = gitlabEnv({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: mainTip, CI_COMMIT_BEFORE_SHA: before, CI_COMMIT_BRANCH: 'main' })
    const result = await modelCi(workspace, ['detect', '--gitlab-child-pipeline', 'child.yml'], env)
    expect(result.exitCode).toBe(0)
    expect(trainJobs(workspace)).toEqual(['train fraud'])
  })

  test('a web pipeline trains what MODEL_CI_MODELS names; without it, one line names the variable', async () => {
    const workspace = await gitlabCheckout(mainTip, 1004, [])
    const web = { CI_PIPELINE_SOURCE: 'web', CI_COMMIT_SHA: mainTip, CI_COMMIT_BRANCH: 'main' }
    const chosen = await modelCi(workspace, ['detect', '--gitlab-child-pipeline', 'child.yml'], gitlabEnv({ ...web, MODEL_CI_MODELS: 'all' }))
    expect(chosen.exitCode).toBe(0)
    expect(trainJobs(workspace)).toEqual(['train churn', 'train fraud'])
    const unset = await modelCi(workspace, ['detect'], gitlabEnv(web))
    expect(unset.exitCode).toBe(2)
    expect(unset.stderr.trim().split('\n')).toHaveLength(1)
    expect(unset.stderr).toContain('variable MODEL_CI_MODELS is empty')
  })

  test('a missing or malformed predefined variable is one line naming it, and local-only flags are refused', async () => {
    const workspace = await gitlabCheckout(mainTip, 1005, [])
    const missing = await modelCi(workspace, ['detect'], gitlabEnv({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main' }))
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toMatch(/^model-ci: GitLab CI variable CI_COMMIT_SHA is not set .*\n$/)
    const malformed = await modelCi(workspace, ['detect'], gitlabEnv({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_COMMIT_SHA: mainTip, CI_PROJECT_ID: 'x' }))
    expect(malformed.stderr).toMatch(/^model-ci: GitLab CI variable CI_PROJECT_ID is "x", not a whole number.*\n$/)
    const flag = await modelCi(workspace, ['detect', '--base', 'main'], gitlabEnv({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_COMMIT_SHA: mainTip }))
    expect(flag.exitCode).toBe(2)
    expect(flag.stderr).toContain('option --base is for local runs')
  })
})
