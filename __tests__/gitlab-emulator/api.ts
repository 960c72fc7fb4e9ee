/**
 * GitLab REST API v4 routes the emulator serves (under `/api/v4`), with GitLab's payloads, status
 * codes, error bodies (`{"message": "404 Not found"}`, `{"error": "..."}`) and offset pagination
 * (`page`, `per_page` default 20 and at most 100; `x-page`, `x-per-page`, `x-next-page`,
 * `x-prev-page`, `x-total`, `x-total-pages` and a `Link` header with first/prev/next/last).
 */
import { HttpError, json, type IncomingRequest, type Reply } from '../emulator/http.js'
import { Router } from '../emulator/router.js'
import type { GitLabState, GitLabUser, MergeRequestRecord, NoteRecord, PackageFileRecord, PackageRecord, PipelineRecord, TokenRecord } from './state.js'

export const API_PREFIX = '/api/v4'
/** GitLab's limit on a note's body, in characters. */
export const NOTE_BODY_LIMIT = 1_000_000

interface Context {
  state: GitLabState
  token: TokenRecord
  request: IncomingRequest
  query: URLSearchParams
  /** `http://127.0.0.1:PORT`, for Link headers. */
  origin: string
}

type Handler = (context: Context, params: Record<string, string>) => Reply

/** Who may call a route: `job` = a job token may too; otherwise only personal and project tokens. */
interface Access {
  jobToken: boolean
}

const PROJECT = '/projects/:id'

export function glError(status: number, message: string): HttpError {
  return new HttpError(json(status, { message }))
}

const notFound = (what?: string) => glError(404, what ? `404 ${what} Not Found` : '404 Not found')
const badRequest = (error: string) => new HttpError(json(400, { error }))

export function userPayload(user: GitLabUser, webBase: string) {
  return { id: user.id, username: user.username, name: user.name, state: 'active', locked: false, avatar_url: null, web_url: `${webBase}/${user.username}` }
}

function pipelineSummary(pipeline: PipelineRecord) {
  const { id, iid, project_id, sha, ref, status, source, created_at, updated_at, web_url } = pipeline
  return { id, iid, project_id, sha, ref, status, source, created_at, updated_at, web_url }
}

function pipelinePayload(state: GitLabState, pipeline: PipelineRecord) {
  return {
    ...pipelineSummary(pipeline),
    before_sha: '0000000000000000000000000000000000000000',
    tag: false,
    yaml_errors: null,
    user: userPayload(pipeline.user, webBase(state)),
    started_at: pipeline.created_at,
    finished_at: ['success', 'failed', 'canceled', 'skipped'].includes(pipeline.status) ? pipeline.updated_at : null,
    committed_at: null,
    duration: null,
    queued_duration: null,
    coverage: null,
    detailed_status: { text: pipeline.status, label: pipeline.status, group: pipeline.status }
  }
}

/** The pipeline as package APIs show it (with the user who ran it). */
function packagePipeline(state: GitLabState, id: number | undefined) {
  const pipeline = id === undefined ? undefined : state.pipeline(id)
  return pipeline ? { ...pipelineSummary(pipeline), user: userPayload(pipeline.user, webBase(state)) } : undefined
}

function webBase(state: GitLabState): string {
  return new URL(state.project.web_url).origin
}

/** Pipelines of a package's files, newest first, without repeats. */
function packagePipelineIds(pkg: PackageRecord): number[] {
  const ids: number[] = []
  for (const file of [...pkg.files].reverse()) if (file.pipeline_id !== undefined && !ids.includes(file.pipeline_id)) ids.push(file.pipeline_id)
  return ids
}

function packagePayload(state: GitLabState, pkg: PackageRecord) {
  const pipelines = packagePipelineIds(pkg).flatMap(id => packagePipeline(state, id) ?? [])
  const web = `${state.project.web_url}/-/packages/${pkg.id}`
  return {
    id: pkg.id,
    name: pkg.name,
    version: pkg.version,
    package_type: pkg.package_type,
    status: pkg.status,
    _links: { web_path: new URL(web).pathname },
    created_at: pkg.created_at,
    last_downloaded_at: null,
    tags: [],
    // GitLab includes `pipeline` (the most recent one) only when the package has one.
    ...(pipelines.length > 0 ? { pipeline: pipelines[0], pipelines } : {})
  }
}

