import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { UserError } from '../../errors.js'
import { requestStatus } from './request-status.js'

export type GitHubClient = ReturnType<typeof getOctokit>

/** Retries after a rate limit this many times before giving up. */
const RATE_LIMIT_RETRIES = 3

/**
 * The longest wait for a rate limit to lift that a job sits through. GitHub's secondary limits ask
 * for a minute or so; a longer wait (a primary limit that resets in most of an hour, a proxy's
 * retry-after of hours) would hold the runner for nothing: the job fails and can be re-run.
 */
export const MAX_RATE_LIMIT_WAIT_S = 600

/** The wait for a 429 that does not say how long: what plugin-throttling waits for such a secondary limit. */
const DEFAULT_RETRY_AFTER_S = 60

/** What plugin-throttling hands its handlers, as the request hook gets it: endpoint options. */
type RequestOptions = Parameters<GitHubClient['request']['endpoint']['parse']>[0]

/**
 * The API client (REST and GraphQL): retries server errors (plugin-retry; unless `retryServerErrors`
 * is false, for a caller that would rather go without an answer than wait for one), waits out GitHub's primary and secondary
 * rate limits as its retry-after and reset headers ask (plugin-throttling), and any other
 * `429 Too Many Requests` (a proxy's, GitHub Enterprise Server's) as its `retry-after` asks
 * (tooManyRequests). Each wait is at most MAX_RATE_LIMIT_WAIT_S, and a limit that outlasts the
 * retries or asks for longer fails the job with a one-line UserError.
 */
export function createGitHubClient(token: string, { retryServerErrors = true } = {}): GitHubClient {
  const options = {
    baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    // plugin-retry wraps the request inside plugin-throttling: left to it, a 429 is retried after
    // its own short backoff and neither retry-after nor the limit on waits is honoured.
    retry: { enabled: retryServerErrors, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: (retryAfter: number, request: RequestOptions, octokit: Pick<GitHubClient, 'request'>, retryCount: number) =>
        mayWait(`GitHub's rate limit`, retryAfter, requestLine(octokit, request), retryCount),
      onSecondaryRateLimit: (retryAfter: number, request: RequestOptions, octokit: Pick<GitHubClient, 'request'>, retryCount: number) =>
        mayWait(`GitHub's secondary rate limit`, retryAfter, requestLine(octokit, request), retryCount)
    }
  }
  // Plugins wrap in order: tooManyRequests, the last, sees what the other two let through.
  return getOctokit(token, options, retry, throttling, tooManyRequests)
}

/** Whether to wait `seconds` and retry after the `retryCount`-th refusal of `request`; says so when it does. */
function mayWait(limit: string, seconds: number, request: string, retryCount: number): boolean {
  if (retryCount >= RATE_LIMIT_RETRIES || seconds > MAX_RATE_LIMIT_WAIT_S) return false
  core.warning(`${limit} was hit by ${request}; retrying after ${seconds} s`)
  return true
}

/** `GET /repos/acme/models/issues/4/comments`: the method and path a request went to, without the host or query. */
function requestLine(octokit: Pick<GitHubClient, 'request'>, options: RequestOptions): string {
  const { method, url } = octokit.request.endpoint.parse(options)
  return `${method} ${new URL(url).pathname}`
}

type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>

/**
 * A plugin that waits out the 429s plugin-throttling does not recognise (it knows GitHub's own,
 * by their words and `x-ratelimit-*` headers), and turns every rate limit it or plugin-throttling
 * gave up on into one line that says what happened and what to do.
 */
const tooManyRequests: OctokitPlugin = (octokit) => {
  octokit.hook.wrap('request', async (request, options) => {
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await request(options)
      } catch (error) {
        const limit = rateLimitOf(error)
        if (!limit) throw error
        const line = requestLine(octokit, options)
        if (!limit.throttling && mayWait(`A limit on requests (${requestStatus(error)} ${limit.kind})`, limit.waitSeconds, line, retryCount)) {
          await new Promise((resolve) => setTimeout(resolve, limit.waitSeconds * 1000))
          continue
        }
        const refused = `GitHub answered ${line} with ${requestStatus(error)} (${limit.kind})`
        const message =
          limit.waitSeconds > MAX_RATE_LIMIT_WAIT_S
            ? `${refused} and asked to wait ${limit.waitSeconds} s, longer than model-ci waits (${MAX_RATE_LIMIT_WAIT_S} s); re-run the job once the limit has lifted`
            : `${refused} again after ${RATE_LIMIT_RETRIES} waits; re-run the job once the limit has lifted`
        throw new UserError(message, { cause: error })
      }
    }
  })
}

interface RateLimit {
  kind: string
  /** How long the answer asks to wait before the next try, in whole seconds. */
  waitSeconds: number
  /** plugin-throttling knows it: it has waited and retried already. */
  throttling: boolean
}

/**
 * The rate limit a failed request ran into, or undefined for any other failure. GitHub's own
 * limits are classified as plugin-throttling classifies them (its words for a secondary limit, or
 * no requests remaining), and any other 429, or 403 with `retry-after`, by that header.
 */
function rateLimitOf(error: unknown): RateLimit | undefined {
  const status = requestStatus(error)
  if (status !== 403 && status !== 429) return undefined
  const headers = (error as { response?: { headers?: Record<string, string | number | undefined> } }).response?.headers ?? {}
  const retryAfter = retryAfterSeconds(headers['retry-after'])
  if (/\bsecondary rate\b/i.test((error as Error).message)) {
    return { kind: 'secondary rate limit', waitSeconds: retryAfter ?? DEFAULT_RETRY_AFTER_S, throttling: true }
  }
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']) * 1000
    return { kind: 'rate limit', waitSeconds: Math.max(Math.ceil((reset - Date.now()) / 1000) + 1, 0), throttling: true }
  }
  // A 403 is a missing permission unless it asks to come back later.
  if (status === 403 && retryAfter === undefined) return undefined
  return { kind: status === 429 ? 'Too Many Requests' : 'rate limit', waitSeconds: retryAfter ?? DEFAULT_RETRY_AFTER_S, throttling: false }
}

/** `retry-after` in whole seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterSeconds(value: string | number | undefined): number | undefined {
  if (value === undefined || String(value).trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(Math.ceil(seconds), 0)
  const date = Date.parse(String(value))
  return Number.isNaN(date) ? undefined : Math.max(Math.ceil((date - Date.now()) / 1000), 0)
}
