/**
 * # GitHub emulator for model-ci's tests
 *
 * One HTTP server on 127.0.0.1 (random port), started in-process, that plays GitHub for the
 * real client libraries (`@actions/github`/octokit, `@actions/artifact` v6, `@actions/cache` v6)
 * talking to it over HTTP, from the test process or from `node dist/index.js` subprocesses. All
 * state lives in the emulator object, where the test seeds it and inspects it.
 *
 * ```ts
 * const gh = await startEmulator({ owner: 'acme', repo: 'models', defaultBranch: 'main' })
 * const run = gh.addWorkflowRun({ head_sha: sha, event: 'push' })
 * const { env, token } = gh.runnerEnv({ runId: run.id, jobId: 'train' })
 * // spawn the action with { ...env, INPUT_TOKEN: token, ... }, then look at gh.state / gh.requests
 * await gh.close()
 * ```
 *
 * ## Surfaces (all on `gh.apiUrl`)
 * - **REST**, payloads shaped by `@octokit/openapi-types` (only the fields clients read):
 *   `GET /repos/{o}/{r}`; pulls (`GET .../pulls?state&head=owner:ref&base`, `.../pulls/{n}`,
 *   `.../pulls/{n}/files` capped at 3000 files, `.../commits/{sha}/pulls`); issues (`GET .../issues` with
 *   `state`, `creator`, `labels`, `sort`, `direction`, pull requests listed as GitHub lists them; create, get,
 *   update with `state`/`state_reason`; see rest/issues.ts); issue comments (list,
 *   create, get, update, delete); workflow runs (`.../actions/runs` and
 *   `.../actions/workflows/{id|file}/runs` with `branch`, `event`, `status`, `head_sha`, `actor`;
 *   a run's `head_repository` is a fork's for `head_owner`;
 *   `.../actions/runs/{id}`, its jobs `.../actions/runs/{id}/jobs` with `filter=latest|all`); artifacts (`.../actions/runs/{id}/artifacts`,
 *   `.../actions/artifacts?name=`, `.../actions/artifacts/{id}`, `DELETE` it, `.../{id}/zip` → 302
 *   to the blob store); deployments (create, list with `sha`/`ref`/`task`/`environment`, get,
 *   statuses create/list with GitHub's `auto_inactive` rule); commits, from the `gitDir` repository
 *   (`.../branches/{branch}`, `.../compare/{base}...{head}` with `status` ahead, behind, identical
 *   or diverged; see rest/commits.ts); `GET /user` (a person's token gets its
 *   account, a bot's installation token 403 as on GitHub); `POST /graphql` for `viewer { login }` only
 *   (every token's own login, bots' included, as GitHub answers it). Lists paginate with `per_page` (max
 *   100) and `page` and send `Link` headers. Unknown routes: 404 `{ message: 'Not Found',
 *   documentation_url }`. Auth: `Authorization: token X` or `Bearer X`; no token or an unknown one
 *   is 401; a token with `permissions: 'read'` gets 403 "Resource not accessible by integration" on
 *   every write, like a fork pull request's token. A bot may edit or delete only its own comments.
 * - **Results service** (Twirp JSON at `/twirp/github.actions.results.api.v1.*`): ArtifactService
 *   (CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL, DeleteArtifact) and
 *   CacheService (CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL),
 *   authorised by a runtime token from `mintRuntimeToken`; an artifact belongs to the token's run.
 * - **Blob store** at `/devstoreaccount1/...`: signed URLs, Azure block uploads, one-shot uploads,
 *   downloads (artifacts come back as `application/zip`, so the artifact client unzips them),
 *   whole or by byte range as Azure serves them (`Range`/`x-ms-range: bytes=a-b` or `bytes=a-`:
 *   206 with `Content-Range`; past the end: 416).
 *
 * ## Seeding
 * `addToken`, `addPullRequest`, `addComment` (someone else's comment), `addWorkflowRun`,
 * `updateWorkflowRun`, `addWorkflowJob` (a job of a run, named as GitHub names it), `setBranch` (a branch's tip, over the `gitDir` repository's),
 * `addArtifact` (an artifact whose stored bytes the test writes, malformed or hostile, without the
 * upload client). `defaultToken` is registered from
 * the start as `github-actions[bot]` with write permission. The `Emulator` interface below lists
 * every member with its contract.
 *
 * ## Inspection
 * `gh.state` holds the records (`comments`, `pulls`, `runs`, `artifacts`, `caches`, `deployments`
 * with their `statuses`, ...), with GitHub's field names; `gh.blob(key)` the stored bytes;
 * `gh.requests` every request received (method, path, query, headers without `authorization`,
 * parsed body, status, bytes of the reply's body, injected fault, arrival time).
 *
 * ## Faults
 * `gh.inject({ method?, path, body?, times?, ratio?, fault })` (`body`: a test of the parsed request body) with `fault` one of `{ status: 5xx }`,
 * `{ status: 429 | 403, retryAfter }` (secondary rate limit), `{ status: 403 | 429, rateLimit: true,
 * resetAfter? }` (primary rate limit, `x-ratelimit-remaining: 0`), `{ status: 429, tooManyRequests:
 * true, retryAfter? }` (a proxy's or GHES's bare 429, seconds or an HTTP date), `{ delayMs }`, `{ drop: true }`,
 * `{ ignoreRange: true }` (storage that serves no byte ranges: the whole blob, 200).
 * `ratio` faults a seeded-random share of matches (`seed` option), so runs repeat exactly.
 *
 * ## Using it from tests
 * - `@actions/github` reads GITHUB_API_URL when it loads, and `@actions/artifact` uses it for
 *   `findBy`: set the runner env first, then `await import(...)` them (a static import points
 *   them at api.github.com). `getOctokit(token, { baseUrl: gh.apiUrl })` needs no env.
 * - Spawn job processes asynchronously (`spawn`, `execFile`): the emulator answers on the test's
 *   own event loop, so `spawnSync` deadlocks. Always set RUNNER_TEMP (the cache client writes
 *   its archives there).
 * - Issues and pull requests share one sequence of numbers; comments on a number that is neither are 404. GraphQL answers
 *   `viewer { login }` and nothing else.
 *
 * ## Client behaviour worth knowing (seen against this emulator)
 * - The artifact client retries 5xx and 429 from the results service (3 s, then ×1.5); the cache
 *   client retries 5xx but treats 429 as final (the save returns -1, the restore misses).
 *   The artifact client fails at once, without retry, on a dropped connection to the results
 *   service (the cache client's code does the same).
 * - @azure/storage-blob retries blob 500/503 and dropped connections (the first retry at once).
 * - @octokit/plugin-retry retries 5xx and dropped connections after 1 s. It also retries 429
 *   after its own 1 s backoff, ignoring `retry-after`, unless 429 is in its `doNotRetry`; then
 *   @octokit/plugin-throttling handles rate limits, waiting for `retry-after` (secondary) or
 *   `x-ratelimit-reset` (primary, 403 or 429 with `x-ratelimit-remaining: 0`). It does not know a
 *   bare 429 (no rate-limit words or headers): that error reaches the caller at once.
 */
