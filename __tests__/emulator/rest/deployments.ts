/**
 * Deployments and their statuses: create, list (filters `sha`, `ref`, `task`, `environment`;
 * newest first, paginated), get; create and list statuses.
 *
 * `auto_inactive` (default true) follows GitHub's documented rule: a new `success` status adds an
 * `inactive` status to every prior deployment of the same repository and environment that is
 * neither transient nor production and whose latest state is `success`. `production_environment`
 * defaults to true only for an environment named `production`. A `ref` resolves to a sha when it
 * is a 40-hex sha, a branch (set with `setBranch`, or in the emulator's git repository), or a pull
 * request's head branch; otherwise 422. `auto_merge` and `required_contexts` are accepted but not
 * acted on: the emulator merges nothing and has no commit statuses.
 */
import type { components } from '@octokit/openapi-types'
import { HttpError, json, type Reply } from '../http.js'
import { paginate } from '../pagination.js'
import type { DeploymentRecord, DeploymentState, DeploymentStatusRecord, EmulatorState, UserRecord } from '../state.js'
import { branchTip } from './commits.js'
import { bodyFields, nodeId, type Links, type RestContext } from './context.js'
import { notFound, restError, validationFailed } from './errors.js'
import { repositorySummary } from './repository.js'
import { userPayload } from './users.js'

export type DeploymentPayload = components['schemas']['deployment']
export type DeploymentStatusPayload = components['schemas']['deployment-status']

const STATES: readonly DeploymentState[] = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']

function deploymentPayload(state: EmulatorState, links: Links, deployment: DeploymentRecord): DeploymentPayload {
  const repo = repositorySummary(state, links)
  const url = `${repo.url}/deployments/${deployment.id}`
  return {
    url,
    id: deployment.id,
    node_id: nodeId('DE', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.original_environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userPayload(deployment.creator, links),
    created_at: deployment.created_at,
    updated_at: deployment.updated_at,
    statuses_url: `${url}/statuses`,
    repository_url: repo.url,
    transient_environment: deployment.transient_environment,
    production_environment: deployment.production_environment
  }
}

function statusPayload(state: EmulatorState, links: Links, deployment: DeploymentRecord, status: DeploymentStatusRecord): DeploymentStatusPayload {
  const repo = repositorySummary(state, links)
  const deploymentUrl = `${repo.url}/deployments/${deployment.id}`
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DES', status.id),
    state: status.state,
    creator: userPayload(status.creator, links),
    description: status.description,
    environment: status.environment,
    target_url: status.target_url,
    log_url: status.log_url,
    environment_url: status.environment_url,
    created_at: status.created_at,
    updated_at: status.updated_at,
    deployment_url: deploymentUrl,
    repository_url: repo.url
  }
}