function packageFilePayload(state: GitLabState, file: PackageFileRecord) {
  const pipeline = packagePipeline(state, file.pipeline_id)
  return {
    id: file.id,
    package_id: file.package_id,
    created_at: file.created_at,
    file_name: file.file_name,
    size: file.size,
    file_md5: file.file_md5,
    file_sha1: file.file_sha1,
    file_sha256: file.file_sha256,
    pipelines: pipeline ? [pipeline] : []
  }
}

function notePayload(state: GitLabState, note: NoteRecord) {
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author: userPayload(note.author, webBase(state)),
    created_at: note.created_at,
    updated_at: note.updated_at,
    system: note.system,
    noteable_id: note.noteable_id,
    noteable_type: 'MergeRequest',
    project_id: state.project.id,
    noteable_iid: note.noteable_iid,
    resolvable: false,
    confidential: false,
    internal: false,
    imported: false,
    imported_from: 'none'
  }
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10)
  return Number.isFinite(parsed) && parsed >= 1 ? parsed : fallback
}

/** GitLab's offset pagination of `all`. */
export function paginate<T>(all: readonly T[], context: Context): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(positiveInt(context.query.get('per_page'), 20), 100)
  const page = positiveInt(context.query.get('page'), 1)
  const totalPages = Math.max(1, Math.ceil(all.length / perPage))
  const items = all.slice((page - 1) * perPage, page * perPage)
  const url = context.request.url
  const linkTo = (target: number, rel: string) => {
    const link = new URL(url.pathname + url.search, context.origin)
    link.searchParams.set('page', String(target))
    link.searchParams.set('per_page', String(perPage))
    return `<${link.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(linkTo(Math.min(page - 1, totalPages), 'prev'))
  if (page < totalPages) links.push(linkTo(page + 1, 'next'))
  links.push(linkTo(1, 'first'), linkTo(totalPages, 'last'))
  return {
    items,
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(Math.min(page - 1, totalPages)) : '',
      'x-total': String(all.length),
      'x-total-pages': String(totalPages),
      link: links.join(', ')
    }
  }
}

/** Sorts by `order_by` (one of `allowed`, the first by default) and `sort` (`defaultSort` when absent). */
function ordered<T extends Record<string, unknown>>(items: T[], context: Context, allowed: string[], defaultSort: 'asc' | 'desc'): T[] {
  const orderBy = context.query.get('order_by') ?? allowed[0]
  const sort = context.query.get('sort') ?? defaultSort
  if (!allowed.includes(orderBy)) throw badRequest('order_by does not have a valid value')
  if (sort !== 'asc' && sort !== 'desc') throw badRequest('sort does not have a valid value')
  const direction = sort === 'asc' ? 1 : -1
  // Ties are broken by id, as GitLab's keyset-friendly orders are.
  return [...items].sort((a, b) => {
    const [x, y] = [a[orderBy] as string | number, b[orderBy] as string | number]
    if (x !== y) return x < y ? -direction : direction
    return ((a.id as number) - (b.id as number)) * direction
  })
}

function requireProject(context: Context, params: Record<string, string>): void {
  const { id, path_with_namespace } = context.state.project
  if (params.id !== String(id) && params.id !== path_with_namespace) throw notFound('Project')
}

// --- generic packages ---

const PACKAGE_NAME = /^[A-Za-z0-9._-]+$/
const PACKAGE_VERSION = /^(\.?[\w+-]+\.?)+$/
const FILE_NAME = /^[A-Za-z0-9._~+-]+$/

function genericParams(params: Record<string, string>): { name: string; version: string; fileName: string } {
  const { package_name: name = '', package_version: version = '', file_name: fileName = '' } = params
  if (!PACKAGE_NAME.test(name)) throw badRequest('package_name is invalid')
  if (!PACKAGE_VERSION.test(version)) throw badRequest('package_version is invalid')
  if (!FILE_NAME.test(fileName) || fileName.includes('..')) throw badRequest('file_name is invalid')
  return { name, version, fileName }
}

const uploadGeneric: Handler = (context, params) => {
  requireProject(context, params)
  const { name, version, fileName } = genericParams(params)
  const file = context.state.putPackageFile(name, version, fileName, Buffer.from(context.request.body), context.token.pipeline_id)
  if (context.query.get('select') === 'package_file') return json(200, packageFilePayload(context.state, file))
  return json(201, { message: '201 Created' })
}

const downloadGeneric: Handler = (context, params) => {
  requireProject(context, params)
  const { name, version, fileName } = genericParams(params)
  const pkg = context.state.packages.find(candidate => candidate.name === name && candidate.version === version && candidate.status === 'default')
  // Duplicate file names are allowed; the newest is served.
  const file = pkg?.files.filter(candidate => candidate.file_name === fileName).at(-1)
  if (!file) throw notFound('Package')
  return { status: 200, headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${fileName}"` }, body: file.content }
}