import { BlobStore } from './blob-store.js'
import { FaultInjector, type FaultRule, type InjectedFault } from './faults.js'
import { mintRuntimeToken } from './jwt.js'
import { addComment, type CommentSeed } from './rest/comments.js'
import { RestApi } from './rest/index.js'
import { addPullRequest, type PullRequestSeed } from './rest/pulls.js'
import { addIssue, type IssueSeed } from './rest/issues.js'
import { addWorkflowJob, type WorkflowJobSeed } from './rest/jobs.js'
import { addWorkflowRun, updateWorkflowRun, type WorkflowRunSeed, type WorkflowRunUpdate } from './rest/runs.js'
import { addArtifact, ARTIFACT_SERVICE, artifactService, type ArtifactSeed } from './results/artifact.js'
import { CACHE_SERVICE, cacheService } from './results/cache.js'
import { handleTwirp, type TwirpServices } from './results/twirp.js'
import { startServer, type RecordedRequest } from './server.js'
import {
  ACTIONS_BOT,
  EmulatorState,
  type ArtifactRecord,
  type Identity,
  type IssueCommentRecord,
  type IssueRecord,
  type Permission,
  type PullRequestRecord,
  type WorkflowJobRecord,
  type WorkflowRunRecord
} from './state.js'

export type { Fault, FaultRule, InjectedFault } from './faults.js'
export type { RecordedRequest, Surface } from './server.js'
export type { CommentSeed } from './rest/comments.js'
export type { FileSeed, PullRequestSeed } from './rest/pulls.js'
export type { IssueSeed } from './rest/issues.js'
export type { WorkflowRunSeed, WorkflowRunUpdate } from './rest/runs.js'
export type { ArtifactSeed } from './results/artifact.js'
export type { WorkflowJobSeed } from './rest/jobs.js'
export type * from './state.js'
export { PULL_FILES_CAP } from './rest/pulls.js'
export { COMMENT_BODY_LIMIT } from './rest/comments.js'

