import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { readRunContext } from '../../src/adapters/github/event-context.js'

const dir = mkdtempSync(join(tmpdir(), 'model-ci-event-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)

/** The run context for a pull_request event with `payload`, or the message of the error it throws. */
function contextOrError(payload: unknown): unknown {
  const eventPath = join(dir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(payload))
  const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_SHA: HEAD, GITHUB_REPOSITORY: 'octo/models' }
  try {
    return readRunContext(env, '')
  } catch (error) {
    return (error as Error).message.replace(eventPath, '<event>')
  }
}

describe('readRunContext', () => {
  test('a pull_request payload gives the pull request trigger and the repository default branch', () => {
    const payload = { pull_request: { number: 7, base: { sha: BASE, ref: 'main' }, head: { sha: HEAD }, changed_files: 2 }, repository: { default_branch: 'trunk' } }
    expect(contextOrError(payload)).toEqual({
      eventName: 'pull_request',
      trigger: { kind: 'pull_request', number: 7, baseSha: BASE, baseRef: 'main', headSha: HEAD, changedFiles: 2 },
      sha: HEAD,
      defaultBranch: 'trunk',
      repository: { owner: 'octo', repo: 'models' }
    })
  })

  test.each([
    ['no pull_request', {}, '"pull_request" is missing'],
    ['a number as text', { pull_request: { number: '7' } }, '"pull_request.number" is invalid (expected a whole number above 0, got the text "7")'],
    ['number 0', { pull_request: { number: 0 } }, '"pull_request.number" is invalid (expected a whole number above 0, got 0)'],
    ['a short sha', { pull_request: { number: 7, base: { sha: 'abc123', ref: 'main' }, head: { sha: HEAD } } }, '"pull_request.base.sha" is invalid (expected a full commit id, got the text "abc123")'],
    ['no base ref', { pull_request: { number: 7, base: { sha: BASE }, head: { sha: HEAD } } }, '"pull_request.base.ref" is missing']
  ])('%s is an error naming the event file and the field', (_, payload, problem) => {
    expect(contextOrError(payload)).toBe(`event file <event> (pull_request): ${problem}; model-ci reads the payload GitHub sends for pull_request`)
  })
})

describe('other events', () => {
  function contextOf(eventName: string, payload: unknown): unknown {
    const eventPath = join(dir, `${eventName}.json`)
    writeFileSync(eventPath, JSON.stringify(payload))
    try {
      return readRunContext({ GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: eventPath, GITHUB_SHA: HEAD, GITHUB_REPOSITORY: 'octo/models' }, 'main').trigger
    } catch (error) {
      return (error as Error).message.replace(eventPath, '<event>')
    }
  }

  test('a push gives before, after and ref; a merge group is diffed like a pull request', () => {
    expect(contextOf('push', { before: BASE, after: HEAD, ref: 'refs/heads/main' })).toEqual({ kind: 'push', before: BASE, after: HEAD, ref: 'refs/heads/main' })
    expect(contextOf('merge_group', { merge_group: { base_sha: BASE, head_sha: HEAD, base_ref: 'refs/heads/main' } })).toEqual({
      kind: 'pull_request',
      baseSha: BASE,
      baseRef: 'main',
      headSha: HEAD
    })
    expect(contextOf('workflow_dispatch', {})).toEqual({ kind: 'manual', event: 'workflow_dispatch' })
  })

  test('a push without "before", or with a null one (other runners, replayed events), leaves it unknown', () => {
    expect(contextOf('push', { after: HEAD, ref: 'refs/heads/main' })).toEqual({ kind: 'push', before: undefined, after: HEAD, ref: 'refs/heads/main' })
    expect(contextOf('push', { before: null, after: HEAD, ref: 'refs/heads/main' })).toEqual({ kind: 'push', before: undefined, after: HEAD, ref: 'refs/heads/main' })
    expect(contextOf('push', { before: 'HEAD~1', after: HEAD, ref: 'refs/heads/main' })).toBe(
      'event file <event> (push): "before" is invalid (expected a full commit id, got the text "HEAD~1"); model-ci reads the payload GitHub sends for push'
    )
  })

  test('a push whose "after" is not a commit id names the field', () => {
    expect(contextOf('push', { before: BASE, after: 'HEAD~1', ref: 'refs/heads/main' })).toBe(
      'event file <event> (push): "after" is invalid (expected a full commit id, got the text "HEAD~1"); model-ci reads the payload GitHub sends for push'
    )
  })
})
