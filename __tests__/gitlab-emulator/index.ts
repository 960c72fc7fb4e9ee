/**
 * # GitLab emulator for model-ci's tests
 *
 * One HTTP server on 127.0.0.1 (random port), in-process, that plays GitLab's REST API v4 for real
 * clients (`@gitbeaker/rest`, model-ci's own fetch-based adapters) over HTTP. State lives in the
 * emulator object, where a test seeds and inspects it.
 *
 * ```ts
 * const gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
 * const pipeline = gl.addPipeline({ sha, ref: 'main', source: 'push' })
 * const jobToken = gl.addJobToken(pipeline.id)          // CI_JOB_TOKEN of a job of that pipeline
 * // CI_API_V4_URL = gl.apiUrl, CI_PROJECT_ID = '7', MODEL_CI_GITLAB_TOKEN = gl.projectToken
 * await gl.close()
 * ```
 *
 * ## Routes (under `gl.apiUrl`, i.e. `/api/v4`), as GitLab's REST documentation describes them
 * - generic packages: `PUT /projects/:id/packages/generic/:name/:version/:file` (body = the bytes;
 *   201 `{"message":"201 Created"}`, or the package file with `?select=package_file`; GitLab
 *   computes md5, sha1 and sha256; the same file name may be uploaded again, and a download
 *   serves the newest), `GET` of the same path (the bytes, 404 `{"message":"404 Package Not Found"}`);
 *   `GET /projects/:id/packages` (`package_name` fuzzy, `package_version` exact, `package_type`,
 *   `status`, `order_by` created_at|name|version|type, `sort` asc (default)|desc; each package
 *   with `pipeline` (the newest) and `pipelines` when a job token uploaded to it), `GET
 *   /projects/:id/packages/:package_id`, `GET .../packages/:package_id/package_files` (file_name,
 *   size, file_sha256, created_at, `pipelines`);
 * - merge requests: `GET /projects/:id/merge_requests/:iid` (with `diff_refs`) and
 *   `GET /projects/:id/repository/commits/:sha/merge_requests` (those whose head is the commit);
 * - merge request notes: `GET|POST /projects/:id/merge_requests/:iid/notes` (list: `sort`
 *   desc by default, `order_by` created_at|updated_at) and `GET|PUT|DELETE .../notes/:note_id`
 *   (only the author may change a note: 403 otherwise; bodies over 1,000,000 characters: 400);
 * - pipelines: `GET /projects/:id/pipelines` (`ref`, `sha`, `status`, `source`, `scope`,
 *   `order_by` id (default)|status|ref|updated_at, `sort` desc by default) and
 *   `GET /projects/:id/pipelines/:pipeline_id`, `GET /projects/:id/pipelines/:pipeline_id/bridges`
 *   (a trigger job per child pipeline added with `parent`, the child as `downstream_pipeline`); `GET /user`.
 * `:id` is the numeric id or the URL-encoded path (`acme%2Fmodels`); another project is 404.
 * Lists paginate GitLab's way (see api.ts).
 *
 * ## Auth
 * `PRIVATE-TOKEN: X` or `Authorization: Bearer X` for personal and project access tokens
 * (`projectToken` is registered from the start, as the bot user `project_7_bot_…`); `JOB-TOKEN: X`
 * for a job token from `addJobToken(pipelineId)`, which may read and write generic packages and
 * read pipelines and gets 403 `{"message":"403 Forbidden"}` on notes and `GET /user`, as
 * CI_JOB_TOKEN does. No token or an unknown one: 401 `{"message":"401 Unauthorized"}`.
 *
 * ## Faults
 * `gl.inject({ method?, path, times?, ratio?, fault })`, `path` matched against the URL path
 * (with `/api/v4`), `fault` one of `{ status: 500 | 502 | 503 | 504 }`, `{ status: 403 }`,
 * `{ status: 429, retryAfter?: seconds }` (GitLab's rate limit: `Retry after` text, `Retry-After`
 * and `RateLimit-*` headers), `{ delayMs }`, `{ drop: true }` (the socket is destroyed unanswered),
 * `{ cutAfterBytes }` (the answer starts, and the connection breaks after that many bytes of its body).
 *
 * ## Inspection
 * `gl.state` (pipelines, notes, packages with their files' bytes, ...), `gl.requests` (method,
 * path, query, headers without any token header, status, fault).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultInjector, type FaultRule as GitHubFaultRule, type InjectedFault } from '../emulator/faults.js'
import { incomingRequest, readBody, replyPayload, sendReply, type Reply } from '../emulator/http.js'
import { addNote, handleApi } from './api.js'
import { GitLabState, type GitLabUser, type MergeRequestRecord, type NoteRecord, type PipelineRecord, type PipelineStatus, type TokenRecord } from './state.js'

export type * from './state.js'
export { NOTE_BODY_LIMIT } from './api.js'
export type { InjectedFault } from '../emulator/faults.js'

export type GitLabFault =
  | { status: 500 | 502 | 503 | 504 }
  /** GitLab's refusal of a token that may not call the route (a job token where GitLab restricts it). */
  | { status: 403 }
  | { status: 429; retryAfter?: number }
  | { delayMs: number }
  | { drop: true }
  /** Answer normally, but break the connection after this many bytes of the body. */
  | { cutAfterBytes: number }