export interface EmulatorOptions {
  owner: string
  repo: string
  /** `main` when absent. */
  defaultBranch?: string
  private?: boolean
  /** Seed of the fault injector's random draws (`ratio`); 1 when absent. */
  seed?: number
  /** The clock behind every timestamp; the real one when absent. */
  now?: () => Date
  /**
   * A git repository that plays GitHub's copy of the repository: its `refs/heads/*` are the
   * branches and its history answers the compare API. Without it no commit is known.
   */
  gitDir?: string
}

export interface TokenOptions {
  login?: string
  type?: 'Bot' | 'User'
  permissions?: Permission
}

export interface RunnerEnvOptions {
  runId: number
  jobId: string | number
  /** The token to hand the job; `defaultToken` when absent. */
  token?: string
}

export interface RunnerEnv {
  /** GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_GRAPHQL_URL, GITHUB_REPOSITORY(_OWNER), GITHUB_RUN_ID,
   * GITHUB_RUN_ATTEMPT, GITHUB_RUN_NUMBER, ACTIONS_RUNTIME_TOKEN, ACTIONS_RUNTIME_URL,
   * ACTIONS_RESULTS_URL, ACTIONS_CACHE_SERVICE_V2. No token: pass `token` as GITHUB_TOKEN or INPUT_TOKEN as the test needs. */
  env: Record<string, string>
  token: string
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`: REST, results service and blob store. */
  readonly apiUrl: string
  /** `http://github.localhost:<port>`: the web base (`html_url`); `*.localhost` keeps the clients out of GHES mode. */
  readonly serverUrl: string
  /** Registered from the start as `github-actions[bot]`, type Bot, write permission. */
  readonly defaultToken: string
  readonly state: EmulatorState
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[]

