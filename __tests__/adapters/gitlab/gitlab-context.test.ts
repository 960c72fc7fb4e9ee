import { describe, expect, test } from '@jest/globals'
import { isGitLabJob, readGitLabContext } from '../../../src/adapters/gitlab/gitlab-context.js'
import { UserError } from '../../../src/errors.js'

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)
const BEFORE = 'c'.repeat(40)
const MERGED = 'd'.repeat(40)

/** What every GitLab job has, whatever started its pipeline. */
const JOB = {
  GITLAB_CI: 'true',
  CI_COMMIT_SHA: HEAD,
  CI_DEFAULT_BRANCH: 'main',
  CI_PROJECT_ID: '42',
  CI_PROJECT_NAMESPACE: 'ml-team',
  CI_PROJECT_NAME: 'models',
  CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
  CI_PIPELINE_ID: '1001',
  CI_JOB_URL: 'https://gitlab.example.com/ml-team/models/-/jobs/5005'
}

function errorOf(env: Record<string, string>): string {
  try {
    readGitLabContext(env)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    const message = (error as Error).message
    expect(message).not.toContain('\n')
    return message
  }
  throw new Error('no error')
}

describe('isGitLabJob', () => {
  test('GITLAB_CI=true and only that', () => {
    expect(isGitLabJob({ GITLAB_CI: 'true' })).toBe(true)
    expect(isGitLabJob({ GITLAB_CI: 'false' })).toBe(false)
    expect(isGitLabJob({ GITHUB_ACTIONS: 'true' })).toBe(false)
  })
})

