import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type GitHubClient = ReturnType<typeof getOctokit>

/** Retries after a rate limit this many times before giving up. */
const RATE_LIMIT_RETRIES = 3

/**
 * The REST client: retries server errors (plugin-retry; unless `retryServerErrors` is false, for a
 * caller that would rather go without an answer than wait for one) and waits out primary and
 * secondary rate limits as GitHub's retry-after and reset headers ask (plugin-throttling).
 */
export function createGitHubClient(token: string, { retryServerErrors = true } = {}): GitHubClient {
  const options = {
    baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    // plugin-retry wraps the request inside plugin-throttling: left to it, a 429 is retried after
    // its own short backoff and the throttling plugin never honours `retry-after`.
    retry: { enabled: retryServerErrors, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        core.warning(`GitHub's rate limit was hit by ${request.method} ${request.url}; retrying after ${retryAfter} s`)
        return retryCount < RATE_LIMIT_RETRIES
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        core.warning(`GitHub's secondary rate limit was hit by ${request.method} ${request.url}; retrying after ${retryAfter} s`)
        return retryCount < RATE_LIMIT_RETRIES
      }
    }
  }
  return getOctokit(token, options, retry, throttling)
}