export interface GitLabFaultRule {
  method?: string
  path: string | RegExp
  times?: number
  ratio?: number
  fault: GitLabFault
}

export interface GitLabRecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  /** Lower-case names; `private-token`, `job-token` and `authorization` are left out. */
  headers: Record<string, string>
  bodyBytes: number
  status?: number
  fault?: GitLabFault
}

export interface PipelineSeed {
  sha: string
  ref: string
  source?: string
  status?: PipelineStatus
  /** Who ran it; `root` when absent. */
  user?: string
  created_at?: string
  /** For a child pipeline (source parent_pipeline): the pipeline whose trigger job made it; its bridges list it. */
  parent?: number
}

export interface GitLabEmulator {
  /** `http://127.0.0.1:<port>/api/v4`: what CI_API_V4_URL holds. */
  readonly apiUrl: string
  /** `http://127.0.0.1:<port>/<projectPath>`: what CI_PROJECT_URL holds. */
  readonly projectUrl: string
  readonly projectId: number
  /** A project access token (may write notes), registered from the start. */
  readonly projectToken: string
  readonly state: GitLabState
  readonly requests: GitLabRecordedRequest[]
  addToken(token: string, options: { kind: 'personal' | 'project'; username: string }): TokenRecord
  /** A job token (CI_JOB_TOKEN) of a job of pipeline `pipelineId`, which must exist; its user is the pipeline's. */
  addJobToken(pipelineId: number, token?: string): string
  addPipeline(seed: PipelineSeed): PipelineRecord
  setPipelineStatus(id: number, status: PipelineStatus): PipelineRecord
  /** A merge request; its head, branches and merge-base are made up unless given. */
  addMergeRequest(iid: number, seed?: Partial<Omit<MergeRequestRecord, 'id' | 'iid'>>): MergeRequestRecord
  /** A note by someone else (`alice` by default). */
  addNote(seed: { iid: number; body: string; author?: string; system?: boolean }): NoteRecord
  user(username: string): GitLabUser
  inject(rule: GitLabFaultRule): InjectedFault
  clearFaults(): void
  close(): Promise<void>
}

const TOKEN_HEADERS = new Set(['private-token', 'job-token', 'authorization'])

function faultReply(fault: Extract<GitLabFault, { status: number }>): Reply {
  if (fault.status === 429) {
    const retryAfter = String(fault.retryAfter ?? 60)
    return {
      status: 429,
      headers: { 'content-type': 'text/plain', 'retry-after': retryAfter, 'ratelimit-name': 'throttle_authenticated_api', 'ratelimit-remaining': '0', 'ratelimit-limit': '2000' },
      body: 'Retry later\n'
    }
  }
  const message = fault.status === 502 ? '502 Bad Gateway' : fault.status === 403 ? '403 Forbidden' : `${fault.status} Internal Server Error`
  return { status: fault.status, headers: { 'content-type': 'application/json' }, body: { message } }
}

