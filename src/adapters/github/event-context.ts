import { readFileSync } from 'node:fs'
import { UserError } from '../../errors.js'
import type { RunContext, Trigger } from '../../ports/event.js'

/**
 * Reads fields of an event payload, each with the rule it must meet. A handful of fields needs no
 * schema library, and keeping one off this path keeps it off every command's start-up.
 */
class PayloadReader {
  constructor(
    private readonly payload: unknown,
    private readonly eventPath: string,
    private readonly eventName: string
  ) {}

  /** The value at `path`, or an error naming the field when it is missing or breaks `rule`. */
  read<T>(path: string, rule: Rule<T>): T {
    const value = this.at(path)
    if (value === undefined || value === null) this.fail(path, 'is missing')
    if (!rule.test(value)) this.fail(path, `is invalid (expected ${rule.expected}, got ${describe(value)})`)
    return value
  }

  /** The value at `path`, or undefined when the payload leaves it out or sets it to null. */
  optional<T>(path: string, rule: Rule<T>): T | undefined {
    const value = this.at(path)
    return value === undefined || value === null ? undefined : this.read(path, rule)
  }

  private at(path: string): unknown {
    let value = this.payload
    for (const key of path.split('.')) {
      if (typeof value !== 'object' || value === null) return undefined
      value = (value as Record<string, unknown>)[key]
    }
    return value
  }

  private fail(path: string, problem: string): never {
    throw new UserError(`event file ${this.eventPath} (${this.eventName}): "${path}" ${problem}; model-ci reads the payload GitHub sends for ${this.eventName}`)
  }
}

interface Rule<T> {
  expected: string
  test: (value: unknown) => value is T
}

const SHA: Rule<string> = {
  expected: 'a full commit id',
  test: (value): value is string => typeof value === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(value)
}
const REF: Rule<string> = { expected: 'a branch or ref name', test: (value): value is string => typeof value === 'string' && value.length > 0 }
const COUNT: Rule<number> = { expected: 'a whole number', test: (value): value is number => Number.isInteger(value) && (value as number) >= 0 }
const NUMBER: Rule<number> = { expected: 'a whole number above 0', test: (value): value is number => Number.isInteger(value) && (value as number) > 0 }

function describe(value: unknown): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return Array.isArray(value) ? 'a list' : 'an object'
}

/** The environment a GitHub runner gives an action (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_SHA, ...). */
export type RunnerEnv = Readonly<Record<string, string | undefined>>

/**
 * Builds the run's context from the runner's environment and event payload. A payload that lacks
 * what its event must carry is an error naming the event file and the field.
 */
export function readRunContext(env: RunnerEnv, defaultBranchInput: string): RunContext {
  const eventName = requiredEnv('GITHUB_EVENT_NAME', env)
  const eventPath = requiredEnv('GITHUB_EVENT_PATH', env)
  const payload = readPayload(eventPath, eventName)
  const [owner, repo] = requiredEnv('GITHUB_REPOSITORY', env).split('/')
  const reader = new PayloadReader(payload, eventPath, eventName)
  return {
    eventName,
    trigger: triggerOf(eventName, reader),
    sha: requiredEnv('GITHUB_SHA', env),
    defaultBranch: defaultBranchInput || reader.optional('repository.default_branch', REF) || 'main',
    repository: { owner, repo }
  }
}

function triggerOf(eventName: string, reader: PayloadReader): Trigger {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
      reader.read('pull_request', { expected: 'an object', test: (value): value is object => typeof value === 'object' })
      return {
        kind: 'pull_request',
        number: reader.read('pull_request.number', NUMBER),
        baseSha: reader.read('pull_request.base.sha', SHA),
        baseRef: reader.read('pull_request.base.ref', REF),
        headSha: reader.read('pull_request.head.sha', SHA),
        changedFiles: reader.optional('pull_request.changed_files', COUNT)
      }
    case 'merge_group':
      return {
        kind: 'pull_request',
        baseSha: reader.read('merge_group.base_sha', SHA),
        baseRef: reader.read('merge_group.base_ref', REF).replace(/^refs\/heads\//, ''),
        headSha: reader.read('merge_group.head_sha', SHA)
      }
    case 'push':
      return {
        kind: 'push',
        before: reader.optional('before', SHA),
        after: reader.read('after', SHA),
        ref: reader.read('ref', REF)
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

/** A variable the runner always sets; missing, model-ci is not running as a step of a job. */
export function requiredEnv(name: string, env: RunnerEnv = process.env): string {
  const value = env[name]
  if (!value) {
    throw new UserError(`environment variable ${name} is not set; model-ci must run as a step of a GitHub Actions job (or use the model-ci CLI locally)`)
  }
  return value
}
