/**
 * `simple-user` payloads for people and bots, and `GET /user`: the token's own account for a
 * person's token; an installation token (a bot, such as a workflow's GITHUB_TOKEN) gets GitHub's
 * 403 "Resource not accessible by integration".
 */
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import type { UserRecord } from '../state.js'
import { nodeId, type Links, type RestContext } from './context.js'
import { forbidden } from './errors.js'

export type SimpleUser = components['schemas']['simple-user']
/** The `private-user` fields a client of `GET /user` reads; the counts and plan are left out. */
export type AuthenticatedUser = SimpleUser & Pick<components['schemas']['private-user'], 'name' | 'email' | 'bio' | 'created_at' | 'updated_at'>

export function userPayload(user: UserRecord, links: Links): SimpleUser {
  const api = `${links.apiUrl}/users/${encodeURIComponent(user.login)}`
  const isBot = user.type === 'Bot'
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(isBot ? 'BOT' : 'U', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: isBot ? `${links.serverUrl}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${links.serverUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false
  }
}

export function getAuthenticatedUser(context: RestContext): Reply {
  const { identity, links, state } = context
  if (identity.type === 'Bot') throw forbidden(identity.type)
  const created = state.repository.created_at
  const user: AuthenticatedUser = { ...userPayload(identity, links), name: null, email: null, bio: null, created_at: created, updated_at: created }
  return json(200, user)
}