export async function startGitLabEmulator(options: { projectId?: number; projectPath?: string; seed?: number; now?: () => Date } = {}): Promise<GitLabEmulator> {
  const projectId = options.projectId ?? 7
  const projectPath = options.projectPath ?? 'acme/models'
  const now = options.now ?? (() => new Date())
  const faults = new FaultInjector(options.seed ?? 1)
  const requests: GitLabRecordedRequest[] = []
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const state = new GitLabState({ id: projectId, path_with_namespace: projectPath, web_url: `${origin}/${projectPath}` }, now)

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const request = incomingRequest(req.method ?? 'GET', new URL(req.url ?? '/', origin), req.headers, await readBody(req))
      const recorded: GitLabRecordedRequest = {
        method: request.method,
        path: request.url.pathname,
        query: Object.fromEntries(request.url.searchParams),
        headers: Object.fromEntries(Object.entries(req.headers).flatMap(([name, value]) => (TOKEN_HEADERS.has(name) || value === undefined ? [] : [[name, String(value)]]))),
        bodyBytes: request.bodyBytes
      }
      requests.push(recorded)
      const fault = faults.take(request.method, request.url.pathname) as GitLabFault | undefined
      if (fault) recorded.fault = fault
      if (fault && 'drop' in fault) {
        req.socket.destroy()
        return
      }
      if (fault && 'delayMs' in fault) await new Promise(resolve => setTimeout(resolve, fault.delayMs))
      let reply: Reply
      try {
        reply = fault && 'status' in fault ? faultReply(fault) : handleApi(state, origin, request)
      } catch (error) {
        console.error(`GitLab emulator failed on ${request.method} ${request.url.pathname}:`, error)
        reply = { status: 500, body: { message: `emulator error: ${String(error)}` } }
      }
      recorded.status = reply.status
      if (fault && 'cutAfterBytes' in fault) {
        const payload = replyPayload(reply) ?? Buffer.alloc(0)
        res.writeHead(reply.status, { ...reply.headers, 'content-length': String(payload.length) })
        res.write(payload.subarray(0, fault.cutAfterBytes), () => res.destroy())
        return
      }
      sendReply(res, reply)
    })().catch(error => {
      console.error('GitLab emulator could not answer:', error)
      res.destroy()
    })
  })

  const addToken = (token: string, identity: { kind: 'personal' | 'project'; username: string }): TokenRecord => {
    const record: TokenRecord = { kind: identity.kind, user: state.user(identity.username) }
    state.tokens.set(token, record)
    return record
  }
  const projectToken = 'glpat-emulatorProjectToken00000000'
  addToken(projectToken, { kind: 'project', username: `project_${projectId}_bot_0123456789abcdef` })
  let jobTokens = 0

  return {
    apiUrl: `${origin}/api/v4`,
    projectUrl: state.project.web_url,
    projectId,
    projectToken,
    state,
    requests,
    addToken,
    addJobToken(pipelineId, token) {
      const pipeline = state.pipeline(pipelineId)
      if (!pipeline) throw new Error(`pipeline ${pipelineId} has not been added`)
      jobTokens += 1
      const secret = token ?? `glcbt-emulatorJobToken${String(jobTokens).padStart(8, '0')}`
      state.tokens.set(secret, { kind: 'job', user: pipeline.user, pipeline_id: pipelineId })
      return secret
    },
    addPipeline(seed) {
      const id = 1000 + state.nextId('pipeline')
      const created = seed.created_at ?? state.timestamp()
      const pipeline: PipelineRecord = {
        id,
        iid: id - 1000,
        project_id: projectId,
        sha: seed.sha,
        ref: seed.ref,
        status: seed.status ?? 'success',
        source: seed.source ?? 'push',
        created_at: created,
        updated_at: created,
        web_url: `${state.project.web_url}/-/pipelines/${id}`,
        user: state.user(seed.user ?? 'root'),
        ...(seed.parent !== undefined ? { parent_id: seed.parent } : {})
      }
      if (seed.parent !== undefined && !state.pipeline(seed.parent)) throw new Error(`pipeline ${seed.parent} has not been added`)
      state.pipelines.push(pipeline)
      return pipeline
    },
    setPipelineStatus(id, status) {
      const pipeline = state.pipeline(id)
      if (!pipeline) throw new Error(`pipeline ${id} has not been added`)
      pipeline.status = status
      pipeline.updated_at = state.timestamp()
      return pipeline
    },
    addMergeRequest(iid, seed = {}) {
      const mr: MergeRequestRecord = {
        id: 500 + iid,
        iid,
        title: `Merge request !${iid}`,
        state: 'opened',
        sha: String(iid).padStart(40, 'e'),
        source_branch: `feature-${iid}`,
        target_branch: 'main',
        base_sha: String(iid).padStart(40, 'b'),
        source_project_id: projectId,
        ...seed
      }
      state.mergeRequests.push(mr)
      return mr
    },
    addNote: seed => addNote(state, { iid: seed.iid, body: seed.body, author: state.user(seed.author ?? 'alice'), system: seed.system }),
    user: username => state.user(username),
    inject: rule => faults.inject(rule as GitHubFaultRule),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}