const listPackages: Handler = (context, params) => {
  requireProject(context, params)
  const name = context.query.get('package_name')
  const version = context.query.get('package_version')
  const type = context.query.get('package_type')
  const status = context.query.get('status') ?? 'default'
  const matching = context.state.packages.filter(
    pkg =>
      pkg.status === status &&
      (type === null || pkg.package_type === type) &&
      (name === null || pkg.name.toLowerCase().includes(name.toLowerCase())) &&
      (version === null || pkg.version === version)
  )
  const records = matching.map(pkg => ({ ...pkg, type: pkg.package_type }))
  const page = paginate(ordered(records, context, ['created_at', 'name', 'version', 'type'], 'asc'), context)
  return json(200, page.items.map(pkg => packagePayload(context.state, pkg)), page.headers)
}

function findPackage(context: Context, params: Record<string, string>): PackageRecord {
  requireProject(context, params)
  const pkg = context.state.package(Number(params.package_id))
  if (!pkg) throw notFound()
  return pkg
}

const getPackage: Handler = (context, params) => json(200, packagePayload(context.state, findPackage(context, params)))

const listPackageFiles: Handler = (context, params) => {
  const pkg = findPackage(context, params)
  const records = pkg.files.map(file => ({ ...file }))
  const page = paginate(ordered(records, context, ['id', 'file_name', 'created_at'], 'asc'), context)
  return json(200, page.items.map(file => packageFilePayload(context.state, file)), page.headers)
}

// --- merge request notes ---

function mergeRequestOf(context: Context, params: Record<string, string>) {
  requireProject(context, params)
  const mr = context.state.mergeRequest(Number(params.merge_request_iid))
  if (!mr) throw notFound()
  return mr
}

function noteOf(context: Context, params: Record<string, string>): NoteRecord {
  const mr = mergeRequestOf(context, params)
  const note = context.state.notes.find(candidate => candidate.id === Number(params.note_id) && candidate.noteable_iid === mr.iid)
  if (!note) throw notFound('Note')
  return note
}

function noteBody(context: Context): string {
  const body = bodyField(context.request, 'body')
  if (typeof body !== 'string' || body.trim() === '') throw badRequest('body is missing')
  if (body.length > NOTE_BODY_LIMIT) throw new HttpError(json(400, { message: { body: [`is too long (maximum is ${NOTE_BODY_LIMIT} characters)`] } }))
  return body
}

/** A field of a JSON or form-encoded body, or of the query string (GitLab accepts each). */
function bodyField(request: IncomingRequest, name: string): unknown {
  const type = String(request.headers['content-type'] ?? '')
  if (request.bodyBytes > 0) {
    const text = request.body.toString('utf8')
    if (type.includes('json')) {
      try {
        return (JSON.parse(text) as Record<string, unknown>)[name]
      } catch {
        return undefined
      }
    }
    return new URLSearchParams(text).get(name) ?? undefined
  }
  return request.url.searchParams.get(name) ?? undefined
}

const listNotes: Handler = (context, params) => {
  const mr = mergeRequestOf(context, params)
  const notes = context.state.notes.filter(note => note.noteable_iid === mr.iid).map(note => ({ ...note }))
  const page = paginate(ordered(notes, context, ['created_at', 'updated_at'], 'desc'), context)
  return json(200, page.items.map(note => notePayload(context.state, note)), page.headers)
}

const createNote: Handler = (context, params) => {
  const mr = mergeRequestOf(context, params)
  const note = addNote(context.state, { iid: mr.iid, body: noteBody(context), author: context.token.user })
  return json(201, notePayload(context.state, note))
}

const getNote: Handler = (context, params) => json(200, notePayload(context.state, noteOf(context, params)))

const updateNote: Handler = (context, params) => {
  const note = noteOf(context, params)
  if (note.author.id !== context.token.user.id) throw glError(403, '403 Forbidden')
  note.body = noteBody(context)
  note.updated_at = context.state.timestamp()
  return json(200, notePayload(context.state, note))
}

