/** The repository: `GET /repos/{owner}/{repo}`, and the repository objects other payloads embed. */
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import type { EmulatorState, Identity } from '../state.js'
import { nodeId, type Links, type RestContext } from './context.js'
import { userPayload } from './users.js'

type Schemas = components['schemas']
type SummaryKey =
  | 'id' | 'node_id' | 'name' | 'full_name' | 'owner' | 'private' | 'html_url' | 'description' | 'fork' | 'url'
  | 'default_branch' | 'visibility' | 'created_at' | 'updated_at' | 'pushed_at' | 'clone_url'
  | 'pulls_url' | 'issues_url' | 'deployments_url' | 'commits_url'

/** The fields of a repository that `minimal-repository` (runs), `repository` (pull request heads) and `full-repository` share. */
export type RepositorySummary = Pick<Schemas['minimal-repository'], SummaryKey> & Pick<Schemas['repository'], SummaryKey> & Pick<Schemas['full-repository'], SummaryKey>
export type RepositoryPayload = Pick<Schemas['full-repository'], SummaryKey | 'permissions' | 'archived' | 'disabled'>

/**
 * The repository, or a fork of it owned by `ownerLogin` (a fork pull request's head repository).
 */
export function repositorySummary(state: EmulatorState, links: Links, ownerLogin = state.repository.owner.login): RepositorySummary {
  const base = state.repository
  const isFork = ownerLogin !== base.owner.login
  const owner = isFork ? state.user(ownerLogin) : base.owner
  const id = isFork ? base.id + owner.id : base.id
  const fullName = `${owner.login}/${base.name}`
  const api = `${links.apiUrl}/repos/${fullName}`
  return {
    id,
    node_id: nodeId('R', id),
    name: base.name,
    full_name: fullName,
    owner: userPayload(owner, links),
    private: base.private,
    html_url: `${links.serverUrl}/${fullName}`,
    description: null,
    fork: isFork,
    url: api,
    default_branch: base.default_branch,
    visibility: base.private ? 'private' : 'public',
    created_at: base.created_at,
    updated_at: base.created_at,
    pushed_at: base.created_at,
    clone_url: `${links.serverUrl}/${fullName}.git`,
    pulls_url: `${api}/pulls{/number}`,
    issues_url: `${api}/issues{/number}`,
    deployments_url: `${api}/deployments`,
    commits_url: `${api}/commits{/sha}`
  }
}

function permissionsOf(identity: Identity): NonNullable<RepositoryPayload['permissions']> {
  const write = identity.permissions === 'write'
  return { admin: false, maintain: false, push: write, triage: write, pull: true }
}

export function getRepository(context: RestContext): Reply {
  const payload: RepositoryPayload = {
    ...repositorySummary(context.state, context.links),
    permissions: permissionsOf(context.identity),
    archived: false,
    disabled: false
  }
  return json(200, payload)
}
