/**
 * What GitHub knows of the repository's commits, read from a real git repository (the emulator's
 * `gitDir` option: GitHub holds the repository, the test's git repository plays it):
 * `GET /repos/{o}/{r}/branches/{branch}` (a branch only, never a tag of the same name) and
 * `GET /repos/{o}/{r}/compare/{base}...{head}` with GitHub's `status` (`identical`, `ahead`: head
 * has commits base lacks and none the other way, `behind`, `diverged`), `ahead_by`, `behind_by`,
 * `merge_base_commit`, and the commits base lacks (`per_page`, `page`; 250 at most). A branch set
 * with `setBranch` wins over the repository's own ref. Without a `gitDir`, every commit is
 * unknown (404), as for a repository with no history.
 */
import { execFileSync } from 'node:child_process'
import type { components } from '@octokit/openapi-types'
import { HttpError, json, type Reply } from '../http.js'
import type { EmulatorState } from '../state.js'
import type { Links, RestContext } from './context.js'
import { repositorySummary } from './repository.js'
import { restError } from './errors.js'

type Schemas = components['schemas']
type CommitSummary = Pick<Schemas['commit'], 'sha' | 'url' | 'html_url'> & { commit: { message: string } }
export type BranchPayload = Pick<Schemas['branch-with-protection'], 'name' | 'protected'> & { commit: CommitSummary }
export type ComparisonPayload = Pick<Schemas['commit-comparison'], 'url' | 'html_url' | 'permalink_url' | 'diff_url' | 'patch_url' | 'status' | 'ahead_by' | 'behind_by' | 'total_commits'> & {
  base_commit: CommitSummary
  merge_base_commit: CommitSummary
  commits: CommitSummary[]
  files: []
}

/** GitHub lists at most this many commits in a comparison. */
const MAX_COMPARED_COMMITS = 250

/** Runs git in the emulator's repository; undefined when git fails (an unknown revision). */
function gitOutput(state: EmulatorState, args: string[]): string | undefined {
  if (state.gitDir === undefined) return undefined
  try {
    // Synchronous: git answers in milliseconds and never calls the emulator back.
    return execFileSync('git', args, { cwd: state.gitDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } }).trim()
  } catch {
    return undefined
  }
}

/** The commit branch `name` points at: `setBranch`'s, else the repository's `refs/heads/<name>`. */
export function branchTip(state: EmulatorState, name: string): string | undefined {
  return state.branches.get(name) ?? gitOutput(state, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}^{commit}`])
}

/** A commit id (full) or a branch name, as the compare API takes them; undefined when unknown. */
function resolveCommit(state: EmulatorState, rev: string): string | undefined {
  if (/^[0-9a-f]{40}$/i.test(rev)) return gitOutput(state, ['rev-parse', '--verify', '--quiet', `${rev.toLowerCase()}^{commit}`])
  return branchTip(state, rev)
}

function commitSummary(state: EmulatorState, links: Links, sha: string): CommitSummary {
  const repo = repositorySummary(state, links)
  return { sha, url: `${repo.url}/commits/${sha}`, html_url: `${repo.html_url}/commit/${sha}`, commit: { message: gitOutput(state, ['log', '-1', '--format=%s', sha]) ?? '' } }
}

export function getBranch(context: RestContext, params: Record<string, string>): Reply {
  const name = params.branch ?? ''
  const sha = branchTip(context.state, name)
  if (sha === undefined) return restError(404, 'Branch not found')
  const payload: BranchPayload = { name, protected: false, commit: commitSummary(context.state, context.links, sha) }
  return json(200, payload)
}

export function compareCommits(context: RestContext, params: Record<string, string>): Reply {
  const { state, links, query } = context
  const basehead = params.basehead ?? ''
  const parts = basehead.split('...')
  if (parts.length !== 2) return restError(404, 'Not Found')
  const [base, head] = parts.map(rev => resolveCommit(state, rev))
  if (base === undefined || head === undefined) return restError(404, 'Not Found')
  const mergeBase = gitOutput(state, ['merge-base', base, head])
  if (mergeBase === undefined) throw new HttpError(restError(404, `No common ancestor between ${parts[0]} and ${parts[1]}.`))
  const [behindBy, aheadBy] = (gitOutput(state, ['rev-list', '--left-right', '--count', `${base}...${head}`]) ?? '0\t0').split(/\s+/).map(Number)
  const status = aheadBy === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadBy === 0 ? 'behind' : 'diverged'
  const perPage = Math.min(Number(query.get('per_page') ?? MAX_COMPARED_COMMITS) || MAX_COMPARED_COMMITS, MAX_COMPARED_COMMITS)
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
  const ahead = aheadBy === 0 ? [] : (gitOutput(state, ['rev-list', '--reverse', `${base}..${head}`]) ?? '').split('\n').filter(sha => sha !== '')
  const repo = repositorySummary(state, links)
  const payload: ComparisonPayload = {
    url: `${repo.url}/compare/${basehead}`,
    html_url: `${repo.html_url}/compare/${basehead}`,
    permalink_url: `${repo.html_url}/compare/${base}...${head}`,
    diff_url: `${repo.html_url}/compare/${basehead}.diff`,
    patch_url: `${repo.html_url}/compare/${basehead}.patch`,
    status,
    ahead_by: aheadBy,
    behind_by: behindBy,
    total_commits: aheadBy,
    base_commit: commitSummary(state, links, base),
    merge_base_commit: commitSummary(state, links, mergeBase),
    commits: ahead.slice((page - 1) * perPage, page * perPage).map(sha => commitSummary(state, links, sha)),
    files: []
  }
  return json(200, payload)
}