  /** Registers a token; the identity defaults to `github-actions[bot]` with write permission. */
  addToken(token: string, options?: TokenOptions): Identity
  addPullRequest(seed: PullRequestSeed): PullRequestRecord
  /** A comment written by someone else (a person `octocat` by default). */
  addComment(seed: CommentSeed): IssueCommentRecord
  /** An issue written by someone else (a person `octocat` by default), numbered after every issue and pull request. */
  addIssue(seed: IssueSeed): IssueRecord
  addWorkflowRun(seed: WorkflowRunSeed): WorkflowRunRecord
  updateWorkflowRun(id: number, update: WorkflowRunUpdate): WorkflowRunRecord
  /** A job of run `run_id` (which must exist), listed by `.../actions/runs/{id}/jobs`. */
  addWorkflowJob(seed: WorkflowJobSeed): WorkflowJobRecord
  setBranch(name: string, sha: string): void
  /**
   * A finalized artifact of run `runId` holding exactly `content` (a zip, or a broken or hostile
   * one), with its sha256 as digest: what a job could upload, without going through the client.
   */
  addArtifact(seed: ArtifactSeed): ArtifactRecord
  /** The stored bytes of a blob (`artifact.blob`, `cache.blob`). */
  blob(key: string): Buffer | undefined
  /** An unsigned JWT scoped to the run and job (`scp: Actions.Results:<runId>:<jobId>`); the run must exist. */
  mintRuntimeToken(runId: number, jobId: string | number): string
  runnerEnv(options: RunnerEnvOptions): RunnerEnv
  inject(rule: FaultRule): InjectedFault
  clearFaults(): void
  close(): Promise<void>
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const now = options.now ?? (() => new Date())
  const state = new EmulatorState({
    owner: options.owner,
    repo: options.repo,
    defaultBranch: options.defaultBranch ?? 'main',
    private: options.private ?? true,
    now,
    gitDir: options.gitDir
  })
  const faults = new FaultInjector(options.seed ?? 1)
  const requests: RecordedRequest[] = []
  let blobs: BlobStore | undefined
  const server = await startServer(origin => {
    const store = new BlobStore(origin, now)
    const rest = new RestApi(state, store, { apiUrl: origin, serverUrl: origin.replace('127.0.0.1', 'github.localhost') })
    const services: TwirpServices = { [ARTIFACT_SERVICE]: artifactService(state, store), [CACHE_SERVICE]: cacheService(state, store) }
    blobs = store
    return {
      handlers: {
        rest: request => rest.handle(request),
        twirp: request => handleTwirp(request, services, state),
        blob: request => store.handle(request)
      },
      takeFault: (method, path, body) => faults.take(method, path, body),
      record: request => requests.push(request),
      now
    }
  })
  const apiUrl = `http://127.0.0.1:${server.port}`
  const serverUrl = `http://github.localhost:${server.port}`

  const addToken = (token: string, identity: TokenOptions = {}): Identity => {
    const login = identity.login ?? ACTIONS_BOT.login
    const user = state.user(login, identity.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'))
    const registered: Identity = { ...user, permissions: identity.permissions ?? 'write' }
    state.tokens.set(token, registered)
    return registered
  }
  const defaultToken = 'ghs_emulatorDefaultJobToken0000000000000'
  addToken(defaultToken)

  const mint = (runId: number, jobId: string | number): string => {
    if (!state.run(runId)) throw new Error(`workflow run ${runId} has not been added: call addWorkflowRun first`)
    return mintRuntimeToken(runId, jobId, now())
  }
  return {
    apiUrl,
    serverUrl,
    defaultToken,
    state,
    requests,
    addToken,
    addPullRequest: seed => addPullRequest(state, seed),
    addComment: seed => addComment(state, seed),
    addIssue: seed => addIssue(state, seed),
    addWorkflowRun: seed => addWorkflowRun(state, seed),
    updateWorkflowRun: (id, update) => updateWorkflowRun(state, id, update),
    addWorkflowJob: seed => addWorkflowJob(state, seed),
    setBranch: (name, sha) => {
      state.branches.set(name, sha)
    },
    addArtifact: seed => {
      if (!blobs) throw new Error('the emulator has not started')
      return addArtifact(state, blobs, seed)
    },
    blob: key => blobs?.get(key)?.data,
    mintRuntimeToken: mint,
    runnerEnv: ({ runId, jobId, token }) => {
      const run = state.run(runId)
      const runtimeToken = mint(runId, jobId)
      return {
        token: token ?? defaultToken,
        env: {
          GITHUB_API_URL: apiUrl,
          GITHUB_SERVER_URL: serverUrl,
          GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
          GITHUB_REPOSITORY: `${state.repository.owner.login}/${state.repository.name}`,
          GITHUB_REPOSITORY_OWNER: state.repository.owner.login,
          GITHUB_RUN_ID: String(runId),
          GITHUB_RUN_ATTEMPT: String(run?.run_attempt ?? 1),
          GITHUB_RUN_NUMBER: String(run?.run_number ?? 1),
          ACTIONS_RUNTIME_TOKEN: runtimeToken,
          ACTIONS_RUNTIME_URL: `${apiUrl}/`,
          ACTIONS_RESULTS_URL: `${apiUrl}/`,
          ACTIONS_CACHE_SERVICE_V2: 'true'
        }
      }
    },
    inject: rule => faults.inject(rule),
    clearFaults: () => faults.clear(),
    close: () => server.close()
  }
}