const deleteNote: Handler = (context, params) => {
  const note = noteOf(context, params)
  if (note.author.id !== context.token.user.id) throw glError(403, '403 Forbidden')
  context.state.notes.splice(context.state.notes.indexOf(note), 1)
  return { status: 204 }
}

export function addNote(state: GitLabState, seed: { iid: number; body: string; author: GitLabUser; system?: boolean }): NoteRecord {
  const mr = state.mergeRequest(seed.iid)
  if (!mr) throw new Error(`merge request !${seed.iid} has not been added`)
  const now = state.timestamp()
  const note: NoteRecord = { id: state.nextId('note'), noteable_id: mr.id, noteable_iid: mr.iid, body: seed.body, author: seed.author, created_at: now, updated_at: now, system: seed.system ?? false }
  state.notes.push(note)
  return note
}

// --- merge requests ---

function mergeRequestPayload(state: GitLabState, mr: MergeRequestRecord, detailed: boolean) {
  const basic = {
    id: mr.id,
    iid: mr.iid,
    project_id: state.project.id,
    title: mr.title,
    state: mr.state,
    source_branch: mr.source_branch,
    target_branch: mr.target_branch,
    source_project_id: mr.source_project_id,
    target_project_id: state.project.id,
    sha: mr.sha,
    web_url: `${state.project.web_url}/-/merge_requests/${mr.iid}`
  }
  // Only a single merge request shows its diff_refs.
  return detailed ? { ...basic, diff_refs: { base_sha: mr.base_sha, head_sha: mr.sha, start_sha: mr.base_sha } } : basic
}

const listCommitMergeRequests: Handler = (context, params) => {
  requireProject(context, params)
  const found = context.state.mergeRequests.filter(mr => mr.sha === params.sha)
  const page = paginate(found, context)
  return json(200, page.items.map(mr => mergeRequestPayload(context.state, mr, false)), page.headers)
}

const getMergeRequest: Handler = (context, params) => json(200, mergeRequestPayload(context.state, mergeRequestOf(context, params), true))

// --- pipelines and users ---

const PIPELINE_SCOPES: Record<string, string[]> = {
  running: ['running'],
  pending: ['pending'],
  finished: ['success', 'failed', 'canceled']
}

const listPipelines: Handler = (context, params) => {
  requireProject(context, params)
  const q = (name: string) => context.query.get(name)
  const scope = q('scope')
  if (scope !== null && !(scope in PIPELINE_SCOPES)) throw badRequest('scope does not have a valid value')
  const pipelines = context.state.pipelines.filter(
    p =>
      (q('ref') === null || p.ref === q('ref')) &&
      (q('sha') === null || p.sha === q('sha')) &&
      (q('status') === null || p.status === q('status')) &&
      (q('source') === null || p.source === q('source')) &&
      (scope === null || PIPELINE_SCOPES[scope].includes(p.status))
  )
  const page = paginate(ordered(pipelines.map(p => ({ ...p })), context, ['id', 'status', 'ref', 'updated_at', 'user_id'], 'desc'), context)
  return json(200, page.items.map(pipelineSummary), page.headers)
}

const getPipeline: Handler = (context, params) => {
  requireProject(context, params)
  const pipeline = context.state.pipeline(Number(params.pipeline_id))
  if (!pipeline) throw notFound()
  return json(200, pipelinePayload(context.state, pipeline))
}

/**
 * `GET /job`: the job a job token belongs to, with its pipeline, as GitLab's Jobs API gives it
 * ("Get job token's job"). The emulator's job tokens stand for one job of their pipeline.
 */
const getJobOfToken: Handler = context => {
  const pipeline = context.token.kind === 'job' ? context.state.pipeline(context.token.pipeline_id ?? 0) : undefined
  if (!pipeline) return json(401, { message: '401 Unauthorized' })
  const summary = pipelineSummary(pipeline)
  return json(200, {
    id: pipeline.id * 10,
    status: 'running',
    stage: 'test',
    name: 'job',
    ref: pipeline.ref,
    tag: false,
    created_at: pipeline.created_at,
    pipeline: summary,
    user: userPayload(context.token.user, webBase(context.state)),
    web_url: `${summary.web_url.replace(/\/pipelines\/\d+$/, '')}/jobs/${pipeline.id * 10}`
  })
}