describe('readGitLabContext', () => {
  test('a merge-request pipeline is a pull request from the head into the target branch, diffed from GitLab\'s diff base', () => {
    const context = readGitLabContext({
      ...JOB,
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_IID: '7',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
      CI_COMMIT_BEFORE_SHA: '0'.repeat(40)
    })
    expect(context.context).toEqual({
      eventName: 'merge_request_event',
      trigger: {
        kind: 'pull_request',
        number: 7,
        baseSha: BASE,
        baseRef: 'main',
        headSha: HEAD,
        headRefspec: '+refs/merge-requests/7/head:refs/remotes/origin/merge-requests/7/head'
      },
      sha: HEAD,
      defaultBranch: 'main',
      repository: { owner: 'ml-team', repo: 'models' }
    })
    expect(context).toMatchObject({ pipelineSource: 'merge_request_event', headBranch: 'feature', mergeRequestIid: 7, models: '', projectId: 42, pipelineId: 1001 })
    expect(context.apiUrl).toBe('https://gitlab.example.com/api/v4')
    expect(context.jobUrl).toBe(JOB.CI_JOB_URL)
    expect(context.description).toContain('!7')
  })

  test('a merged-results pipeline diffs the source branch\'s head, not GitLab\'s merge commit', () => {
    const context = readGitLabContext({
      ...JOB,
      CI_COMMIT_SHA: MERGED,
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_IID: '8',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: HEAD
    })
    expect(context.context.trigger).toMatchObject({ kind: 'pull_request', headSha: HEAD, baseSha: BASE })
    expect(context.context.sha).toBe(MERGED)
  })

  test('a branch pipeline is a push from CI_COMMIT_BEFORE_SHA', () => {
    const context = readGitLabContext({ ...JOB, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_COMMIT_BEFORE_SHA: BEFORE })
    expect(context.context.trigger).toEqual({ kind: 'push', before: BEFORE, after: HEAD, ref: 'refs/heads/main' })
    expect(context.context.eventName).toBe('push')
    expect(context.headBranch).toBe('main')
  })

  test('a new branch has an all-zero CI_COMMIT_BEFORE_SHA, which detect reads as "no commit before"', () => {
    const context = readGitLabContext({ ...JOB, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'feature', CI_COMMIT_BEFORE_SHA: '0'.repeat(40) })
    expect(context.context.trigger).toEqual({ kind: 'push', before: '0'.repeat(40), after: HEAD, ref: 'refs/heads/feature' })
    expect(context.description).toContain('no commit before it')
  })

  test('a tag pipeline is a push of the tag', () => {
    const context = readGitLabContext({ ...JOB, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_TAG: 'v1.0', CI_COMMIT_BEFORE_SHA: '0'.repeat(40) })
    expect(context.context.trigger).toMatchObject({ kind: 'push', ref: 'refs/tags/v1.0' })
    expect(context.headBranch).toBeNull()
  })

  test.each(['web', 'api', 'schedule', 'trigger', 'pipeline', 'parent_pipeline'])('a %s pipeline is manual and takes MODEL_CI_MODELS', (source) => {
    const context = readGitLabContext({ ...JOB, CI_PIPELINE_SOURCE: source, CI_COMMIT_BRANCH: 'main', MODEL_CI_MODELS: 'churn, fraud' })
    expect(context.context.trigger).toEqual({ kind: 'manual', event: source })
    expect(context.context.eventName).toBe(source)
    expect(context.models).toBe('churn, fraud')
  })

  test('a manual pipeline without MODEL_CI_MODELS has an empty selection (detect decides what that means)', () => {
    expect(readGitLabContext({ ...JOB, CI_PIPELINE_SOURCE: 'web' }).models).toBe('')
  })

  test.each([
    ['CI_PIPELINE_SOURCE', {}],
    ['CI_COMMIT_SHA', { CI_COMMIT_SHA: '' }],
    ['CI_DEFAULT_BRANCH', { CI_DEFAULT_BRANCH: undefined }],
    ['CI_PROJECT_ID', { CI_PROJECT_ID: undefined }],
    ['CI_API_V4_URL', { CI_API_V4_URL: undefined }],
    ['CI_PIPELINE_ID', { CI_PIPELINE_ID: undefined }],
    ['CI_JOB_URL', { CI_JOB_URL: undefined }]
  ])('a missing %s is one line naming it', (name, change) => {
    const env = { ...JOB, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', ...change } as Record<string, string>
    if (name === 'CI_PIPELINE_SOURCE') delete env.CI_PIPELINE_SOURCE
    expect(errorOf(env)).toMatch(new RegExp(`^GitLab CI variable ${name} is not set`))
  })

  test.each([
    ['CI_MERGE_REQUEST_IID', { CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' }],
    ['CI_MERGE_REQUEST_DIFF_BASE_SHA', { CI_MERGE_REQUEST_IID: '3', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' }],
    ['CI_MERGE_REQUEST_TARGET_BRANCH_NAME', { CI_MERGE_REQUEST_IID: '3', CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE }]
  ])('a merge-request pipeline without %s is one line naming it', (name, variables) => {
    expect(errorOf({ ...JOB, CI_PIPELINE_SOURCE: 'merge_request_event', ...variables })).toMatch(new RegExp(`^GitLab CI variable ${name} is not set`))
  })

  test('a push pipeline with neither branch nor tag names CI_COMMIT_BRANCH', () => {
    expect(errorOf({ ...JOB, CI_PIPELINE_SOURCE: 'push' })).toMatch(/^GitLab CI variable CI_COMMIT_BRANCH is not set/)
  })

  test.each([
    ['CI_COMMIT_SHA', 'HEAD'],
    ['CI_COMMIT_BEFORE_SHA', '1234'],
    ['CI_PROJECT_ID', 'ml-team/models'],
    ['CI_PIPELINE_ID', '-1'],
    ['CI_API_V4_URL', 'gitlab.example.com/api/v4'],
    ['CI_PIPELINE_SOURCE', 'Push Event']
  ])('a malformed %s is one line naming it and its value', (name, value) => {
    const message = errorOf({ ...JOB, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', [name]: value })
    expect(message).toMatch(new RegExp(`^GitLab CI variable ${name} is ${JSON.stringify(value)}, not `))
  })

  test('the errors name the variable as their input (the CLI exits 2 for them)', () => {
    try {
      readGitLabContext({ ...JOB })
    } catch (error) {
      expect((error as UserError).input).toBe('CI_PIPELINE_SOURCE')
    }
    expect.assertions(1)
  })

  describe('a job of the child pipeline detect wrote (parent_pipeline)', () => {
    const CHILD = { ...JOB, CI_PIPELINE_SOURCE: 'parent_pipeline', CI_PIPELINE_ID: '1002', CI_PIPELINE_URL: 'https://gitlab.example.com/ml-team/models/-/pipelines/1002', CI_COMMIT_BEFORE_SHA: '0'.repeat(40) }
    const PARENT_URL = 'https://gitlab.example.com/ml-team/models/-/pipelines/1001'

    test('of a merge request: the parent\'s merge request, pipeline id and URL', () => {
      const context = readGitLabContext({
        ...CHILD,
        MODEL_CI_PARENT_PIPELINE_ID: '1001',
        MODEL_CI_PARENT_PIPELINE_SOURCE: 'merge_request_event',
        MODEL_CI_PARENT_PIPELINE_URL: PARENT_URL,
        MODEL_CI_PARENT_MERGE_REQUEST_IID: '7',
        MODEL_CI_PARENT_MERGE_REQUEST_DIFF_BASE_SHA: BASE,
        MODEL_CI_PARENT_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        MODEL_CI_PARENT_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
        MODEL_CI_PARENT_MERGE_REQUEST_SOURCE_BRANCH_SHA: MERGED
      })
      expect(context.context.trigger).toEqual({ kind: 'pull_request', number: 7, baseSha: BASE, baseRef: 'main', headSha: MERGED, headRefspec: expect.any(String) })
      expect(context.context.eventName).toBe('merge_request_event')
      expect(context).toMatchObject({ pipelineSource: 'merge_request_event', pipelineId: 1001, pipelineUrl: PARENT_URL, childPipelineId: 1002, mergeRequestIid: 7, headBranch: 'feature' })
    })

    test('of a push: the parent\'s push from its CI_COMMIT_BEFORE_SHA, and a tag\'s tag', () => {
      const push = readGitLabContext({
        ...CHILD,
        CI_COMMIT_BRANCH: 'main',
        MODEL_CI_PARENT_PIPELINE_ID: '1001',
        MODEL_CI_PARENT_PIPELINE_SOURCE: 'push',
        MODEL_CI_PARENT_PIPELINE_URL: PARENT_URL,
        MODEL_CI_PARENT_COMMIT_BEFORE_SHA: BEFORE,
        MODEL_CI_PARENT_COMMIT_BRANCH: 'main'
      })
      expect(push.context.trigger).toEqual({ kind: 'push', before: BEFORE, after: HEAD, ref: 'refs/heads/main' })
      expect(push).toMatchObject({ pipelineSource: 'push', pipelineId: 1001, pipelineUrl: PARENT_URL, headBranch: 'main' })
      const tag = readGitLabContext({ ...CHILD, MODEL_CI_PARENT_PIPELINE_ID: '1001', MODEL_CI_PARENT_PIPELINE_SOURCE: 'push', MODEL_CI_PARENT_COMMIT_TAG: 'v1' })
      expect(tag.context.trigger).toMatchObject({ kind: 'push', ref: 'refs/tags/v1' })
      expect(tag).toMatchObject({ headTag: 'v1', headBranch: null })
    })

    test('of a manual pipeline: the parent\'s source and MODEL_CI_MODELS', () => {
      const context = readGitLabContext({ ...CHILD, MODEL_CI_MODELS: 'ignored', MODEL_CI_PARENT_PIPELINE_ID: '1001', MODEL_CI_PARENT_PIPELINE_SOURCE: 'web', MODEL_CI_PARENT_COMMIT_BRANCH: 'main', MODEL_CI_PARENT_MODELS: 'churn' })
      expect(context.context.trigger).toEqual({ kind: 'manual', event: 'web' })
      expect(context).toMatchObject({ pipelineSource: 'web', pipelineId: 1001, models: 'churn', headBranch: 'main' })
    })

    test('written before MODEL_CI_PARENT_*: a manual parent_pipeline run of the child\'s own pipeline, as before', () => {
      const context = readGitLabContext({ ...CHILD, CI_MERGE_REQUEST_IID: '7' })
      expect(context.context.trigger).toEqual({ kind: 'manual', event: 'parent_pipeline' })
      expect(context).toMatchObject({ pipelineSource: 'parent_pipeline', pipelineId: 1002 })
      expect(context.childPipelineId).toBeUndefined()
      expect(context.mergeRequestIid).toBeUndefined()
    })

    test('a malformed parent variable is an error', () => {
      expect(errorOf({ ...CHILD, MODEL_CI_PARENT_PIPELINE_ID: '1001', MODEL_CI_PARENT_PIPELINE_SOURCE: 'merge_request_event', MODEL_CI_PARENT_MERGE_REQUEST_IID: '7' })).toContain('CI_MERGE_REQUEST_DIFF_BASE_SHA')
      expect(errorOf({ ...CHILD, MODEL_CI_PARENT_PIPELINE_ID: 'x', MODEL_CI_PARENT_PIPELINE_SOURCE: 'push', MODEL_CI_PARENT_COMMIT_BRANCH: 'main' })).toContain('CI_PIPELINE_ID')
    })
  })
})
