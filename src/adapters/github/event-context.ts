import { readFileSync } from 'node:fs'
import { en } from 'zod/locales'
import * as z from 'zod/mini'
import { UserError } from '../../errors.js'
import type { RunContext, Trigger } from '../../ports/event.js'

const sha = z.string().check(z.regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a full commit id'))
const ref = z.string().check(z.minLength(1))

const pullRequestEvent = z.object({
  pull_request: z.object({
    number: z.number().check(z.int(), z.positive()),
    base: z.object({ sha, ref }),
    head: z.object({ sha }),
    changed_files: z.optional(z.number().check(z.int(), z.nonnegative()))
  })
})
const mergeGroupEvent = z.object({
  merge_group: z.object({ base_sha: sha, head_sha: sha, base_ref: ref })
})
const pushEvent = z.object({ before: sha, after: sha, ref })
const repositoryField = z.object({
  repository: z.optional(z.object({ default_branch: z.optional(z.string().check(z.minLength(1))) }))
})

/**
 * zod/mini ships no messages of its own (every issue reads "Invalid input"); the English ones,
 * such as "Invalid input: expected number, received string", go with this parse only, so other
 * schemas keep theirs. `reportInput` keeps the value that failed, which tells a missing field
 * from an invalid one.
 */
const PARSE_OPTIONS = { error: en().localeError, reportInput: true }

/** The environment a GitHub runner gives an action, as far as model-ci reads it. */
export interface RunnerEnv {
  GITHUB_EVENT_NAME?: string
  GITHUB_EVENT_PATH?: string
  GITHUB_SHA?: string
  GITHUB_REPOSITORY?: string
}

/**
 * Builds the run's context from the runner's environment and event payload. A payload that lacks
 * what its event must carry is an error naming the event file and the field.
 */
export function readRunContext(env: RunnerEnv, defaultBranchInput: string): RunContext {
  const eventName = required(env, 'GITHUB_EVENT_NAME')
  const eventPath = required(env, 'GITHUB_EVENT_PATH')
  const payload = readPayload(eventPath, eventName)
  const [owner, repo] = required(env, 'GITHUB_REPOSITORY').split('/')
  const repository = parse(repositoryField, payload, eventPath, eventName).repository
  return {
    eventName,
    trigger: triggerOf(eventName, payload, eventPath),
    sha: required(env, 'GITHUB_SHA'),
    defaultBranch: defaultBranchInput || repository?.default_branch || 'main',
    repository: { owner, repo }
  }
}

function triggerOf(eventName: string, payload: unknown, eventPath: string): Trigger {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const pr = parse(pullRequestEvent, payload, eventPath, eventName).pull_request
      return {
        kind: 'pull_request',
        number: pr.number,
        baseSha: pr.base.sha,
        baseRef: pr.base.ref,
        headSha: pr.head.sha,
        changedFiles: pr.changed_files
      }
    }
    case 'merge_group': {
      const group = parse(mergeGroupEvent, payload, eventPath, eventName).merge_group
      return {
        kind: 'pull_request',
        baseSha: group.base_sha,
        baseRef: group.base_ref.replace(/^refs\/heads\//, ''),
        headSha: group.head_sha
      }
    }
    case 'push': {
      const push = parse(pushEvent, payload, eventPath, eventName)
      return { kind: 'push', before: push.before, after: push.after, ref: push.ref }
    }
    default:
      return { kind: 'manual', event: eventName }
  }
}

function readPayload(path: string, eventName: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UserError(`event file ${path} (${eventName}) cannot be read: ${(error as Error).message}; model-ci must run as a step of a GitHub Actions job`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new UserError(`event file ${path} (${eventName}) is not valid JSON; model-ci must run as a step of a GitHub Actions job`)
  }
}

function parse<T>(schema: z.ZodMiniType<T>, payload: unknown, eventPath: string, eventName: string): T {
  const result = schema.safeParse(payload, PARSE_OPTIONS)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue.path.join('.')
  const problem = issue.input === undefined ? 'is missing' : `is invalid (${issue.message})`
  throw new UserError(`event file ${eventPath} (${eventName}): "${field}" ${problem}; model-ci reads the payload GitHub sends for ${eventName}`)
}

function required(env: RunnerEnv, name: keyof RunnerEnv): string {
  const value = env[name]
  if (!value) {
    throw new UserError(`environment variable ${name} is not set; model-ci must run as a step of a GitHub Actions job (or use the model-ci CLI locally)`)
  }
  return value
}