/** A pipeline's trigger (bridge) jobs, each with the child pipeline it made as `downstream_pipeline`. */
const listBridges: Handler = (context, params) => {
  requireProject(context, params)
  const pipeline = context.state.pipeline(Number(params.pipeline_id))
  if (!pipeline) throw notFound()
  const children = context.state.pipelines.filter(p => p.parent_id === pipeline.id)
  const bridges = children.map((child, index) => ({
    id: pipeline.id * 100 + index + 1,
    name: index === 0 ? 'model-ci' : `model-ci ${index + 1}`,
    stage: 'test',
    status: child.status,
    ref: pipeline.ref,
    created_at: child.created_at,
    user: userPayload(pipeline.user, webBase(context.state)),
    pipeline: pipelineSummary(pipeline),
    downstream_pipeline: pipelineSummary(child)
  }))
  const page = paginate(bridges, context)
  return json(200, page.items, page.headers)
}

const getUser: Handler = context => json(200, { ...userPayload(context.token.user, webBase(context.state)), bot: context.token.kind === 'project' })

const routes = new Router<Context>()
const access = new Map<string, Access>()
function route(method: string, template: string, handler: Handler, jobToken = false): void {
  routes.add(method, `${API_PREFIX}${template}`, handler)
  access.set(`${method} ${API_PREFIX}${template}`, { jobToken })
}
route('GET', '/user', getUser)
route('PUT', `${PROJECT}/packages/generic/:package_name/:package_version/:file_name`, uploadGeneric, true)
route('GET', `${PROJECT}/packages/generic/:package_name/:package_version/:file_name`, downloadGeneric, true)
route('GET', `${PROJECT}/packages`, listPackages, true)
route('GET', `${PROJECT}/packages/:package_id`, getPackage, true)
route('GET', `${PROJECT}/packages/:package_id/package_files`, listPackageFiles, true)
// A job token may call what GitLab's "Job token access" table lists (doc/ci/jobs/ci_job_token.md):
// the package registry, GET of merge requests and their notes, the commit's merge requests, and of
// the Jobs API only `GET /job`. Not the pipelines API, nor writing notes.
route('GET', '/job', getJobOfToken, true)
route('GET', `${PROJECT}/repository/commits/:sha/merge_requests`, listCommitMergeRequests, true)
route('GET', `${PROJECT}/merge_requests/:merge_request_iid`, getMergeRequest, true)
route('GET', `${PROJECT}/merge_requests/:merge_request_iid/notes`, listNotes, true)
route('POST', `${PROJECT}/merge_requests/:merge_request_iid/notes`, createNote)
route('GET', `${PROJECT}/merge_requests/:merge_request_iid/notes/:note_id`, getNote, true)
route('PUT', `${PROJECT}/merge_requests/:merge_request_iid/notes/:note_id`, updateNote)
route('DELETE', `${PROJECT}/merge_requests/:merge_request_iid/notes/:note_id`, deleteNote)
route('GET', `${PROJECT}/pipelines`, listPipelines)
route('GET', `${PROJECT}/pipelines/:pipeline_id`, getPipeline)
route('GET', `${PROJECT}/pipelines/:pipeline_id/bridges`, listBridges)

/** The token a request carries: `PRIVATE-TOKEN`, `JOB-TOKEN` or `Authorization: Bearer`. */
function tokenOf(request: IncomingRequest): string | undefined {
  const header = (name: string) => {
    const value = request.headers[name]
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '')?.[1]
  return header('private-token') ?? header('job-token') ?? bearer
}

export function handleApi(state: GitLabState, origin: string, request: IncomingRequest): Reply {
  try {
    const found = routes.match(request.method, request.url.pathname)
    if (!found) {
      return json(404, request.url.pathname.startsWith(API_PREFIX) ? { error: '404 Not Found' } : { message: '404 Not Found' })
    }
    const secret = tokenOf(request)
    const token = secret === undefined ? undefined : state.tokens.get(secret)
    if (!token) return json(401, { message: '401 Unauthorized' })
    if (token.kind === 'job' && !access.get(`${found.route.method} ${found.route.template}`)?.jobToken) {
      return json(403, { message: '403 Forbidden' })
    }
    return found.route.handler({ state, token, request, query: request.url.searchParams, origin }, found.params)
  } catch (error) {
    if (error instanceof HttpError) return error.reply
    throw error
  }
}