function resolveRef(state: EmulatorState, ref: string): string | undefined {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase()
  const branch = ref.replace(/^refs\/heads\//, '')
  return branchTip(state, branch) ?? state.pulls.find(pull => pull.head.ref === branch)?.head.sha
}

function optionalString(fields: Record<string, unknown>, name: string, resource: string): string | undefined {
  const value = fields[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw validationFailed([{ resource, code: 'invalid', field: name }])
  return value
}

function optionalBoolean(fields: Record<string, unknown>, name: string, resource: string): boolean | undefined {
  const value = fields[name]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw validationFailed([{ resource, code: 'invalid', field: name }])
  return value
}

function findDeployment(context: RestContext, params: Record<string, string>): DeploymentRecord {
  const deployment = context.state.deployments.find(candidate => candidate.id === Number(params.deployment_id))
  if (!deployment) throw notFound()
  return deployment
}

export function createDeployment(context: RestContext): Reply {
  const { state, links, identity } = context
  const fields = bodyFields(context)
  const ref = optionalString(fields, 'ref', 'Deployment')
  if (!ref) throw validationFailed([{ resource: 'Deployment', code: 'missing_field', field: 'ref' }])
  const sha = resolveRef(state, ref)
  if (!sha) throw new HttpError(restError(422, `No ref found for: ${ref}`))
  const payload = fields.payload ?? {}
  if (typeof payload !== 'string' && (typeof payload !== 'object' || payload === null || Array.isArray(payload))) {
    throw validationFailed([{ resource: 'Deployment', code: 'invalid', field: 'payload' }])
  }
  const environment = optionalString(fields, 'environment', 'Deployment') ?? 'production'
  const now = state.timestamp()
  const deployment: DeploymentRecord = {
    id: state.nextId('deployment'),
    sha,
    ref,
    task: optionalString(fields, 'task', 'Deployment') ?? 'deploy',
    payload: payload as Record<string, unknown> | string,
    environment,
    original_environment: environment,
    description: optionalString(fields, 'description', 'Deployment') ?? '',
    creator: state.user(identity.login, identity.type),
    transient_environment: optionalBoolean(fields, 'transient_environment', 'Deployment') ?? false,
    production_environment: optionalBoolean(fields, 'production_environment', 'Deployment') ?? environment === 'production',
    statuses: [],
    created_at: now,
    updated_at: now
  }
  state.deployments.push(deployment)
  return json(201, deploymentPayload(state, links, deployment))
}

export function listDeployments(context: RestContext): Reply {
  const { query, state, links } = context
  const filter = (name: 'sha' | 'ref' | 'task' | 'environment') => (deployment: DeploymentRecord) => {
    const wanted = query.get(name)
    return wanted === null || deployment[name] === wanted
  }
  const matching = state.deployments
    .filter(filter('sha'))
    .filter(filter('ref'))
    .filter(filter('task'))
    .filter(filter('environment'))
    .sort((a, b) => b.id - a.id)
  const page = paginate(matching, context.url, links.apiUrl)
  return json(200, page.items.map(deployment => deploymentPayload(state, links, deployment)), page.headers)
}

export function getDeployment(context: RestContext, params: Record<string, string>): Reply {
  return json(200, deploymentPayload(context.state, context.links, findDeployment(context, params)))
}

function addStatus(state: EmulatorState, deployment: DeploymentRecord, creator: UserRecord, fields: Omit<DeploymentStatusRecord, 'id' | 'creator' | 'created_at' | 'updated_at'>): DeploymentStatusRecord {
  const now = state.timestamp()
  const status: DeploymentStatusRecord = { id: state.nextId('deploymentStatus'), creator, created_at: now, updated_at: now, ...fields }
  deployment.statuses.push(status)
  deployment.updated_at = now
  return status
}

/** GitHub's `auto_inactive`: earlier successful, non-transient, non-production deployments of the environment go inactive. */
function deactivatePrior(state: EmulatorState, current: DeploymentRecord, creator: UserRecord): void {
  for (const prior of state.deployments) {
    const latest = prior.statuses.at(-1)
    const eligible = prior.id < current.id && prior.environment === current.environment && !prior.transient_environment && !prior.production_environment
    if (!eligible || latest?.state !== 'success') continue
    addStatus(state, prior, creator, { state: 'inactive', description: '', environment: prior.environment, target_url: '', log_url: '', environment_url: '' })
  }
}

export function createDeploymentStatus(context: RestContext, params: Record<string, string>): Reply {
  const { state, links, identity } = context
  const deployment = findDeployment(context, params)
  const fields = bodyFields(context)
  const statusState = fields.state
  if (!STATES.includes(statusState as DeploymentState)) {
    throw validationFailed([{ resource: 'DeploymentStatus', code: 'invalid', field: 'state' }])
  }
  const environment = optionalString(fields, 'environment', 'DeploymentStatus')
  if (environment) deployment.environment = environment
  // GitHub keeps the two in step: `log_url` replaced `target_url`, and setting either sets both.
  const logUrl = optionalString(fields, 'log_url', 'DeploymentStatus')
  const targetUrl = optionalString(fields, 'target_url', 'DeploymentStatus')
  const creator = state.user(identity.login, identity.type)
  const status = addStatus(state, deployment, creator, {
    state: statusState as DeploymentState,
    description: optionalString(fields, 'description', 'DeploymentStatus') ?? '',
    environment: deployment.environment,
    target_url: targetUrl ?? logUrl ?? '',
    log_url: logUrl ?? targetUrl ?? '',
    environment_url: optionalString(fields, 'environment_url', 'DeploymentStatus') ?? ''
  })
  if (status.state === 'success' && (optionalBoolean(fields, 'auto_inactive', 'DeploymentStatus') ?? true)) {
    deactivatePrior(state, deployment, creator)
  }
  return json(201, statusPayload(state, links, deployment, status))
}

export function listDeploymentStatuses(context: RestContext, params: Record<string, string>): Reply {
  const deployment = findDeployment(context, params)
  const newestFirst = [...deployment.statuses].reverse()
  const page = paginate(newestFirst, context.url, context.links.apiUrl)
  return json(200, page.items.map(status => statusPayload(context.state, context.links, deployment, status)), page.headers)
}
